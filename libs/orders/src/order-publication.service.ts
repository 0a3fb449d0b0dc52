import { Inject, Injectable } from '@nestjs/common';
import { industryGroupsOf } from '@vtask/accounts';
import type { Viewer } from '@vtask/core';
import { DB_CLOCK, fromNow, hasPassed, secondsFromNow } from '@vtask/database';
import { TimersService } from '@vtask/jobs';
import { PaymentsService, releasedParts } from '@vtask/ledger';
import { moneyParam, NotificationType } from '@vtask/notifications';
import { DataSource, In, type EntityManager } from 'typeorm';
import { OrderPublicationEntity } from './entities/order-publication.entity';
import { OrderEntity } from './entities/order.entity';
import { orderNote } from './order-event-notes';
import { checkedNote, isHttpUrl } from './order-inputs';
import { OrderNotifier } from './order-notifications';
import { escrowParties, OrderTransitions } from './order-transitions.service';
import { OrdersErrors } from './orders.errors';
import { ORDERS_OPTIONS, type OrdersOptions } from './orders.options';
import { OrdersService } from './orders.service';
import { OrdersTimers } from './orders.timers';
import {
  OrderStatus,
  PUBLICATION_TRANSITIONS,
  PublicationStatus,
  type PublicationAction,
} from './orders.states';

const MAX_URL_LENGTH = 2000;

/**
 * Publication and retention (SPEC "Usage rights, publication and retention"): after acceptance the
 * creator marks the content published, the merchant may report it taken down, the creator restores it;
 * timers release the retention holdback at retainUntil or return it to the merchant when the content
 * was never published or not restored in time. Every change locks the order row first, so a timer and
 * a report on the same order serialize and exactly one of them acts.
 */
@Injectable()
export class OrderPublicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly transitions: OrderTransitions,
    private readonly payments: PaymentsService,
    private readonly notifier: OrderNotifier,
    private readonly timers: TimersService,
    @Inject(ORDERS_OPTIONS) private readonly options: OrdersOptions,
  ) {}

  /**
   * In the acceptance's transaction: the publication starts UNPUBLISHED; with a holdback the creator has
   * PUBLISH_WINDOW_S to publish; exclusivity runs from now until the content is published.
   */
  async begin(manager: EntityManager, order: OrderEntity): Promise<void> {
    const exclusivityDays = order.usageRights?.exclusivityDays ?? 0;
    // Its moments come from the database clock, read by the insert itself.
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(OrderPublicationEntity)
      .values({
        orderId: order.id,
        creatorId: order.creatorId,
        status: PublicationStatus.UNPUBLISHED,
        acceptedAt: DB_CLOCK,
        publishBy: order.holdbackMinor > 0n ? secondsFromNow(this.options.publishWindowSeconds) : null,
        exclusiveUntil:
          exclusivityDays > 0 ? secondsFromNow(exclusivityDays * this.options.daySeconds) : null,
      })
      .returning(['publishBy'])
      .execute();
    const [{ publish_by: publishBy }] = inserted.raw as { publish_by: Date | null }[];
    if (publishBy)
      await this.timers.schedule(OrdersTimers.breachUnpublished, { orderId: order.id }, publishBy, {
        manager,
      });
  }

  /** The creator: the content is live at `url`; the retention window (and exclusivity) start now. */
  async markPublished(viewer: Viewer, orderId: string, rawUrl: string): Promise<OrderEntity> {
    const url = checkedUrl(rawUrl);
    return this.dataSource.transaction(async (manager) => {
      const { order, publication } = await this.lockForCreator(manager, viewer, orderId);
      // One reading of the clock: the window is exactly retentionDays × DAY_S from publication.
      const [{ now, retain_until: retainUntil, exclusive_until: exclusiveUntil }] = await manager.query<
        { now: Date; retain_until: Date | null; exclusive_until: Date | null }[]
      >(
        `WITH c AS (SELECT clock_timestamp() AS now)
         SELECT now, CASE WHEN $1 > 0 THEN now + make_interval(secs => $1) END AS retain_until,
                CASE WHEN $2 > 0 THEN now + make_interval(secs => $2) END AS exclusive_until FROM c`,
        [
          order.retentionDays * this.options.daySeconds,
          (order.usageRights?.exclusivityDays ?? 0) * this.options.daySeconds,
        ],
      );
      const published = { url, publishedAt: now, retainUntil, publishBy: null, exclusiveUntil };
      if (retainUntil) {
        await this.move(manager, publication, 'PUBLISH', published);
        await this.timers.schedule(OrdersTimers.releaseHoldback, { orderId }, retainUntil, { manager });
      } else {
        await this.move(manager, publication, 'PUBLISH_WITHOUT_RETENTION', { ...published, endedAt: now });
      }
      await this.orders.recordEvent(
        manager,
        orderId,
        'PUBLISHED',
        viewer.userId,
        orderNote('PUBLISHED_AT', { url }),
      );
      await this.notifier.publicationNotice(manager, order, ['MERCHANT'], (facts) => ({
        type: NotificationType.CONTENT_PUBLISHED,
        params: { handle: facts.handle, title: facts.title, url, retainUntil: iso(retainUntil) },
      }));
      return order;
    });
  }

  /** The merchant, during the retention window: the content is down; the creator has RESTORE_WINDOW_S. */
  async reportTakedown(viewer: Viewer, orderId: string, rawNote: string): Promise<OrderEntity> {
    const note = checkedNote(rawNote, 'note', OrdersErrors.noTakedownNote);
    return this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lockVisible(manager, viewer, orderId);
      if (order.merchantId !== viewer.merchantId) throw OrdersErrors.onlyMerchantReportsTakedown();
      // Before acceptance there is no publication row yet: a conflict with the order's state, not a missing order.
      if (order.status !== OrderStatus.COMPLETED) throw OrdersErrors.nothingPublishedYet(order.status);
      const publication = await this.publicationOf(manager, orderId);
      PUBLICATION_TRANSITIONS.assert('REPORT_TAKEDOWN', publication.status);
      if (await hasPassed(manager, publication.retainUntil)) throw OrdersErrors.retentionEnded();
      const restoreBy = await fromNow(manager, this.options.restoreWindowSeconds);
      await this.move(manager, publication, 'REPORT_TAKEDOWN', { restoreBy });
      await this.timers.schedule(OrdersTimers.breachUnrestored, { orderId }, restoreBy, { manager });
      await this.orders.recordEvent(manager, orderId, 'TAKEDOWN_REPORTED', viewer.userId, note);
      await this.notifier.publicationNotice(manager, order, ['CREATOR'], (facts) => ({
        type: NotificationType.TAKEDOWN_REPORTED,
        params: { shop: facts.shopName, title: facts.title, note, restoreBy: restoreBy.toISOString() },
      }));
      return order;
    });
  }

  /** The creator, before restoreBy: the content is back up (at `url`); the window runs on. */
  async confirmRestored(viewer: Viewer, orderId: string, rawUrl: string): Promise<OrderEntity> {
    const url = checkedUrl(rawUrl);
    return this.dataSource.transaction(async (manager) => {
      const { order, publication } = await this.lockForCreator(manager, viewer, orderId);
      PUBLICATION_TRANSITIONS.assert('RESTORE', publication.status);
      if (await hasPassed(manager, publication.restoreBy)) throw OrdersErrors.restoreWindowPassed();
      await this.move(manager, publication, 'RESTORE', { url, restoreBy: null });
      // The release timer found the content down if retainUntil passed meanwhile: arm it again.
      const [{ at }] = await manager.query<{ at: Date }[]>(
        `SELECT greatest($1::timestamptz, clock_timestamp()) AS at`,
        [publication.retainUntil],
      );
      await this.timers.schedule(OrdersTimers.releaseHoldback, { orderId }, at, { manager });
      await this.orders.recordEvent(
        manager,
        orderId,
        'RESTORED',
        viewer.userId,
        orderNote('RESTORED_AT', { url }),
      );
      await this.notifier.publicationNotice(manager, order, ['MERCHANT'], (facts) => ({
        type: NotificationType.CONTENT_RESTORED,
        params: { handle: facts.handle, title: facts.title, url },
      }));
      return order;
    });
  }

  /** The timer at retainUntil: content still LIVE keeps its promise; the holdback is released. */
  async releaseHoldback(orderId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lock(manager, orderId);
      const publication = await this.publicationOf(manager, orderId);
      if (
        publication.status !== PublicationStatus.LIVE ||
        !(await hasPassed(manager, publication.retainUntil))
      )
        return;
      await this.move(manager, publication, 'RETAIN', { endedAt: DB_CLOCK });
      const parties = escrowParties(order);
      await this.payments.releaseHoldback(manager, parties);
      await this.orders.recordEvent(manager, orderId, 'RETAINED', null);
      if (parties.holdback.isPositive())
        await this.notifier.publicationNotice(manager, order, ['CREATOR'], (facts) => ({
          type: NotificationType.HOLDBACK_RELEASED,
          params: { title: facts.title, holdback: moneyParam(parties.holdback) },
        }));
    });
  }

  /** The timer at restoreBy: content still reported down breaches the retention. */
  breachUnrestored(orderId: string): Promise<void> {
    return this.breach(orderId, 'BREACH_UNRESTORED', (publication) => publication.restoreBy);
  }

  /** The timer at publishBy: content never marked published breaches the retention. */
  breachUnpublished(orderId: string): Promise<void> {
    return this.breach(orderId, 'BREACH_UNPUBLISHED', (publication) => publication.publishBy);
  }

  /** Publications by order id (orders not yet accepted have none). */
  async publicationsOf(orderIds: readonly string[]): Promise<Map<string, OrderPublicationEntity>> {
    if (!orderIds.length) return new Map();
    const rows = await this.dataSource
      .getRepository(OrderPublicationEntity)
      .findBy({ orderId: In([...orderIds]) });
    return new Map(rows.map((row) => [row.orderId, row]));
  }

  /**
   * Each creator's retention rate: publications kept up through their window (RETAINED) over all whose
   * window ended (RETAINED or BREACHED), counting only orders with retention; null before the first.
   */
  async retentionRates(creatorIds: readonly string[]): Promise<Map<string, number | null>> {
    const rates = new Map<string, number | null>(creatorIds.map((id) => [id, null]));
    if (!creatorIds.length) return rates;
    const rows = await this.dataSource.query<{ creator_id: string; kept: number; ended: number }[]>(
      `SELECT p.creator_id, count(*) FILTER (WHERE p.status = 'RETAINED')::int AS kept, count(*)::int AS ended
         FROM order_publications p JOIN orders o ON o.id = p.order_id
        WHERE p.creator_id = ANY($1::uuid[]) AND p.status IN ('RETAINED', 'BREACHED') AND o.retention_days > 0
        GROUP BY p.creator_id`,
      [creatorIds],
    );
    for (const row of rows) rates.set(row.creator_id, row.ended ? row.kept / row.ended : null);
    return rates;
  }

  /**
   * CONFLICT (saying until when) if the creator is exclusive to another merchant whose industry has the
   * same parent tag as this merchant's; merchants without an industry are not affected.
   */
  async assertNotExclusiveElsewhere(
    manager: EntityManager,
    creatorId: string,
    merchantId: string,
  ): Promise<void> {
    const windows = await manager.query<{ merchant_id: string; until: Date }[]>(
      `SELECT o.merchant_id, max(p.exclusive_until) AS until
         FROM order_publications p JOIN orders o ON o.id = p.order_id
        WHERE p.creator_id = $1 AND p.exclusive_until > clock_timestamp() AND o.merchant_id <> $2
        GROUP BY o.merchant_id`,
      [creatorId, merchantId],
    );
    if (!windows.length) return;
    const groups = await industryGroupsOf(manager, [merchantId, ...windows.map((row) => row.merchant_id)]);
    const mine = groups.get(merchantId);
    if (!mine) return;
    const conflicting = windows.filter((row) => groups.get(row.merchant_id) === mine);
    if (!conflicting.length) return;
    const until = new Date(Math.max(...conflicting.map((row) => new Date(row.until).getTime())));
    throw OrdersErrors.exclusivityConflict(until);
  }

  private async breach(
    orderId: string,
    action: 'BREACH_UNRESTORED' | 'BREACH_UNPUBLISHED',
    deadlineOf: (publication: OrderPublicationEntity) => Date | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lock(manager, orderId);
      const publication = await manager.getRepository(OrderPublicationEntity).findOneBy({ orderId });
      if (!publication || !PUBLICATION_TRANSITIONS.from(action).includes(publication.status)) return;
      if (!(await hasPassed(manager, deadlineOf(publication)))) return;
      await this.move(manager, publication, action, { endedAt: DB_CLOCK, restoreBy: null });
      const parties = escrowParties(order);
      await this.payments.returnHoldback(manager, parties);
      // From now on the order shows what moved: the released part's split, and the holdback returned.
      const moved = releasedParts(parties, parties.price.subtract(parties.holdback));
      await manager.getRepository(OrderEntity).update(order.id, {
        platformFeeMinor: moved.platformFee.minor,
        agencyShareMinor: moved.agencyShare.minor,
        creatorPayoutMinor: moved.creatorPayout.minor,
        refundedMinor: parties.holdback.minor,
      });
      await this.orders.recordEvent(manager, orderId, 'RETENTION_BREACHED', null);
      await this.notifier.publicationNotice(manager, order, ['MERCHANT', 'CREATOR'], (facts) => ({
        type: NotificationType.RETENTION_BREACHED,
        params: {
          title: facts.title,
          holdback: moneyParam(parties.holdback),
          unpublished: action === 'BREACH_UNPUBLISHED',
        },
      }));
    });
  }

  private async lockForCreator(manager: EntityManager, viewer: Viewer, orderId: string) {
    const order = await this.transitions.lockVisible(manager, viewer, orderId);
    if (order.creatorId !== viewer.creatorId) throw OrdersErrors.onlyCreatorPublishes();
    if (order.status !== OrderStatus.COMPLETED) throw OrdersErrors.notAcceptedYet(order.status);
    return { order, publication: await this.publicationOf(manager, orderId) };
  }

  private async publicationOf(manager: EntityManager, orderId: string): Promise<OrderPublicationEntity> {
    const publication = await manager.getRepository(OrderPublicationEntity).findOneBy({ orderId });
    if (!publication) throw OrdersErrors.notFound();
    return publication;
  }

  /** The transition as one conditional update (the order row is locked already). */
  private async move(
    manager: EntityManager,
    publication: OrderPublicationEntity,
    action: PublicationAction,
    changes: Partial<Record<keyof OrderPublicationEntity, unknown>>,
  ): Promise<void> {
    PUBLICATION_TRANSITIONS.assert(action, publication.status);
    const result = await manager
      .createQueryBuilder()
      .update(OrderPublicationEntity)
      .set({ ...changes, status: PUBLICATION_TRANSITIONS.to(action) } as never)
      .where('order_id = :orderId AND status IN (:...from)', {
        orderId: publication.orderId,
        from: PUBLICATION_TRANSITIONS.from(action),
      })
      .execute();
    if (result.affected !== 1) throw OrdersErrors.publicationIs(publication.status);
  }
}

function checkedUrl(url: string): string {
  const trimmed = url.trim();
  if (!isHttpUrl(trimmed) || trimmed.length > MAX_URL_LENGTH) throw OrdersErrors.notHttpUrl('url');
  return trimmed;
}

function iso(at: Date | null): string | null {
  return at ? at.toISOString() : null;
}
