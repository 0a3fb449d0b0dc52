import { Injectable } from '@nestjs/common';
import { creatorById, type CreatorEntity, isBigV, meetsTier } from '@vtask/accounts';
import { InputErrors, Money, Role, type Page, type PageArgs, type Viewer } from '@vtask/core';
import { applyTransition, listPage, newestFirst, uniqueViolation } from '@vtask/database';
import { OrderPublicationService, orderNote, OrderSource, type OrderEntity } from '@vtask/orders';
import { DataSource, In, type EntityManager } from 'typeorm';
import { BidEntity } from './entities/bid.entity';
import { InvitationEntity } from './entities/invitation.entity';
import { TaskEntity } from './entities/task.entity';
import { MarketplaceErrors } from './marketplace.errors';
import { MarketplaceNotifier } from './marketplace.notifications';
import { BID_TRANSITIONS, BidStatus, TaskStatus, TaskVisibility } from './marketplace.states';
import { REASON_MAX_LENGTH, requireMerchant, TasksService } from './tasks.service';

export interface PlaceBidCommand {
  taskId: string;
  price: Money;
  pitch: string;
}

/** Bids: creators propose, merchants accept (an order) or reject. */
@Injectable()
export class BidsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly publications: OrderPublicationService,
    private readonly notifier: MarketplaceNotifier,
  ) {}

  async place(viewer: Viewer, command: PlaceBidCommand): Promise<BidEntity> {
    const creatorId = requireCreator(viewer);
    if (!command.price.isPositive()) throw InputErrors.notPositive('price.amount');
    // The input checks the length; a pitch of spaces would be saved empty.
    if (!command.pitch.trim()) throw MarketplaceErrors.pitchMissing();
    try {
      return await this.dataSource.transaction(async (manager) => {
        // The task, share-locked, with its applyBy judged by the database clock in the same statement.
        const locked = await manager
          .getRepository(TaskEntity)
          .createQueryBuilder('t')
          .addSelect('t.apply_by <= clock_timestamp()', 'apply_by_passed')
          .where('t.id = :taskId', { taskId: command.taskId })
          .setLock('pessimistic_read')
          .getRawAndEntities<{ apply_by_passed: boolean | null }>();
        const task = locked.entities[0] ?? null;
        // A draft is unknown outside its merchant; an invite-only task is refused as FORBIDDEN below
        // (issue 3: on an INVITE_ONLY task only invited creators may act, others are FORBIDDEN).
        if (!task || task.status === TaskStatus.DRAFT) throw MarketplaceErrors.taskNotFound();
        await assertCreatorMayWork(manager, creatorId, task.minTier);
        if (
          task.visibility === TaskVisibility.INVITE_ONLY &&
          !(await isInvited(manager, task.id, creatorId))
        ) {
          throw MarketplaceErrors.inviteOnly();
        }
        if (task.status !== TaskStatus.OPEN) throw MarketplaceErrors.taskNotOpen(task.status);
        if (locked.raw[0].apply_by_passed) throw MarketplaceErrors.applyByPassed();
        if (command.price.currency !== task.currency)
          throw InputErrors.wrongCurrency('price.currencyCode', 'task', task.currency);
        await this.publications.assertNotExclusiveElsewhere(manager, creatorId, task.merchantId);
        const bid = await manager.getRepository(BidEntity).save(
          manager.create(BidEntity, {
            taskId: task.id,
            creatorId,
            currency: command.price.currency,
            priceMinor: command.price.minor,
            pitch: command.pitch.trim(),
            status: BidStatus.PENDING,
            rejectReason: null,
            orderId: null,
          }),
        );
        await this.notifier.bidReceived(manager, task, bid);
        return bid;
      });
    } catch (error) {
      // The partial unique index is the final word on "one live bid per creator per task".
      if (uniqueViolation(error) === 'bids_one_live_per_creator') throw MarketplaceErrors.liveBidExists();
      throw error;
    }
  }

  async withdraw(viewer: Viewer, bidId: string): Promise<BidEntity> {
    const creatorId = requireCreator(viewer);
    return this.dataSource.transaction(async (manager) => {
      const bid = await manager.getRepository(BidEntity).findOneBy({ id: bidId });
      if (!bid || bid.creatorId !== creatorId) throw MarketplaceErrors.bidNotFound();
      return applyTransition(manager, BidEntity, BID_TRANSITIONS, 'WITHDRAW', bid.id);
    });
  }

  /**
   * Accepts the bid: an order at the bid's price, one slot filled (the last one closes the task). The
   * task row lock makes two merchants' tabs racing for the last slot produce one order and one CONFLICT.
   */
  async accept(viewer: Viewer, bidId: string): Promise<OrderEntity> {
    requireMerchant(viewer);
    return this.dataSource.transaction(async (manager) => {
      const { bid, task } = await this.lockOwnBid(manager, viewer, bidId);
      BID_TRANSITIONS.assert('ACCEPT', bid.status);
      const creator = await assertCreatorMayWork(manager, bid.creatorId, task.minTier);
      this.tasks.assertSlotFree(task);
      // Order matters: the bid leaves PENDING and its order exists before the slot is filled, because
      // filling the last slot closes the task, which expires every bid still pending and completes a
      // closed task whose orders are all final (with no order yet, it would complete at once).
      await applyTransition(manager, BidEntity, BID_TRANSITIONS, 'ACCEPT', bid.id);
      const order = await this.tasks.awardSlot(manager, task, {
        source: OrderSource.BID,
        creator,
        price: Money.of(bid.priceMinor, bid.currency),
        actorUserId: viewer.userId,
        note: orderNote('BID_ACCEPTED', {}),
      });
      await manager.getRepository(BidEntity).update({ id: bid.id }, { orderId: order.id });
      await this.notifier.bidDecided(manager, task, bid, { order });
      return order;
    });
  }

  async reject(viewer: Viewer, bidId: string, reason: string | null): Promise<BidEntity> {
    requireMerchant(viewer);
    if (reason && reason.trim().length > REASON_MAX_LENGTH) {
      throw InputErrors.tooLong('reason', REASON_MAX_LENGTH);
    }
    return this.dataSource.transaction(async (manager) => {
      const { bid, task } = await this.lockOwnBid(manager, viewer, bidId);
      const rejected = await applyTransition(manager, BidEntity, BID_TRANSITIONS, 'REJECT', bid.id, {
        rejectReason: reason?.trim() || null,
      });
      await this.notifier.bidDecided(manager, task, rejected, { reason: rejected.rejectReason });
      return rejected;
    });
  }

  /** The signed-in creator's bids, newest first. */
  async mine(viewer: Viewer, status: BidStatus | null, page: PageArgs): Promise<Page<BidEntity>> {
    const creatorId = requireCreator(viewer);
    return this.paginate({ creatorId }, status, page);
  }

  /** A task's bids: all of them for its merchant and admins, otherwise only the viewer's own. */
  async forTask(
    viewer: Viewer | null,
    task: TaskEntity,
    status: BidStatus | null,
    page: PageArgs,
  ): Promise<Page<BidEntity>> {
    const seesAll =
      viewer?.role === Role.ADMIN || (viewer?.merchantId !== null && viewer?.merchantId === task.merchantId);
    if (seesAll) return this.paginate({ taskId: task.id }, status, page);
    if (!viewer?.creatorId) return this.paginate(null, status, page);
    return this.paginate({ taskId: task.id, creatorId: viewer.creatorId }, status, page);
  }

  async byIds(ids: readonly string[]): Promise<BidEntity[]> {
    if (!ids.length) return [];
    return this.dataSource.getRepository(BidEntity).findBy({ id: In([...ids]) });
  }

  /** The bid an order was made from, if it was. */
  async ofOrder(orderId: string): Promise<BidEntity | null> {
    return this.dataSource.getRepository(BidEntity).findOneBy({ orderId });
  }

  /** The bids these orders were made from (orders made otherwise have none). */
  async ofOrders(orderIds: readonly string[]): Promise<BidEntity[]> {
    if (!orderIds.length) return [];
    return this.dataSource.getRepository(BidEntity).findBy({ orderId: In([...orderIds]) });
  }

  /** Bid counts per task (withdrawn bids do not count), for the feed. */
  async countsByTask(taskIds: readonly string[]): Promise<Map<string, number>> {
    if (!taskIds.length) return new Map();
    const rows: { task_id: string; count: string }[] = await this.dataSource.query(
      `SELECT task_id, count(*) AS count FROM bids WHERE task_id = ANY($1) AND status <> 'WITHDRAWN' GROUP BY task_id`,
      [taskIds],
    );
    return new Map(rows.map((row) => [row.task_id, Number(row.count)]));
  }

  /** The latest bid of one creator on each of these tasks. */
  async latestOfCreator(creatorId: string, taskIds: readonly string[]): Promise<BidEntity[]> {
    if (!taskIds.length) return [];
    return this.dataSource
      .getRepository(BidEntity)
      .createQueryBuilder('b')
      .distinctOn(['b.task_id'])
      .where('b.creator_id = :creatorId AND b.task_id IN (:...taskIds)', { creatorId, taskIds })
      .orderBy('b.task_id')
      .addOrderBy('b.created_at', 'DESC')
      .getMany();
  }

  private async lockOwnBid(
    manager: EntityManager,
    viewer: Viewer,
    bidId: string,
  ): Promise<{ bid: BidEntity; task: TaskEntity }> {
    // The bid's task, found and locked in one statement (the bid's task never changes).
    const task = await manager
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where('t.id = (SELECT b.task_id FROM bids b WHERE b.id = :bidId)', { bidId })
      .setLock('pessimistic_write')
      .getOne();
    if (!task || task.merchantId !== viewer.merchantId) throw MarketplaceErrors.bidNotFound();
    // Read under the task lock: another request may have decided the bid meanwhile.
    const bid = await manager.getRepository(BidEntity).findOneByOrFail({ id: bidId });
    return { bid, task };
  }

  private async paginate(
    where: { taskId?: string; creatorId?: string } | null,
    status: BidStatus | null,
    page: PageArgs,
  ): Promise<Page<BidEntity>> {
    const query = this.dataSource.getRepository(BidEntity).createQueryBuilder('b');
    if (!where) query.andWhere('false');
    if (where?.taskId) query.andWhere('b.task_id = :taskId', { taskId: where.taskId });
    if (where?.creatorId) query.andWhere('b.creator_id = :creatorId', { creatorId: where.creatorId });
    if (status) query.andWhere('b.status = :status', { status });
    return listPage(query, page, newestFirst<BidEntity>('b'));
  }
}

export function requireCreator(viewer: Viewer): string {
  if (!viewer.creatorId) throw MarketplaceErrors.onlyCreators();
  return viewer.creatorId;
}

/** Only big-V creators take paid work, and only at or above the posting's minimum tier. */
export async function assertCreatorMayWork(
  manager: EntityManager,
  creatorId: string,
  minTier: CreatorEntity['tier'],
): Promise<CreatorEntity> {
  const creator = await creatorById(manager, creatorId);
  if (!isBigV(creator.tier)) throw MarketplaceErrors.notBigV();
  if (!meetsTier(creator.tier, minTier)) throw MarketplaceErrors.belowMinTier(minTier);
  return creator;
}

async function isInvited(manager: EntityManager, taskId: string, creatorId: string): Promise<boolean> {
  return manager.getRepository(InvitationEntity).existsBy({ taskId, creatorId });
}
