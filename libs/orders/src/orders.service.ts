import { Inject, Injectable } from '@nestjs/common';
import { agencyById, creatorById, type CreatorEntity } from '@vtask/accounts';
import { ContentType, CursorParts, Money, Role, type Page, type PageArgs, type Viewer } from '@vtask/core';
import { DataSource, In, Not, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { entityFromRow, fromNow, listPage, secondsFromNow, newestFirst, type Keyset } from '@vtask/database';
import { TimersService } from '@vtask/jobs';
import { splitRelease } from '@vtask/ledger';
import { DeliverableEntity } from './entities/deliverable.entity';
import { OrderEventEntity } from './entities/order-event.entity';
import { ReviewEntity } from './entities/review.entity';
import { OrderEntity } from './entities/order.entity';
import { orderNote, storedNote, typedWords, type OrderEventNote } from './order-event-notes';
import { killFee } from './cancellation-terms';
import { OrderNotifier, type OrderTitles } from './order-notifications';
import { OrdersErrors } from './orders.errors';
import { OrdersTimers } from './orders.timers';
import type { UsageRights } from './usage-rights';
import { ORDERS_OPTIONS, type OrdersOptions } from './orders.options';
import {
  CANCELLATION_PROPOSAL_TRANSITIONS,
  FINAL_ORDER_STATUSES,
  FUNDED_OPEN_ORDER_STATUSES,
  ORDER_TRANSITIONS,
  OrderSource,
  OrderStatus,
} from './orders.states';

export interface CreateOrderCommand {
  source: OrderSource;
  merchantId: string;
  creatorId: string;
  /** The creator's profile if the caller has read it in this transaction already (else it is read here). */
  creator?: CreatorEntity;
  taskId?: string | null;
  offerId?: string | null;
  price: Money;
  brief: string;
  contentType: ContentType;
  deliverBy: Date;
  maxRevisions: number;
  /** The task's or offer's usage rights and retention days, fixed on the order from now on. */
  usageRights: UsageRights;
  retentionDays: number;
  /** Who made it happen (the merchant accepting, the creator accepting an invitation, ...). */
  actorUserId: string;
  /** The CREATED event's note: what made the order (a bid accepted, an offer booked, ...). */
  note?: OrderEventNote;
}

/** How an order ended, for the listeners of `onFinal`. */
export interface OrderEnding {
  /** Cancelled before any delivery (funding expiry included): its slot goes back to its task or offer. */
  freesSlot: boolean;
}

/** Called inside the transaction in which an order becomes final (COMPLETED, CANCELLED, RESOLVED). */
export type OrderFinalListener = (
  manager: EntityManager,
  order: OrderEntity,
  ending: OrderEnding,
) => Promise<void>;

@Injectable()
export class OrdersService {
  private readonly finalListeners: OrderFinalListener[] = [];

  constructor(
    private readonly dataSource: DataSource,
    @Inject(ORDERS_OPTIONS) private readonly options: OrdersOptions,
    private readonly timers: TimersService,
    private readonly notifier: OrderNotifier,
  ) {}

  /**
   * Creates an order in AWAITING_FUNDING inside the caller's transaction (the bid, invitation or
   * booking that causes it commits with it). The funding deadline comes from the database clock.
   */
  async create(manager: EntityManager, command: CreateOrderCommand): Promise<OrderEntity> {
    if (this.options.maxOrderAmount) command.price.assertAtMost(this.options.maxOrderAmount, 'price');
    const creator = command.creator ?? (await creatorById(manager, command.creatorId));
    const agency = creator.agencyId ? await agencyById(manager, creator.agencyId) : null;
    const agencyShareBps = agency?.revenueShareBps ?? 0;
    // Fixed on the order now, so later changes of fee or agency do not change what was agreed.
    const split = splitRelease(command.price, this.options.platformFeeBps, agencyShareBps);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(OrderEntity)
      .values({
        source: command.source,
        merchantId: command.merchantId,
        creatorId: command.creatorId,
        agencyId: agency?.id ?? null,
        taskId: command.taskId ?? null,
        offerId: command.offerId ?? null,
        brief: command.brief,
        contentType: command.contentType,
        currency: command.price.currency,
        priceMinor: command.price.minor,
        platformFeeBps: this.options.platformFeeBps,
        platformFeeMinor: split.platformFee.minor,
        agencyShareBps,
        agencyShareMinor: split.agencyShare.minor,
        creatorPayoutMinor: split.creatorPayout.minor,
        status: OrderStatus.AWAITING_FUNDING,
        fundingDeadline: secondsFromNow(this.options.fundingWindowSeconds),
        deliverBy: command.deliverBy,
        maxRevisions: command.maxRevisions,
        revisionsUsed: 0,
        usageRights: command.usageRights,
        retentionDays: command.retentionDays,
        // Held back at acceptance until the retention window ends; none without retention.
        holdbackMinor:
          command.retentionDays > 0 ? command.price.shareBps(this.options.retentionHoldbackBps).minor : 0n,
        cancellationTerms: this.options.cancellationTerms,
      })
      .returning('*')
      .execute();
    const order = entityFromRow(manager, OrderEntity, (inserted.raw as object[])[0]);
    await this.recordEvent(manager, order.id, 'CREATED', command.actorUserId, command.note ?? null);
    const deadline = order.fundingDeadline!;
    await this.timers.schedule(OrdersTimers.expireFunding, { orderId: order.id }, deadline, { manager });
    return order;
  }

  /**
   * `days` of a duration written in days (an offer's turnaroundDays) from now on the database clock, each
   * day DAY_S seconds (SPEC "Configuration"), so tests can run such durations in seconds.
   */
  daysFromNow(manager: EntityManager, days: number): Promise<Date> {
    return fromNow(manager, days * this.options.daySeconds);
  }

  /** For the market, at boot: orders are named in messages by their task's or offer's title. */
  nameOrdersWith(titles: OrderTitles): void {
    this.notifier.nameOrdersWith(titles);
  }

  /**
   * Lets a dependent domain react when an order becomes final, in the same transaction (the market
   * completes a closed task whose orders are all final). Orders cannot import the market: it points
   * this way.
   */
  onFinal(listener: OrderFinalListener): void {
    this.finalListeners.push(listener);
  }

  async notifyFinal(
    manager: EntityManager,
    order: OrderEntity,
    ending: OrderEnding = { freesSlot: false },
  ): Promise<void> {
    for (const listener of this.finalListeners) await listener(manager, order, ending);
  }

  /**
   * Records an event on the order's timeline. `withdrawingProposal`: the same statement withdraws the
   * order's pending cancellation proposal, if any (SPEC "Cancellation": any other change of the order
   * withdraws it), so a transition's event and that withdrawal cost one round trip.
   */
  async recordEvent(
    manager: EntityManager,
    orderId: string,
    type: string,
    actorUserId: string | null,
    note: OrderEventNote = null,
    { withdrawingProposal = false }: { withdrawingProposal?: boolean } = {},
  ): Promise<void> {
    const stored = storedNote(note);
    const event = [
      orderId,
      type,
      actorUserId,
      stored.note,
      stored.noteKey,
      stored.noteParams === null ? null : JSON.stringify(stored.noteParams),
    ];
    const insert = `INSERT INTO order_events (order_id, type, actor_user_id, note, note_key, note_params)
                    VALUES ($1, $2, $3, $4, $5, $6::jsonb)`;
    if (!withdrawingProposal) {
      await manager.query(insert, event);
      return;
    }
    await manager.query(
      `WITH withdrawn AS (
         UPDATE cancellation_proposals
            SET status = $7::cancellation_proposal_status, responded_at = clock_timestamp()
          WHERE order_id = $1 AND status = ANY($8::cancellation_proposal_status[])
       )
       ${insert}`,
      [
        ...event,
        CANCELLATION_PROPOSAL_TRANSITIONS.to('WITHDRAW'),
        CANCELLATION_PROPOSAL_TRANSITIONS.from('WITHDRAW'),
      ],
    );
  }

  /** The order if the viewer is a party to it (merchant, creator, the creator's agency) or an admin. */
  async findVisible(viewer: Viewer, id: string): Promise<OrderEntity> {
    const order = await this.visibleTo(
      viewer,
      this.dataSource.getRepository(OrderEntity).createQueryBuilder('o'),
    )
      .andWhere('o.id = :id', { id })
      .getOne();
    if (!order) throw OrdersErrors.notFound();
    return order;
  }

  /** The viewer's own orders (as merchant, creator or agency), newest first. */
  myOrders(viewer: Viewer, status: OrderStatus | null, page: PageArgs): Promise<Page<OrderEntity>> {
    const query = this.partyOnly(viewer, this.dataSource.getRepository(OrderEntity).createQueryBuilder('o'));
    return this.paginate(query, status, page);
  }

  /**
   * Admin: every order, newest first; the DISPUTED ones by their decision deadline, earliest first, so
   * the overdue disputes lead the list (SPEC "Dispute deadline").
   */
  allOrders(status: OrderStatus | null, page: PageArgs): Promise<Page<OrderEntity>> {
    const query = this.dataSource.getRepository(OrderEntity).createQueryBuilder('o');
    if (status !== OrderStatus.DISPUTED) return this.paginate(query, status, page);
    query.andWhere('o.status = :status', { status });
    return listPage(query, page, DISPUTES_BY_DEADLINE);
  }

  async byIds(ids: readonly string[]): Promise<OrderEntity[]> {
    if (!ids.length) return [];
    return this.dataSource.getRepository(OrderEntity).findBy({ id: In([...ids]) });
  }

  /** What the creator would keep if the merchant cancelled each order now, on one reading of the database clock. */
  async killFeesNow(orders: readonly OrderEntity[]): Promise<Money[]> {
    if (!orders.length) return [];
    const [{ now }] = await this.dataSource.query<{ now: Date }[]>('SELECT clock_timestamp() AS now');
    return orders.map((order) => killFee(order, order.status === OrderStatus.IN_PROGRESS, now));
  }

  async deliverablesOf(orderIds: readonly string[]): Promise<DeliverableEntity[]> {
    if (!orderIds.length) return [];
    return this.dataSource
      .getRepository(DeliverableEntity)
      .find({ where: { orderId: In([...orderIds]) }, order: { version: 'ASC' } });
  }

  async reviewsOf(orderIds: readonly string[]): Promise<ReviewEntity[]> {
    if (!orderIds.length) return [];
    return this.dataSource.getRepository(ReviewEntity).findBy({ orderId: In([...orderIds]) });
  }

  async deliverable(id: string): Promise<DeliverableEntity | null> {
    return this.dataSource.getRepository(DeliverableEntity).findOneBy({ id });
  }

  async eventsOf(orderIds: readonly string[]): Promise<OrderEventEntity[]> {
    if (!orderIds.length) return [];
    return this.dataSource
      .getRepository(OrderEventEntity)
      .find({ where: { orderId: In([...orderIds]) }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Whether the viewer may see this order: used by fields that expose an order from elsewhere (a bid's order). */
  canSee(viewer: Viewer | null, order: OrderEntity): boolean {
    if (!viewer) return false;
    return (
      viewer.role === Role.ADMIN ||
      order.merchantId === viewer.merchantId ||
      order.creatorId === viewer.creatorId ||
      (order.agencyId !== null && order.agencyId === viewer.agencyId)
    );
  }

  /**
   * For task rules: has any order of the task been funded (whether still open or already settled)?
   *
   * The task's cancellation asks this while it holds the task's lock, then cancels the unfunded orders:
   * the task's orders are locked here first, so none can be funded between the check and the
   * cancellation (a funding that committed in between once left a CANCELLED task with a funded order).
   * NOWAIT, because an order transaction that makes an order final holds the order and then waits for
   * the task (the final-order listener completes the task): waiting here was a deadlock, answered with
   * INTERNAL_SERVER_ERROR. An order busy at this moment makes the cancellation a CONFLICT to retry.
   */
  async taskHasFundedOrSettledOrders(manager: EntityManager, taskId: string): Promise<boolean> {
    try {
      await manager.query(`SELECT id FROM orders WHERE task_id = $1 ORDER BY id FOR UPDATE NOWAIT`, [taskId]);
    } catch (error) {
      if (driverCode(error) === PG_LOCK_NOT_AVAILABLE) {
        throw OrdersErrors.taskOrderChanging();
      }
      throw error;
    }
    return manager.getRepository(OrderEntity).exists({
      where: { taskId, status: Not(In([OrderStatus.AWAITING_FUNDING, OrderStatus.CANCELLED])) },
    });
  }

  /** For agency membership: does the creator have orders in progress (not yet final)? */
  async creatorHasOrdersInProgress(manager: EntityManager, creatorId: string): Promise<boolean> {
    return manager.getRepository(OrderEntity).exists({
      where: {
        creatorId,
        status: In([OrderStatus.AWAITING_FUNDING, ...FUNDED_OPEN_ORDER_STATUSES]),
      },
    });
  }

  /** Whether every order of the task is final (a closed task then completes). */
  async allFinalForTask(manager: EntityManager, taskId: string): Promise<boolean> {
    const open = await manager
      .getRepository(OrderEntity)
      .exists({ where: { taskId, status: Not(In([...FINAL_ORDER_STATUSES])) } });
    return !open;
  }

  /** Cancels a task's unfunded orders (the task is being cancelled); returns how many. */
  async cancelUnfundedForTask(
    manager: EntityManager,
    taskId: string,
    actorUserId: string,
    reason: string,
  ): Promise<number> {
    // The query builder's RETURNING rows, not `manager.query`: for an UPDATE, TypeORM's raw query
    // answers `[rows, rowCount]`, which once made every task cancellation record an event without an order.
    const result = await manager
      .createQueryBuilder()
      .update(OrderEntity)
      .set({ status: ORDER_TRANSITIONS.to('CANCEL_UNFUNDED') })
      .where('task_id = :taskId AND status IN (:...from)', {
        taskId,
        from: ORDER_TRANSITIONS.from('CANCEL_UNFUNDED'),
      })
      .returning(['id'])
      .execute();
    const cancelled = result.raw as { id: string }[];
    const note = orderNote('TASK_CANCELLED', { reason });
    for (const { id } of cancelled) {
      await this.recordEvent(manager, id, 'CANCELLED', actorUserId, note);
    }
    if (cancelled.length) {
      const orders = await manager
        .getRepository(OrderEntity)
        .findBy({ id: In(cancelled.map((row) => row.id)) });
      await this.notifier.changed(manager, orders, {
        action: 'CANCEL_UNFUNDED',
        actorUserId,
        note: typedWords(note),
      });
    }
    return cancelled.length;
  }

  private visibleTo(viewer: Viewer, query: SelectQueryBuilder<OrderEntity>): SelectQueryBuilder<OrderEntity> {
    return viewer.role === Role.ADMIN ? query : this.partyOnly(viewer, query);
  }

  private partyOnly(viewer: Viewer, query: SelectQueryBuilder<OrderEntity>): SelectQueryBuilder<OrderEntity> {
    return query.andWhere(
      '(o.merchant_id = :merchantId OR o.creator_id = :creatorId OR o.agency_id = :agencyId)',
      {
        // A role without that profile matches nothing: a nil uuid never equals a real id.
        merchantId: viewer.merchantId ?? NIL_UUID,
        creatorId: viewer.creatorId ?? NIL_UUID,
        agencyId: viewer.agencyId ?? NIL_UUID,
      },
    );
  }

  private async paginate(
    query: SelectQueryBuilder<OrderEntity>,
    status: OrderStatus | null,
    page: PageArgs,
  ): Promise<Page<OrderEntity>> {
    if (status) query.andWhere('o.status = :status', { status });
    return listPage(query, page, newestFirst<OrderEntity>('o'));
  }
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Disputes by decision deadline (every DISPUTED order has one; the creation time stands in otherwise), to
 * the millisecond a cursor carries: compared at the column's microseconds, a page would repeat its last row.
 */
const DISPUTES_BY_DEADLINE: Keyset<OrderEntity> = {
  direction: 'ASC',
  columns: [
    {
      sql: "date_trunc('milliseconds', coalesce(o.dispute_decide_by, o.created_at))",
      cursor: CursorParts.timestamp,
      cast: 'timestamptz',
    },
    { sql: 'o.id', cursor: CursorParts.uuid, cast: 'uuid' },
  ],
  key: (row) => [(row.disputeDecideBy ?? row.createdAt).toISOString(), row.id],
};

/** SQLSTATE of `FOR UPDATE NOWAIT` on a row another transaction holds. */
const PG_LOCK_NOT_AVAILABLE = '55P03';

function driverCode(error: unknown): string | undefined {
  return ((error as { driverError?: { code?: string } })?.driverError ?? (error as { code?: string }))?.code;
}
