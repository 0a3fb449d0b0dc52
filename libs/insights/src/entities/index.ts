import { ContentMetricEntity } from './content-metric.entity';

export { ContentMetricEntity };

export const INSIGHTS_ENTITIES = [ContentMetricEntity];
