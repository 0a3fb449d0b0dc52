import { Injectable } from '@nestjs/common';
import { TimersService } from '@vtask/jobs';
import type { EntityManager } from 'typeorm';
import type { InvitationEntity } from './entities/invitation.entity';
import type { TaskEntity } from './entities/task.entity';

export const MARKETPLACE_TIMERS = Symbol('MARKETPLACE_TIMERS');

export const CLOSE_TASK = 'marketplace.close-task-at-apply-by';
export const EXPIRE_INVITATION = 'marketplace.expire-invitation';

/** The market's durable timers, written in the same transaction as the change that needs them. */
export interface MarketplaceTimers {
  closeTaskAtApplyBy(manager: EntityManager, task: TaskEntity): Promise<void>;
  expireInvitation(manager: EntityManager, invitation: InvitationEntity): Promise<void>;
}

@Injectable()
export class MarketplaceTimerScheduler implements MarketplaceTimers {
  constructor(private readonly timers: TimersService) {}

  closeTaskAtApplyBy(manager: EntityManager, task: TaskEntity): Promise<void> {
    return this.timers.schedule(CLOSE_TASK, { taskId: task.id }, task.applyBy, task.id, { manager });
  }

  expireInvitation(manager: EntityManager, invitation: InvitationEntity): Promise<void> {
    return this.timers.schedule(
      EXPIRE_INVITATION,
      { invitationId: invitation.id },
      invitation.expiresAt,
      invitation.id,
      {
        manager,
      },
    );
  }
}
