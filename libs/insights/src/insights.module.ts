import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MarketplaceModule } from '@vtask/marketplace';
import { OrdersModule } from '@vtask/orders';
import { ContentMetricsService } from './content-metrics.service';
import { INSIGHTS_ENTITIES } from './entities';
import { PerformanceService } from './performance.service';

const SERVICES = [ContentMetricsService, PerformanceService];

/**
 * Effect (效果可评估): content metrics per deliverable and day, and the performance of orders, tasks, merchants.
 * Not global: it has no options, so whoever needs it imports the module itself (the app, the loaders).
 */
@Module({
  imports: [TypeOrmModule.forFeature(INSIGHTS_ENTITIES), OrdersModule, MarketplaceModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class InsightsModule {}
