import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationTimerHandlers } from './conversation-timer.handlers';
import { CONVERSATIONS_OPTIONS, type ConversationsOptions } from './conversations.options';
import { CONVERSATION_TIMERS, ConversationTimerScheduler } from './conversations.timers';
import { CONVERSATIONS_ENTITIES } from './entities';
import { MessagesService } from './messages.service';
import { ThreadsService } from './threads.service';

/** Messages between the parties of bids and orders. */
@Module({})
export class ConversationsModule {
  static forRoot(options: ConversationsOptions): DynamicModule {
    return {
      module: ConversationsModule,
      imports: [TypeOrmModule.forFeature(CONVERSATIONS_ENTITIES)],
      providers: [
        { provide: CONVERSATIONS_OPTIONS, useValue: options },
        { provide: CONVERSATION_TIMERS, useClass: ConversationTimerScheduler },
        ConversationTimerHandlers,
        ThreadsService,
        MessagesService,
      ],
      exports: [MessagesService],
    };
  }
}
