import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@vtask/accounts';
import { configuredModule } from '@vtask/database';
import { MarketplaceModule } from '@vtask/marketplace';
import { OrdersModule } from '@vtask/orders';
import { ClickRecorderService } from './click-recorder.service';
import { ContentMetricsService } from './content-metrics.service';
import { ConversionKeysService } from './conversion-keys.service';
import { ConversionsService } from './conversions.service';
import { INSIGHTS_ENTITIES } from './entities';
import { INSIGHTS_OPTIONS, type InsightsOptions } from './insights.options';
import { PerformanceService } from './performance.service';
import { ShowcaseService } from './showcase.service';
import { TrackingLinksService } from './tracking-links.service';

const SERVICES = [
  ContentMetricsService,
  PerformanceService,
  TrackingLinksService,
  ClickRecorderService,
  ConversionKeysService,
  ConversionsService,
  ShowcaseService,
];

/**
 * Effect (效果可评估): content metrics per deliverable and day, the performance of orders, tasks and
 * merchants, and what the platform counts itself: tracking links, their clicks and signed sales, and the
 * venue showcase. Not global: whoever needs it imports the module (the app, the loaders); its settings
 * come once from the app (`forRoot`).
 */
@Module({
  imports: [TypeOrmModule.forFeature(INSIGHTS_ENTITIES), AccountsModule, OrdersModule, MarketplaceModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class InsightsModule {
  static forRoot(options: InsightsOptions): DynamicModule {
    return configuredModule(InsightsModule, [{ provide: INSIGHTS_OPTIONS, useValue: options }]);
  }
}
