import { Injectable, type OnModuleInit } from '@nestjs/common';
import { TimersService } from '@vtask/jobs';
import { InvitationsService } from './invitations.service';
import { CLOSE_TASK, EXPIRE_INVITATION } from './marketplace.timers';
import { TasksService } from './tasks.service';

/**
 * What the timers do when they fire. Each handler re-checks the row under a lock, so a timer that
 * fires after the merchant already closed the task (or the creator answered) changes nothing.
 */
@Injectable()
export class MarketplaceTimerHandlers implements OnModuleInit {
  constructor(
    private readonly timers: TimersService,
    private readonly tasks: TasksService,
    private readonly invitations: InvitationsService,
  ) {}

  onModuleInit(): void {
    this.timers.handle<{ taskId: string }>(CLOSE_TASK, ({ taskId }) => this.tasks.closeAtApplyBy(taskId));
    this.timers.handle<{ invitationId: string }>(EXPIRE_INVITATION, ({ invitationId }) =>
      this.invitations.expire(invitationId),
    );
  }
}
