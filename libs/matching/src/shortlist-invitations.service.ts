import { Injectable } from '@nestjs/common';
import { DomainError, InputErrors, type Money, type Viewer } from '@vtask/core';
import { InvitationsService, TasksService, type InvitationEntity } from '@vtask/marketplace';
import { isUUID } from 'class-validator';
import { MatchingErrors } from './matching.errors';
import { ShortlistsService } from './shortlists.service';

/** As `inviteCreator`'s message. */
const MAX_INVITATION_MESSAGE_LENGTH = 2000;

export interface SkippedCreator {
  creatorId: string;
  /** What the single invitation refused with: its code, and its wording for the reader. */
  error: DomainError;
}

export interface BulkInvitation {
  invited: InvitationEntity[];
  skipped: SkippedCreator[];
}

/**
 * `inviteShortlist`: each creator of the list is invited exactly as `inviteCreator` would (the same
 * service call, in its own transaction), so one refusal (tier, a pending invitation, slots filled ...)
 * undoes nothing else and is reported, never dropped. What concerns the task itself (not the merchant's,
 * another currency) is refused once, before anyone is invited.
 */
@Injectable()
export class ShortlistInvitationsService {
  constructor(
    private readonly shortlists: ShortlistsService,
    private readonly tasks: TasksService,
    private readonly invitations: InvitationsService,
  ) {}

  async inviteAll(
    viewer: Viewer,
    command: { shortlistId: string; taskId: string; price?: Money | null; message?: string | null },
  ): Promise<BulkInvitation> {
    if ((command.message?.length ?? 0) > MAX_INVITATION_MESSAGE_LENGTH) {
      throw InputErrors.tooLong('message', MAX_INVITATION_MESSAGE_LENGTH);
    }
    const list = await this.shortlists.find(viewer, command.shortlistId);
    const [task] = isUUID(command.taskId) ? await this.tasks.byIds([command.taskId]) : [];
    if (!task || task.merchantId !== viewer.merchantId) throw MatchingErrors.taskNotFound();
    if (command.price && command.price.currency !== task.currency) {
      throw InputErrors.wrongCurrency('price.currencyCode', 'task', task.currency);
    }
    if (command.price && !command.price.isPositive()) throw InputErrors.notPositive('price.amount');

    const result: BulkInvitation = { invited: [], skipped: [] };
    for (const member of await this.shortlists.allMembers(list)) {
      try {
        result.invited.push(
          await this.invitations.invite(viewer, {
            taskId: task.id,
            creatorId: member.creatorId,
            price: command.price,
            message: command.message,
          }),
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        result.skipped.push({ creatorId: member.creatorId, error });
      }
    }
    return result;
  }
}
