import { Injectable } from '@nestjs/common';
import { adminUserIds, dealPartiesOf, type DealParties } from '@vtask/accounts';
import { Money } from '@vtask/core';
import { splitRelease } from '@vtask/ledger';
import {
  moneyParam,
  type NotificationContent,
  NotificationsService,
  NotificationType,
  type NotifyCommand,
} from '@vtask/notifications';
import type { EntityManager } from 'typeorm';
import type { OrderEntity } from './entities/order.entity';
import type { OrderAction } from './orders.states';

/**
 * Where the market names orders in messages (its task's or offer's title), registered with
 * `OrdersService.nameOrdersWith`: orders cannot import the market, which depends on orders. Without it
 * an order is named by the start of its brief.
 */
export interface OrderTitles {
  /** Titles by order id (orders without one are left out). */
  titlesOf(manager: EntityManager, orders: readonly OrderEntity[]): Promise<Map<string, string>>;
}

/** What happened to the orders, as `OrderLifecycleService` records it. */
export interface OrderChange {
  action: OrderAction;
  /** Who did it; null for a timer or the payment provider. */
  actorUserId: string | null;
  /** The words a person gave with it: a reason, feedback, the admin's decision. */
  note: string | null;
  /** RESOLVE_DISPUTE: the part of the escrow the creator gets. */
  creatorAmount?: Money;
  /** DELIVER: the delivery's number. */
  version?: number;
  /** REVISION_OVERDUE: the revision deadline that passed. */
  dueBy?: Date | null;
  /** CANCEL_FUNDED: what goes back to the merchant (the price, or the price less a kill fee). */
  refund?: Money;
  /** CANCEL_FUNDED by the merchant mid-work: the kill fee the creator side keeps. */
  fee?: Money;
}

/** What became of a cancellation proposal, as its notification tells the other party. */
export type ProposalNews = 'PROPOSED' | 'DECLINED' | 'WITHDRAWN';

const TITLE_FROM_BRIEF = 60;

/**
 * The order's notifications, written in the transaction of the change they report (an outbox): the
 * recipients are the parties' users, looked up in one query for all the orders of a change.
 */
@Injectable()
export class OrderNotifier {
  private titles: OrderTitles | null = null;

  constructor(private readonly notifications: NotificationsService) {}

  /** See `OrdersService.nameOrdersWith`. */
  nameOrdersWith(titles: OrderTitles): void {
    this.titles = titles;
  }

  /** Notifies whom the change concerns (`orders` as they are after it). */
  async changed(manager: EntityManager, orders: readonly OrderEntity[], change: OrderChange): Promise<void> {
    if (!orders.length) return;
    const { parties, titles } = await this.describe(manager, orders);
    const commands = orders.flatMap((order) =>
      messages(order, parties.get(order.id)!, titles.get(order.id) ?? briefTitle(order), change),
    );
    await this.notifications.notifyEach(manager, commands);
  }

  /**
   * REVIEW_REMINDER to the merchant of a delivery still awaiting review, at most once per delivery
   * (a timer that runs again after a crash finds it sent). `deliveredAt` is when the review window began.
   */
  async reviewReminder(manager: EntityManager, order: OrderEntity, deliveredAt: Date): Promise<boolean> {
    const { parties, titles } = await this.describe(manager, [order]);
    const { merchantUserId, handle } = parties.get(order.id)!;
    const sent = await this.notifications.sentSince(manager, {
      userId: merchantUserId,
      type: NotificationType.REVIEW_REMINDER,
      orderId: order.id,
      since: deliveredAt,
    });
    if (sent) return false;
    const title = titles.get(order.id) ?? briefTitle(order);
    await this.notifications.notify(manager, {
      userId: merchantUserId,
      type: NotificationType.REVIEW_REMINDER,
      params: { handle, title, reviewBy: iso(order.reviewDeadline) },
      orderId: order.id,
      taskId: order.taskId,
    });
    return true;
  }

  /**
   * A publication notice (SPEC "Usage rights, publication and retention") to the parties named in
   * `to`, its facts written from the parties' names and the order's title.
   */
  async publicationNotice(
    manager: EntityManager,
    order: OrderEntity,
    to: readonly ('MERCHANT' | 'CREATOR')[],
    content: (facts: DealParties & { title: string }) => NotificationContent,
  ): Promise<void> {
    const { parties, titles } = await this.describe(manager, [order]);
    const names = parties.get(order.id)!;
    const notice = content({ ...names, title: titles.get(order.id) ?? briefTitle(order) });
    await this.notifications.notifyEach(
      manager,
      to.map((party) => ({
        userId: party === 'MERCHANT' ? names.merchantUserId : names.creatorUserId,
        ...notice,
        orderId: order.id,
        taskId: order.taskId,
      })),
    );
  }

  /** A cancellation proposal made, declined or withdrawn: news to the party who did not act. */
  async proposal(
    manager: EntityManager,
    order: OrderEntity,
    news: ProposalNews,
    actorUserId: string,
    proposal: { creatorAmount: Money; reason: string },
  ): Promise<void> {
    const { parties, titles } = await this.describe(manager, [order]);
    const { merchantUserId, shopName: shop, creatorUserId, handle } = parties.get(order.id)!;
    const title = titles.get(order.id) ?? briefTitle(order);
    const by = actorUserId === merchantUserId ? 'MERCHANT' : 'CREATOR';
    const userId = by === 'MERCHANT' ? creatorUserId : merchantUserId;
    const about = { userId, orderId: order.id, taskId: order.taskId };
    const who = { by, shop, handle, title } as const;
    const price = moneyParam(Money.of(order.priceMinor, order.currency));
    const toCreator = moneyParam(proposal.creatorAmount);
    const content: NotificationContent =
      news === 'PROPOSED'
        ? {
            type: NotificationType.CANCELLATION_PROPOSED,
            params: { ...who, toCreator, price, reason: proposal.reason },
          }
        : news === 'DECLINED'
          ? { type: NotificationType.CANCELLATION_DECLINED, params: who }
          : { type: NotificationType.CANCELLATION_WITHDRAWN, params: who };
    await this.notifications.notify(manager, { ...about, ...content });
  }

  /** DISPUTE_OVERDUE to every admin, at most once per deadline (a timer that runs again finds it sent). */
  async disputeOverdue(manager: EntityManager, order: OrderEntity): Promise<void> {
    const { titles } = await this.describe(manager, [order]);
    const title = titles.get(order.id) ?? briefTitle(order);
    const commands: NotifyCommand[] = [];
    for (const userId of await adminUserIds(manager)) {
      const sent = await this.notifications.sentSince(manager, {
        userId,
        type: NotificationType.DISPUTE_OVERDUE,
        orderId: order.id,
        since: order.disputeDecideBy!,
      });
      if (sent) continue;
      commands.push({
        userId,
        type: NotificationType.DISPUTE_OVERDUE,
        params: { title, decideBy: iso(order.disputeDecideBy) },
        orderId: order.id,
        taskId: order.taskId,
      });
    }
    await this.notifications.notifyEach(manager, commands);
  }

  private async describe(
    manager: EntityManager,
    orders: readonly OrderEntity[],
  ): Promise<{ parties: Map<string, DealParties>; titles: Map<string, string> }> {
    const found = await dealPartiesOf(manager, orders);
    const parties = new Map(orders.map((order, index) => [order.id, found[index]]));
    const titles = this.titles ? await this.titles.titlesOf(manager, orders) : new Map<string, string>();
    return { parties, titles };
  }
}

/** The notifications of one order's change: who gets what, as facts each reader's text is written from. */
function messages(
  order: OrderEntity,
  parties: DealParties,
  title: string,
  change: OrderChange,
): NotifyCommand[] {
  const { merchantUserId, shopName, creatorUserId, handle } = parties;
  const price = moneyParam(Money.of(order.priceMinor, order.currency));
  const payout = moneyParam(releasedNow(order));
  const note = change.note?.trim() ?? '';
  const about = { orderId: order.id, taskId: order.taskId };
  const to = (userId: string, content: NotificationContent): NotifyCommand => ({
    userId,
    ...content,
    ...about,
  });
  const byMerchant = change.actorUserId === merchantUserId;
  const byCreator = change.actorUserId === creatorUserId;
  const by = byMerchant ? 'MERCHANT' : byCreator ? 'CREATOR' : 'PLATFORM';
  // What one party did is news to the other only; anyone else's doing (none today) to both.
  const recipients = (toCreator: NotifyCommand, toMerchant: NotifyCommand): NotifyCommand[] =>
    byMerchant ? [toCreator] : byCreator ? [toMerchant] : [toCreator, toMerchant];

  switch (change.action) {
    case 'FUND':
      return [
        to(creatorUserId, {
          type: NotificationType.ORDER_FUNDED,
          params: { shop: shopName, title, price, deliverBy: iso(order.deliverBy) },
        }),
      ];
    case 'EXPIRE_FUNDING':
      return [
        to(merchantUserId, { type: NotificationType.FUNDING_EXPIRED, params: { title, handle } }),
        to(creatorUserId, { type: NotificationType.FUNDING_EXPIRED, params: { title, shop: shopName } }),
      ];
    case 'CANCEL_UNFUNDED':
    case 'CANCEL_FUNDED': {
      const params = { by, shop: shopName, handle, title, reason: note || null, refund: null } as const;
      const fee = change.fee ? moneyParam(change.fee) : null;
      const refund = change.refund ? moneyParam(change.refund) : price;
      return recipients(
        to(creatorUserId, { type: NotificationType.ORDER_CANCELLED, params: { ...params, fee } }),
        to(merchantUserId, {
          type: NotificationType.ORDER_CANCELLED,
          params: { ...params, refund: change.action === 'CANCEL_FUNDED' ? refund : null, fee },
        }),
      );
    }
    case 'AGREE_CANCELLATION': {
      const toCreator = change.creatorAmount ?? Money.of(0n, order.currency);
      const content: NotificationContent = {
        type: NotificationType.CANCELLATION_AGREED,
        params: {
          by,
          shop: shopName,
          handle,
          title,
          toCreator: moneyParam(toCreator),
          refund: moneyParam(Money.of(order.priceMinor, order.currency).subtract(toCreator)),
        },
      };
      return recipients(to(creatorUserId, content), to(merchantUserId, content));
    }
    case 'REVISION_OVERDUE': {
      const content: NotificationContent = {
        type: NotificationType.REVISION_OVERDUE,
        params: { title, dueBy: iso(change.dueBy ?? null) },
      };
      return [to(creatorUserId, content), to(merchantUserId, content)];
    }
    case 'DELIVER':
      return [
        to(merchantUserId, {
          type: NotificationType.DELIVERABLE_SUBMITTED,
          params: { handle, title, version: change.version ?? null, reviewBy: iso(order.reviewDeadline) },
        }),
      ];
    case 'REQUEST_REVISION':
      return [
        to(creatorUserId, {
          type: NotificationType.REVISION_REQUESTED,
          params: {
            shop: shopName,
            title,
            used: order.revisionsUsed,
            max: order.maxRevisions,
            feedback: note,
          },
        }),
      ];
    case 'ACCEPT':
      return [
        to(creatorUserId, {
          type: NotificationType.DELIVERY_ACCEPTED,
          params: { shop: shopName, title, payout },
        }),
      ];
    case 'AUTO_ACCEPT':
      return [
        to(merchantUserId, { type: NotificationType.DELIVERY_AUTO_ACCEPTED, params: { title, handle } }),
        to(creatorUserId, { type: NotificationType.DELIVERY_AUTO_ACCEPTED, params: { title, payout } }),
      ];
    case 'OPEN_DISPUTE': {
      const content: NotificationContent = {
        type: NotificationType.DISPUTE_OPENED,
        params: { by, shop: shopName, handle, title, reason: note, price },
      };
      return recipients(to(creatorUserId, content), to(merchantUserId, content));
    }
    case 'RESOLVE_DISPUTE': {
      const escrow = Money.of(order.priceMinor, order.currency);
      const toCreator = change.creatorAmount ?? Money.of(0n, order.currency);
      const content: NotificationContent = {
        type: NotificationType.DISPUTE_RESOLVED,
        params: {
          title,
          price,
          toCreator: moneyParam(toCreator),
          refund: moneyParam(escrow.subtract(toCreator)),
          decision: note,
        },
      };
      return [to(merchantUserId, content), to(creatorUserId, content)];
    }
  }
}

/**
 * What acceptance pays the creator now: the agreed payout, or with a retention holdback the creator's
 * part of the price less the holdback (the rest follows when the retention window ends).
 */
function releasedNow(order: OrderEntity): Money {
  if (order.holdbackMinor === 0n) return Money.of(order.creatorPayoutMinor, order.currency);
  const released = Money.of(order.priceMinor - order.holdbackMinor, order.currency);
  return splitRelease(released, order.platformFeeBps, order.agencyId ? order.agencyShareBps : 0)
    .creatorPayout;
}

/** An order without a task or offer title is named by the start of its brief. */
function briefTitle(order: OrderEntity): string {
  const brief = order.brief.replace(/\s+/g, ' ').trim();
  return brief.length <= TITLE_FROM_BRIEF ? brief : `${brief.slice(0, TITLE_FROM_BRIEF - 1)}…`;
}

/** A moment as a notification stores it: written in the reader's zone when read; null for "its deadline". */
function iso(at: Date | null): string | null {
  return at ? at.toISOString() : null;
}
