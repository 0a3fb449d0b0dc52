export * from './agency-invitation.notifications';
export * from './entities';
export * from './live-events';
export * from './live-events.service';
export * from './live-stream';
export * from './notification-type';
export * from './notifications.module';
export * from './notifications.service';
