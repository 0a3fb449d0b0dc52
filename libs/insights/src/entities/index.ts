import { ContentMetricEntity } from './content-metric.entity';
import { ConversionKeyEntity } from './conversion-key.entity';
import { LinkClickEntity } from './link-click.entity';
import { LinkConversionEntity } from './link-conversion.entity';
import { TrackingLinkEntity } from './tracking-link.entity';

export {
  ContentMetricEntity,
  ConversionKeyEntity,
  LinkClickEntity,
  LinkConversionEntity,
  TrackingLinkEntity,
};

export const INSIGHTS_ENTITIES = [
  ContentMetricEntity,
  TrackingLinkEntity,
  LinkClickEntity,
  LinkConversionEntity,
  ConversionKeyEntity,
];
