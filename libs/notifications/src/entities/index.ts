import { NotificationEntity } from './notification.entity';

export { NotificationEntity };

export const NOTIFICATIONS_ENTITIES = [NotificationEntity];
