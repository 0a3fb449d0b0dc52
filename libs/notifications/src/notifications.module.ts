import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NOTIFICATIONS_ENTITIES } from './entities';
import { NotificationsService } from './notifications.service';

/** Stored notifications: any domain injects `NotificationsService` and writes in its own transaction. */
@Module({})
export class NotificationsModule {
  static forRoot(): DynamicModule {
    return {
      module: NotificationsModule,
      global: true,
      imports: [TypeOrmModule.forFeature(NOTIFICATIONS_ENTITIES)],
      providers: [NotificationsService],
      exports: [NotificationsService],
    };
  }
}
