import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@vtask/accounts';
import { configuredModule } from '@vtask/database';
import { AgencyInvitationNotifications } from './agency-invitation.notifications';
import { NOTIFICATIONS_ENTITIES } from './entities';
import { LiveEvents, NOTIFICATIONS_OPTIONS, type NotificationsOptions } from './live-events.service';
import { NotificationsService } from './notifications.service';
import { ViewerCacheInvalidation } from './viewer-cache.invalidation';

/**
 * Stored notifications: a domain imports this module, injects `NotificationsService` and writes in its
 * own transaction. `LiveEvents` pushes stored notifications and order changes to subscribers on every
 * server instance. Not global; configured by `forRoot` in the composition root.
 */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATIONS_ENTITIES), AccountsModule],
  providers: [LiveEvents, NotificationsService, AgencyInvitationNotifications, ViewerCacheInvalidation],
  exports: [NotificationsService, LiveEvents],
})
export class NotificationsModule {
  static forRoot(options: NotificationsOptions): DynamicModule {
    return configuredModule(NotificationsModule, [{ provide: NOTIFICATIONS_OPTIONS, useValue: options }]);
  }
}
