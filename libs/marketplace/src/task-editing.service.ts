import { Injectable } from '@nestjs/common';
import { type Channel, type CreatorTier, TagsService } from '@vtask/accounts';
import { DomainError, inputErrors, InputErrors, Money, type Viewer } from '@vtask/core';
import { fromNow, hasPassed } from '@vtask/database';
import { TimersService } from '@vtask/jobs';
import { dealTermsOf, type UsageRights } from '@vtask/orders';
import { DataSource, type EntityManager } from 'typeorm';
import { TaskEntity } from './entities/task.entity';
import { MarketplaceErrors } from './marketplace.errors';
import { MarketplaceNotifier } from './marketplace.notifications';
import { TaskStatus } from './marketplace.states';
import { MarketplaceTimers } from './marketplace.timers';
import { taskTermsProblems } from './task-terms';
import { requireMerchant, TasksService } from './tasks.service';

/** The terms a merchant may change on a task; an absent (or null) field stays as it is. */
export interface UpdateTaskCommand {
  title?: string | null;
  brief?: string | null;
  channels?: Channel[] | null;
  domainTags?: string[] | null;
  minTier?: CreatorTier | null;
  budget?: Money | null;
  slots?: number | null;
  applyBy?: Date | null;
  deliverBy?: Date | null;
  maxRevisions?: number | null;
  usageRights?: UsageRights | null;
  retentionDays?: number | null;
}

/** Which terms changed, by their API names (the notification to creators lists them). */
type ChangedTerm = keyof UpdateTaskCommand;

/**
 * Editing and duplicating tasks. A task's terms can change until a creator is hired on them (an
 * accepted bid or invitation copied them into an order); the creators who are waiting on the task
 * hear of every change in the same transaction.
 */
@Injectable()
export class TaskEditingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tags: TagsService,
    private readonly tasks: TasksService,
    private readonly timers: TimersService,
    private readonly notifier: MarketplaceNotifier,
  ) {}

  async update(viewer: Viewer, taskId: string, command: UpdateTaskCommand): Promise<TaskEntity> {
    requireMerchant(viewer);
    const domainTags = command.domainTags ? await this.tags.validate(command.domainTags, 'domainTags') : null;
    return this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lockOwnTask(manager, viewer, taskId);
      if (task.status !== TaskStatus.DRAFT && task.status !== TaskStatus.OPEN) {
        throw MarketplaceErrors.taskNotEditable(task.status);
      }
      if (await anyResponse(manager, task.id, 'ACCEPTED')) throw MarketplaceErrors.creatorAlreadyHired();

      const budget = command.budget ?? Money.of(task.budgetMinor, task.currency);
      const next: EditableColumns = {
        title: command.title?.trim() ?? task.title,
        brief: command.brief?.trim() ?? task.brief,
        channels: command.channels ? [...new Set(command.channels)] : task.channels,
        domainTags: domainTags ?? task.domainTags,
        minTier: command.minTier ?? task.minTier,
        currency: budget.currency,
        budgetMinor: budget.minor,
        slots: command.slots ?? task.slots,
        applyBy: command.applyBy ?? task.applyBy,
        deliverBy: command.deliverBy ?? task.deliverBy,
        maxRevisions: command.maxRevisions ?? task.maxRevisions,
        ...dealTermsOf(command.usageRights ?? task.usageRights, command.retentionDays ?? task.retentionDays),
      };
      const problems = taskTermsProblems({ ...next, budget }, task.slotsFilled);
      if (budget.currency !== task.currency && (await anyResponse(manager, task.id, 'PENDING'))) {
        problems.push(MarketplaceErrors.budgetCurrencyFixed());
      }
      if (problems.length) throw inputErrors(problems);

      const changed = changedTerms(task, next);
      if (!changed.length) return task;
      const applyByMoved = changed.includes('applyBy');
      if (applyByMoved && (await hasPassed(manager, next.applyBy))) throw InputErrors.notInFuture('applyBy');
      if (task.venueId && changed.includes('deliverBy')) {
        await this.tasks.checkVenue(manager, task.venueId, next.deliverBy);
      }

      await manager.getRepository(TaskEntity).update({ id: task.id }, next);
      const updated = await manager.getRepository(TaskEntity).findOneByOrFail({ id: task.id });
      // The close timer has one key per task: moving applyBy replaces it (earlier or later).
      if (applyByMoved && updated.status === TaskStatus.OPEN) {
        await this.timers.reschedule(
          MarketplaceTimers.closeTaskAtApplyBy,
          { taskId: task.id },
          next.applyBy,
          {
            manager,
          },
        );
      }
      await this.notifier.taskUpdated(manager, updated, changed);
      return updated;
    });
  }

  /**
   * A DRAFT copy of the merchant's task, to post the same work again. Its dates keep the original's
   * spans, counted from now (applying took as long after posting, delivering as long after applying),
   * so the copy is valid as it stands and the merchant adjusts them before publishing. Its venue is
   * kept only while the moved deliverBy still meets the venue's deadline. Bids, invitations and
   * filled slots stay with the original.
   */
  async duplicate(viewer: Viewer, taskId: string): Promise<TaskEntity> {
    const merchantId = requireMerchant(viewer);
    return this.dataSource.transaction(async (manager) => {
      const original = await manager.getRepository(TaskEntity).findOneBy({ id: taskId });
      if (!original || !(await this.tasks.canSee(viewer, original))) throw MarketplaceErrors.taskNotFound();
      if (original.merchantId !== merchantId) throw MarketplaceErrors.notYourTask();

      const applySpanS = Math.max(0, original.applyBy.getTime() - original.createdAt.getTime()) / 1000;
      const deliverSpanMs = original.deliverBy.getTime() - original.applyBy.getTime();
      const applyBy = await fromNow(manager, applySpanS);
      const deliverBy = new Date(applyBy.getTime() + deliverSpanMs);
      const venueId = original.venueId && (await this.venueTakes(manager, original.venueId, deliverBy));

      return manager.getRepository(TaskEntity).save(
        manager.create(TaskEntity, {
          merchantId,
          title: original.title,
          brief: original.brief,
          contentType: original.contentType,
          channels: original.channels,
          domainTags: original.domainTags,
          minTier: original.minTier,
          currency: original.currency,
          budgetMinor: original.budgetMinor,
          slots: original.slots,
          slotsFilled: 0,
          applyBy,
          deliverBy,
          maxRevisions: original.maxRevisions,
          usageRights: original.usageRights,
          retentionDays: original.retentionDays,
          visibility: original.visibility,
          status: TaskStatus.DRAFT,
          venueId: venueId || null,
          cancelReason: null,
        }),
      );
    });
  }

  /** The venue, if it still takes a task delivered by `deliverBy` (the copy leaves it otherwise). */
  private async venueTakes(manager: EntityManager, venueId: string, deliverBy: Date): Promise<string | null> {
    try {
      await this.tasks.checkVenue(manager, venueId, deliverBy);
      return venueId;
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  }
}

/** Whether any bid of the task, or invitation to it, is in `status` (both tables name it alike). */
async function anyResponse(
  manager: EntityManager,
  taskId: string,
  status: 'ACCEPTED' | 'PENDING',
): Promise<boolean> {
  const [row] = await manager.query<{ found: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM bids WHERE task_id = $1 AND status::text = $2)
         OR EXISTS (SELECT 1 FROM invitations WHERE task_id = $1 AND status::text = $2) AS found`,
    [taskId, status],
  );
  return row.found;
}

/** The columns an edit writes. */
type EditableColumns = Pick<
  TaskEntity,
  | 'title'
  | 'brief'
  | 'channels'
  | 'domainTags'
  | 'minTier'
  | 'currency'
  | 'budgetMinor'
  | 'slots'
  | 'applyBy'
  | 'deliverBy'
  | 'maxRevisions'
  | 'usageRights'
  | 'retentionDays'
>;

const PLAIN_TERMS = [
  'title',
  'brief',
  'channels',
  'domainTags',
  'minTier',
  'slots',
  'applyBy',
  'deliverBy',
  'maxRevisions',
  'usageRights',
  'retentionDays',
] as const satisfies readonly (ChangedTerm & keyof EditableColumns)[];

function changedTerms(task: TaskEntity, next: EditableColumns): ChangedTerm[] {
  // Usage rights come back from jsonb with their keys in its order: compared with the keys sorted.
  const canonical = (value: unknown) =>
    JSON.stringify(value, value && typeof value === 'object' ? Object.keys(value).sort() : undefined);
  const same = (a: unknown, b: unknown) =>
    a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : canonical(a) === canonical(b);
  const changed: ChangedTerm[] = PLAIN_TERMS.filter((term) => !same(task[term], next[term]));
  if (task.currency !== next.currency || task.budgetMinor !== next.budgetMinor) changed.push('budget');
  return changed;
}
