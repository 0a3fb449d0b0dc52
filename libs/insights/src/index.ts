export { ContentMetricsService } from './content-metrics.service';
export type { ContentFigures, ContentPerformance } from './content-performance';
export { INSIGHTS_ENTITIES } from './entities';
export { InsightsModule } from './insights.module';
export { PerformanceService, merchantKey } from './performance.service';
export type { DailyFigures, MerchantPerformanceKey } from './performance.service';
