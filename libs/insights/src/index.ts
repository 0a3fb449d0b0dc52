export { CLICK_FLUSH_INTERVAL_MS, ClickRecorderService, type ClickVisitor } from './click-recorder.service';
export { ContentMetricsService } from './content-metrics.service';
export type { ContentFigures, ContentPerformance, PublicReach, VerifiedFigures } from './content-performance';
export { publicReachOf } from './content-performance';
export type { CreatorResults } from './creator-results';
export { ConversionKeysService, type ConversionKeyView } from './conversion-keys.service';
export { ConversionsService, SIGNATURE_TOLERANCE_S, type ConversionReceipt } from './conversions.service';
export { INSIGHTS_ENTITIES } from './entities';
export { InsightsErrors } from './insights.errors';
export { InsightsModule } from './insights.module';
export type { InsightsOptions } from './insights.options';
export { PerformanceService, creatorKey, merchantKey } from './performance.service';
export type { CreatorPerformanceKey, DailyFigures, MerchantPerformanceKey } from './performance.service';
export {
  SHOWCASE_MAX_FIRST,
  ShowcaseService,
  type ShopperContext,
  type ShowcaseEntry,
} from './showcase.service';
export {
  MAX_LINKS_PER_DELIVERABLE,
  TrackingLinksService,
  type LinkTarget,
  type TrackingLinkDay,
  type TrackingLinkView,
} from './tracking-links.service';
