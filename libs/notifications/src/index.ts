export * from './entities';
export * from './notification-type';
export * from './notifications.module';
export * from './notifications.service';
