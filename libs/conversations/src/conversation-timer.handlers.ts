import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TimersService } from '@vtask/jobs';
import { NOTICE_UNREAD } from './conversations.timers';
import { MessagesService } from './messages.service';

/** What the conversation timers do when they fire (idempotent: the notice is claimed by one write). */
@Injectable()
export class ConversationTimerHandlers implements OnModuleInit {
  constructor(
    private readonly timers: TimersService,
    private readonly messages: MessagesService,
  ) {}

  onModuleInit(): void {
    this.timers.handle<{ messageId: string }>(NOTICE_UNREAD, ({ messageId }) =>
      this.messages.noticeUnread(messageId),
    );
  }
}
