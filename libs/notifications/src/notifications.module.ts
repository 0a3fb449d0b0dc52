import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AGENCY_INVITATION_NOTIFIER } from '@vtask/accounts';
import { AgencyInvitationNotifications } from './agency-invitation.notifications';
import { NOTIFICATIONS_ENTITIES } from './entities';
import { LiveEvents, NOTIFICATIONS_OPTIONS, type NotificationsOptions } from './live-events.service';
import { NotificationsService } from './notifications.service';
import { ViewerCacheInvalidation } from './viewer-cache.invalidation';

/**
 * Stored notifications: any domain injects `NotificationsService` and writes in its own transaction.
 * `LiveEvents` pushes stored notifications and order changes to subscribers on every server instance.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsOptions): DynamicModule {
    return {
      module: NotificationsModule,
      global: true,
      imports: [TypeOrmModule.forFeature(NOTIFICATIONS_ENTITIES)],
      providers: [
        { provide: NOTIFICATIONS_OPTIONS, useValue: options },
        LiveEvents,
        NotificationsService,
        AgencyInvitationNotifications,
        ViewerCacheInvalidation,
        { provide: AGENCY_INVITATION_NOTIFIER, useExisting: AgencyInvitationNotifications },
      ],
      exports: [NotificationsService, LiveEvents, AGENCY_INVITATION_NOTIFIER],
    };
  }
}
