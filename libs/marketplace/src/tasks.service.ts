import { Injectable } from '@nestjs/common';
import { CreatorTier, TagsService, tiersUpTo, type CreatorEntity } from '@vtask/accounts';
import {
  CursorParts,
  inputErrors,
  InputErrors,
  type Money,
  Role,
  type CursorPart,
  type Page,
  type PageArgs,
  type Viewer,
} from '@vtask/core';
import { anyFilterSet, applyTransition, listPage, textContains, type Keyset } from '@vtask/database';
import { TimersService } from '@vtask/jobs';
import { dealTermsOf, OrderPublicationService, OrdersService } from '@vtask/orders';
import type { KeyedOrderNote, OrderEntity, OrderSource } from '@vtask/orders';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { hasPassed } from '@vtask/database';
import { BidEntity } from './entities/bid.entity';
import { InvitationEntity } from './entities/invitation.entity';
import { TaskEntity } from './entities/task.entity';
import { MarketplaceErrors } from './marketplace.errors';
import {
  BID_TRANSITIONS,
  BidStatus,
  INVITATION_TRANSITIONS,
  InvitationStatus,
  TASK_TRANSITIONS,
  TaskStatus,
  TaskVisibility,
} from './marketplace.states';
import { TaskOrder, type PostTaskCommand, type TaskFilter } from './post-task.command';
import { MarketplaceTimers } from './marketplace.timers';
import { DEFAULT_TASK_REVISIONS, taskTermsProblems } from './task-terms';
import type { VenueDirectory } from './venue-directory';

/** A budget in a cursor: minor units as a decimal string (a bigint does not fit JSON numbers). */
const MINOR_UNITS: CursorPart = (value) => typeof value === 'string' && /^\d{1,19}$/.test(value);

/**
 * Each order's sort column and cursor key. `cursor` checks a client's cursor before its values reach SQL:
 * a forged cursor, or one taken from a list in another order, is an input error, not a failed query.
 */
const SORT_KEYS: Record<TaskOrder, Keyset<TaskEntity>> = {
  [TaskOrder.NEWEST]: {
    direction: 'DESC',
    columns: [
      { sql: 't.created_at', cursor: CursorParts.timestamp },
      { sql: 't.id', cursor: CursorParts.uuid },
    ],
    key: (task) => [task.createdAt.toISOString(), task.id],
  },
  [TaskOrder.APPLY_BY_SOONEST]: {
    direction: 'ASC',
    columns: [
      { sql: 't.apply_by', cursor: CursorParts.timestamp },
      { sql: 't.id', cursor: CursorParts.uuid },
    ],
    key: (task) => [task.applyBy.toISOString(), task.id],
  },
  [TaskOrder.BUDGET_HIGHEST]: {
    direction: 'DESC',
    columns: [
      { sql: 't.budget_minor', cursor: MINOR_UNITS, cast: 'bigint' },
      { sql: 't.id', cursor: CursorParts.uuid },
    ],
    key: (task) => [task.budgetMinor.toString(), task.id],
  },
};

/** Longest cancel or reject reason (the columns' length). */
export const REASON_MAX_LENGTH = 500;

/** Tasks: posting, publishing, closing, cancelling, and the feed. */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tags: TagsService,
    private readonly orders: OrdersService,
    private readonly publications: OrderPublicationService,
    private readonly timers: TimersService,
  ) {}
  private venues: VenueDirectory | null = null;

  /** For the venues lib, at boot: a venue task's deliverBy is checked against its venue. */
  useVenueDirectory(venues: VenueDirectory): void {
    this.venues = venues;
  }

  /**
   * A closed task completes once every order it produced is final (a closed task without orders
   * stays CLOSED: nothing was dealt).
   */
  async completeIfDone(manager: EntityManager, taskId: string): Promise<void> {
    const task = await this.lockTask(manager, taskId);
    if (task) await this.completeLockedIfDone(manager, task);
  }

  /** completeIfDone for a task this transaction has locked already (`task` as it stands now). */
  private async completeLockedIfDone(manager: EntityManager, task: TaskEntity): Promise<TaskEntity> {
    if (task.status !== TaskStatus.CLOSED || task.slotsFilled === 0) return task;
    if (!(await this.orders.allFinalForTask(manager, task.id))) return task;
    return applyTransition(manager, TaskEntity, TASK_TRANSITIONS, 'COMPLETE', task.id);
  }

  async post(viewer: Viewer, command: PostTaskCommand): Promise<TaskEntity> {
    const merchantId = requireMerchant(viewer);
    const domainTags = await this.tags.validate(command.domainTags, 'domainTags');
    const maxRevisions = command.maxRevisions ?? DEFAULT_TASK_REVISIONS;
    const problems = taskTermsProblems({ ...command, maxRevisions });
    if (problems.length) throw inputErrors(problems);

    const task = await this.dataSource.transaction(async (manager) => {
      if (await hasPassed(manager, command.applyBy)) throw InputErrors.notInFuture('applyBy');
      if (command.venueId) await this.checkVenue(manager, command.venueId, command.deliverBy);
      const status = command.publish ? TaskStatus.OPEN : TaskStatus.DRAFT;
      const saved = await manager.getRepository(TaskEntity).save(
        manager.create(TaskEntity, {
          merchantId,
          title: command.title.trim(),
          brief: command.brief.trim(),
          contentType: command.contentType,
          channels: [...new Set(command.channels)],
          domainTags,
          minTier: command.minTier ?? CreatorTier.CREATOR,
          currency: command.budget.currency,
          budgetMinor: command.budget.minor,
          slots: command.slots,
          slotsFilled: 0,
          applyBy: command.applyBy,
          deliverBy: command.deliverBy,
          maxRevisions,
          visibility: command.visibility ?? TaskVisibility.PUBLIC,
          status,
          venueId: command.venueId ?? null,
          cancelReason: null,
          ...dealTermsOf(command.usageRights, command.retentionDays),
        }),
      );
      if (status === TaskStatus.OPEN) await this.closeAtApplyByLater(manager, saved);
      return saved;
    });
    return task;
  }

  async publish(viewer: Viewer, taskId: string): Promise<TaskEntity> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.lockOwnTask(manager, viewer, taskId);
      TASK_TRANSITIONS.assert('PUBLISH', task.status);
      if (await hasPassed(manager, task.applyBy)) {
        throw MarketplaceErrors.applyByPassedRepost();
      }
      const published = await applyTransition(manager, TaskEntity, TASK_TRANSITIONS, 'PUBLISH', task.id);
      await this.closeAtApplyByLater(manager, published);
      return published;
    });
  }

  /** The merchant stops taking bids; pending bids and invitations expire. */
  async close(viewer: Viewer, taskId: string): Promise<TaskEntity> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.lockOwnTask(manager, viewer, taskId);
      TASK_TRANSITIONS.assert('CLOSE', task.status);
      return this.closeLocked(manager, task);
    });
  }

  /** Arms the applyBy timer of an open task, in the transaction that opened it. */
  closeAtApplyByLater(manager: EntityManager, task: TaskEntity): Promise<void> {
    return this.timers.schedule(MarketplaceTimers.closeTaskAtApplyBy, { taskId: task.id }, task.applyBy, {
      manager,
    });
  }

  /** The applyBy timer: closes the task if it is still open and applyBy has passed; otherwise nothing. */
  async closeAtApplyBy(taskId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const task = await this.lockTask(manager, taskId);
      if (!task || task.status !== TaskStatus.OPEN || !(await hasPassed(manager, task.applyBy))) return;
      await this.closeLocked(manager, task);
    });
  }

  /**
   * Cancels the task with its unfunded orders, pending bids and invitations. A task with funded or
   * settled orders cannot be cancelled: those orders are cancelled (refunded) first, or the task closed.
   */
  async cancel(viewer: Viewer, taskId: string, reason: string): Promise<TaskEntity> {
    if (!reason.trim()) throw MarketplaceErrors.cancelReasonMissing();
    // The column holds 500 characters: longer text must be an input error, not a failed insert.
    if (reason.trim().length > REASON_MAX_LENGTH) {
      throw InputErrors.tooLong('reason', REASON_MAX_LENGTH);
    }
    return this.dataSource.transaction(async (manager) => {
      const task = await this.lockOwnTask(manager, viewer, taskId);
      TASK_TRANSITIONS.assert('CANCEL', task.status);
      if (await this.orders.taskHasFundedOrSettledOrders(manager, task.id)) {
        throw MarketplaceErrors.fundedOrders();
      }
      await this.orders.cancelUnfundedForTask(manager, task.id, viewer.userId, reason.trim());
      await this.expireOpenResponses(manager, task.id);
      return applyTransition(manager, TaskEntity, TASK_TRANSITIONS, 'CANCEL', task.id, {
        cancelReason: reason.trim(),
      });
    });
  }

  /** The task as the viewer may see it: drafts and invite-only tasks only to their merchant, admins and invitees. */
  async findVisible(viewer: Viewer | null, taskId: string): Promise<TaskEntity | null> {
    const task = await this.dataSource.getRepository(TaskEntity).findOneBy({ id: taskId });
    if (!task) return null;
    return (await this.canSee(viewer, task)) ? task : null;
  }

  async canSee(viewer: Viewer | null, task: TaskEntity): Promise<boolean> {
    if (viewer?.role === Role.ADMIN || (viewer?.merchantId && viewer.merchantId === task.merchantId))
      return true;
    if (task.status === TaskStatus.DRAFT) return false;
    if (task.visibility === TaskVisibility.PUBLIC) return true;
    if (!viewer?.creatorId) return false;
    return this.dataSource
      .getRepository(InvitationEntity)
      .existsBy({ taskId: task.id, creatorId: viewer.creatorId });
  }

  async byIds(ids: readonly string[]): Promise<TaskEntity[]> {
    if (!ids.length) return [];
    return this.dataSource.getRepository(TaskEntity).findBy({ id: In([...ids]) });
  }

  /** The feed: public, non-draft tasks, plus the viewer's own tasks when they are a merchant (admins see all). */
  async search(
    viewer: Viewer | null,
    filter: TaskFilter,
    order: TaskOrder | null,
    page: PageArgs,
  ): Promise<Page<TaskEntity>> {
    const query = this.dataSource.getRepository(TaskEntity).createQueryBuilder('t');
    this.onlyVisible(viewer, query);
    if (filter.status) query.andWhere('t.status = :status', { status: filter.status });
    if (filter.domainTags?.length) {
      query.andWhere('t.domain_tags && :tags', { tags: await this.tags.expand(filter.domainTags) });
    }
    if (filter.contentType)
      query.andWhere('t.content_type = :contentType', { contentType: filter.contentType });
    if (filter.channel) query.andWhere(':channel = ANY(t.channels)', { channel: filter.channel });
    if (filter.eligibleForTier)
      query.andWhere('t.min_tier IN (:...tiers)', { tiers: tiersUpTo(filter.eligibleForTier) });
    if (filter.venueId) query.andWhere('t.venue_id = :venueId', { venueId: filter.venueId });
    if (filter.merchantId) query.andWhere('t.merchant_id = :merchantId', { merchantId: filter.merchantId });
    if (filter.search?.trim()) {
      // Chinese through the CJK gram index, other text through the trigram index (migrations).
      const match = textContains(`(t.title || ' ' || t.brief)`, filter.search.trim());
      query.andWhere(match.sql, match.params);
    }
    return listPage(query, page, SORT_KEYS[order ?? TaskOrder.NEWEST], {
      exactCount: () => this.countFromFeedCounters(viewer, filter),
    });
  }

  /**
   * The feed's total from the counters the database keeps (migration TaskFeedCounters): exact and one
   * indexed read, for what the public feed asks most — public tasks by status and at most one tag. Null
   * for any other filter, or for a viewer who also sees tasks of their own (merchants, admins).
   */
  private async countFromFeedCounters(viewer: Viewer | null, filter: TaskFilter): Promise<number | null> {
    if (viewer?.role === Role.ADMIN || viewer?.merchantId) return null;
    const { status, domainTags, ...others } = filter;
    if (anyFilterSet(others) || (domainTags?.length ?? 0) > 1) return null;
    // Drafts are never in the public feed, though the counters keep them (a publish moves them over).
    const statuses = Object.values(TaskStatus).filter(
      (candidate) => candidate !== TaskStatus.DRAFT && (!status || candidate === status),
    );
    const [row] = (await this.dataSource.query(
      `SELECT coalesce(sum(n), 0)::int AS n FROM task_feed_counters WHERE tag = $1 AND status = ANY($2)`,
      [domainTags?.[0] ?? '', statuses],
    )) as { n: number }[];
    return row.n;
  }

  /** Locks the task row: every slot-filling action on a task serializes here. */
  lockTask(manager: EntityManager, taskId: string): Promise<TaskEntity | null> {
    return manager
      .getRepository(TaskEntity)
      .findOne({ where: { id: taskId }, lock: { mode: 'pessimistic_write' } });
  }

  /** CONFLICT unless the (locked) task is OPEN with a slot left. */
  assertSlotFree(task: TaskEntity): void {
    if (task.status !== TaskStatus.OPEN) throw MarketplaceErrors.taskNotOpen(task.status);
    if (task.slotsFilled >= task.slots) throw MarketplaceErrors.slotsFull();
  }

  /**
   * A creator takes one of the task's slots (an accepted bid or invitation): an order on the task's
   * terms at the agreed price, then the slot filled. The caller's bid or invitation has left PENDING
   * first: filling the last slot closes the task, which expires every response still pending and
   * completes a closed task whose orders are all final (with no order yet, it would complete at once).
   */
  async awardSlot(
    manager: EntityManager,
    task: TaskEntity,
    award: {
      source: OrderSource;
      /** The creator's profile, as the caller read it checking that they may work (not read again). */
      creator: CreatorEntity;
      price: Money;
      actorUserId: string;
      note: KeyedOrderNote;
    },
  ): Promise<OrderEntity> {
    await this.publications.assertNotExclusiveElsewhere(manager, award.creator.id, task.merchantId);
    const order = await this.orders.create(manager, {
      ...award,
      creatorId: award.creator.id,
      merchantId: task.merchantId,
      taskId: task.id,
      brief: task.brief,
      contentType: task.contentType,
      deliverBy: task.deliverBy,
      maxRevisions: task.maxRevisions,
      usageRights: task.usageRights,
      retentionDays: task.retentionDays,
    });
    // The order just made is not final, so closing the task on its last slot cannot complete it.
    await this.fillSlot(manager, task, { openOrderAwarded: true });
    return order;
  }

  /** Fills a slot of a locked open task; the last one closes it, expiring pending bids and invitations. */
  async fillSlot(
    manager: EntityManager,
    task: TaskEntity,
    filling: { openOrderAwarded: boolean } = { openOrderAwarded: false },
  ): Promise<void> {
    this.assertSlotFree(task);
    const slotsFilled = task.slotsFilled + 1;
    if (slotsFilled < task.slots) {
      await manager.getRepository(TaskEntity).update({ id: task.id }, { slotsFilled });
      task.slotsFilled = slotsFilled;
      return;
    }
    // The last slot: filled in the same write that closes the task.
    const closed = await this.closeLocked(manager, task, { slotsFilled }, filling);
    task.slotsFilled = closed.slotsFilled;
    task.status = closed.status;
  }

  /** Closes a task this transaction holds locked; returns it as it stands after. */
  private async closeLocked(
    manager: EntityManager,
    task: TaskEntity,
    changes: Partial<TaskEntity> = {},
    { openOrderAwarded }: { openOrderAwarded: boolean } = { openOrderAwarded: false },
  ): Promise<TaskEntity> {
    const closed = await applyTransition(manager, TaskEntity, TASK_TRANSITIONS, 'CLOSE', task.id, changes);
    await this.expireOpenResponses(manager, task.id);
    if (openOrderAwarded) return closed;
    // Closing late, after every order already ended, completes the task at once.
    return this.completeLockedIfDone(manager, closed);
  }

  /** Pending bids and invitations cannot be answered once the task stops taking creators. */
  private async expireOpenResponses(manager: EntityManager, taskId: string): Promise<void> {
    await manager
      .getRepository(BidEntity)
      .update({ taskId, status: In(BID_TRANSITIONS.from('EXPIRE')) }, { status: BidStatus.EXPIRED });
    await manager
      .getRepository(InvitationEntity)
      .update(
        { taskId, status: In(INVITATION_TRANSITIONS.from('EXPIRE')) },
        { status: InvitationStatus.EXPIRED },
      );
  }

  /** Locks the viewer's own task: NOT_FOUND when they may not see it, FORBIDDEN when they only see it. */
  async lockOwnTask(manager: EntityManager, viewer: Viewer, taskId: string): Promise<TaskEntity> {
    const task = await this.lockTask(manager, taskId);
    if (!task) throw MarketplaceErrors.taskNotFound();
    if (task.merchantId !== viewer.merchantId) {
      // Someone else's draft or invite-only task is as unknown to this viewer as a missing one.
      if (!(await this.canSee(viewer, task))) throw MarketplaceErrors.taskNotFound();
      throw MarketplaceErrors.notYourTask();
    }
    return task;
  }

  /** The venue exists and takes content delivered by `deliverBy`. */
  async checkVenue(manager: EntityManager, venueId: string, deliverBy: Date): Promise<void> {
    const deadline = this.venues ? await this.venues.submissionDeadline(manager, venueId) : null;
    if (!deadline) throw MarketplaceErrors.unknownVenue();
    if (deliverBy.getTime() > deadline.getTime()) {
      throw MarketplaceErrors.deliverByAfterVenueDeadline(deadline);
    }
  }

  private onlyVisible(viewer: Viewer | null, query: SelectQueryBuilder<TaskEntity>): void {
    if (viewer?.role === Role.ADMIN) return;
    const publicTasks = `t.visibility = 'PUBLIC' AND t.status <> 'DRAFT'`;
    // Without tasks of their own, the viewer's feed is the public one, which the feed indexes serve.
    if (!viewer?.merchantId) query.andWhere(publicTasks);
    else
      query.andWhere(`((${publicTasks}) OR t.merchant_id = :viewerMerchantId)`, {
        viewerMerchantId: viewer.merchantId,
      });
  }
}

export function requireMerchant(viewer: Viewer): string {
  if (!viewer.merchantId) throw MarketplaceErrors.onlyMerchants();
  return viewer.merchantId;
}
