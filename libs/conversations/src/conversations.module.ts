import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@vtask/accounts';
import { timerHandlers } from '@vtask/jobs';
import { MarketplaceModule } from '@vtask/marketplace';
import { NotificationsModule } from '@vtask/notifications';
import { OrdersModule } from '@vtask/orders';
import { CONVERSATIONS_OPTIONS, type ConversationsOptions } from './conversations.options';
import { ConversationTimers } from './conversations.timers';
import { CONVERSATIONS_ENTITIES } from './entities';
import { MessagesService } from './messages.service';
import { ThreadsService } from './threads.service';

/** Messages between the parties of bids and orders. */
@Module({})
export class ConversationsModule {
  static forRoot(options: ConversationsOptions): DynamicModule {
    return {
      module: ConversationsModule,
      imports: [
        TypeOrmModule.forFeature(CONVERSATIONS_ENTITIES),
        AccountsModule,
        NotificationsModule,
        OrdersModule,
        MarketplaceModule,
      ],
      providers: [
        { provide: CONVERSATIONS_OPTIONS, useValue: options },
        // Idempotent: the notice is claimed by one conditional write.
        timerHandlers(ConversationTimers, [MessagesService], (messages: MessagesService) => ({
          noticeUnread: ({ messageId }) => messages.noticeUnread(messageId),
        })),
        ThreadsService,
        MessagesService,
      ],
      exports: [MessagesService],
    };
  }
}
