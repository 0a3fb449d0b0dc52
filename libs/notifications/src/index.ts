export { NOTIFICATIONS_ENTITIES } from './entities';
export { LiveTopic } from './live-events';
export { LiveEvents } from './live-events.service';
export { RecentIds, liveStream } from './live-stream';
export { NotificationType } from './notification-type';
export { NotificationsModule } from './notifications.module';
export { NotificationsService } from './notifications.service';
export type { NotifyCommand } from './notifications.service';
