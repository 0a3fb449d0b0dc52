import { Injectable } from '@nestjs/common';
import { TimersService } from '@vtask/jobs';
import type { EntityManager } from 'typeorm';
import type { MessageEntity } from './entities/message.entity';

export const CONVERSATION_TIMERS = Symbol('CONVERSATION_TIMERS');

export const NOTICE_UNREAD = 'conversations.notice-unread-message';

/** The conversations' durable timers, written in the transaction that stores the message. */
export interface ConversationTimers {
  /** A while after a message: tell the parties who have not read it. */
  unreadNotice(manager: EntityManager, message: MessageEntity, afterSeconds: number): Promise<void>;
}

@Injectable()
export class ConversationTimerScheduler implements ConversationTimers {
  constructor(private readonly timers: TimersService) {}

  unreadNotice(manager: EntityManager, message: MessageEntity, afterSeconds: number): Promise<void> {
    // From the message's own time, which the database stamped: timers are due by the database clock.
    const at = new Date(message.createdAt.getTime() + afterSeconds * 1000);
    return this.timers.schedule(NOTICE_UNREAD, { messageId: message.id }, at, message.id, { manager });
  }
}
