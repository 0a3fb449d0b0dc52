import { Inject, Injectable, Optional } from '@nestjs/common';
import { Money } from '@vtask/core';
import { NotificationsService, NotificationType, type NotifyCommand } from '@vtask/notifications';
import type { EntityManager } from 'typeorm';
import type { OrderEntity } from './entities/order.entity';
import type { OrderAction } from './orders.states';

/**
 * Where the market names orders in messages (its task's or offer's title): orders cannot import the
 * market, which depends on orders. Without it an order is named by the start of its brief.
 */
export const ORDER_TITLES = Symbol('ORDER_TITLES');
export interface OrderTitles {
  /** Titles by order id (orders without one are left out). */
  titlesOf(manager: EntityManager, orders: readonly OrderEntity[]): Promise<Map<string, string>>;
}

/** What happened to the orders, as `OrderLifecycleService` records it. */
export interface OrderChange {
  action: OrderAction;
  /** Who did it; null for a timer or the payment provider. */
  actorUserId: string | null;
  /** The event's note: a reason, feedback, the admin's decision, "Version 2". */
  note: string | null;
  /** RESOLVE_DISPUTE: the part of the escrow the creator gets. */
  creatorAmount?: Money;
}

interface Parties {
  merchantUserId: string;
  shopName: string;
  creatorUserId: string;
  handle: string;
}

const TITLE_FROM_BRIEF = 60;

/**
 * The order's notifications, written in the transaction of the change they report (an outbox): the
 * recipients are the parties' users, looked up in one query for all the orders of a change.
 */
@Injectable()
export class OrderNotifier {
  constructor(
    private readonly notifications: NotificationsService,
    @Optional() @Inject(ORDER_TITLES) private readonly titles?: OrderTitles,
  ) {}

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
      message: `24 hours left to review @${handle}'s delivery of "${title}": accept it, ask for changes or open a dispute by ${iso(order.reviewDeadline)}, or it is accepted automatically.`,
      orderId: order.id,
      taskId: order.taskId,
    });
    return true;
  }

  private async describe(
    manager: EntityManager,
    orders: readonly OrderEntity[],
  ): Promise<{ parties: Map<string, Parties>; titles: Map<string, string> }> {
    const rows = await manager.query<
      { id: string; merchant_user_id: string; shop_name: string; creator_user_id: string; handle: string }[]
    >(
      `SELECT o.id, m.user_id AS merchant_user_id, m.shop_name, c.user_id AS creator_user_id, c.handle
         FROM orders o JOIN merchants m ON m.id = o.merchant_id JOIN creators c ON c.id = o.creator_id
        WHERE o.id = ANY($1::uuid[])`,
      [orders.map((order) => order.id)],
    );
    const parties = new Map(
      rows.map((row) => [
        row.id,
        {
          merchantUserId: row.merchant_user_id,
          shopName: row.shop_name,
          creatorUserId: row.creator_user_id,
          handle: row.handle,
        },
      ]),
    );
    const titles = this.titles ? await this.titles.titlesOf(manager, orders) : new Map<string, string>();
    return { parties, titles };
  }
}

/** The notifications of one order's change: who gets what, in plain words. */
function messages(order: OrderEntity, parties: Parties, title: string, change: OrderChange): NotifyCommand[] {
  const { merchantUserId, shopName, creatorUserId, handle } = parties;
  const price = Money.of(order.priceMinor, order.currency);
  const payout = Money.of(order.creatorPayoutMinor, order.currency);
  const note = change.note?.trim() ?? '';
  const about = { orderId: order.id, taskId: order.taskId };
  const to = (userId: string, type: string, message: string): NotifyCommand => ({
    userId,
    type,
    message,
    ...about,
  });
  const byMerchant = change.actorUserId === merchantUserId;
  const byCreator = change.actorUserId === creatorUserId;
  // What one party did is news to the other only; anyone else's doing (none today) to both.
  const recipients = (toCreator: NotifyCommand, toMerchant: NotifyCommand): NotifyCommand[] =>
    byMerchant ? [toCreator] : byCreator ? [toMerchant] : [toCreator, toMerchant];

  switch (change.action) {
    case 'FUND':
      return [
        to(
          creatorUserId,
          NotificationType.ORDER_FUNDED,
          `${shopName} funded "${title}": ${price} is held in escrow. Start work and deliver by ${iso(order.deliverBy)}.`,
        ),
      ];
    case 'EXPIRE_FUNDING':
      return [
        to(
          merchantUserId,
          NotificationType.FUNDING_EXPIRED,
          `"${title}" with @${handle} was not funded in time, so the order is cancelled.`,
        ),
        to(
          creatorUserId,
          NotificationType.FUNDING_EXPIRED,
          `${shopName} did not fund "${title}" in time, so the order is cancelled.`,
        ),
      ];
    case 'CANCEL_UNFUNDED':
    case 'CANCEL_FUNDED': {
      const reason = note ? `: ${sentence(note)}` : '.';
      const refund = change.action === 'CANCEL_FUNDED' ? ` Your payment of ${price} is refunded.` : '';
      const who = byMerchant ? shopName : byCreator ? `@${handle}` : 'The platform';
      const message = `${who} cancelled "${title}"${reason}`;
      return recipients(
        to(creatorUserId, NotificationType.ORDER_CANCELLED, message),
        to(merchantUserId, NotificationType.ORDER_CANCELLED, `${message}${refund}`),
      );
    }
    case 'DELIVER':
      return [
        to(
          merchantUserId,
          NotificationType.DELIVERABLE_SUBMITTED,
          `@${handle} delivered "${title}"${note ? ` (${note.toLowerCase()})` : ''}: review it by ${iso(order.reviewDeadline)}, or it is accepted automatically.`,
        ),
      ];
    case 'REQUEST_REVISION':
      return [
        to(
          creatorUserId,
          NotificationType.REVISION_REQUESTED,
          `${shopName} asked for changes to "${title}" (revision ${order.revisionsUsed} of ${order.maxRevisions}): ${note}`,
        ),
      ];
    case 'ACCEPT':
      return [
        to(
          creatorUserId,
          NotificationType.DELIVERY_ACCEPTED,
          `${shopName} accepted your delivery of "${title}": ${payout} is released to your wallet.`,
        ),
      ];
    case 'AUTO_ACCEPT':
      return [
        to(
          merchantUserId,
          NotificationType.DELIVERY_AUTO_ACCEPTED,
          `The review window of "${title}" ended, so @${handle}'s delivery was accepted automatically and the escrow released.`,
        ),
        to(
          creatorUserId,
          NotificationType.DELIVERY_AUTO_ACCEPTED,
          `The review window of "${title}" ended, so your delivery was accepted automatically: ${payout} is released to your wallet.`,
        ),
      ];
    case 'OPEN_DISPUTE': {
      const who = byMerchant ? shopName : byCreator ? `@${handle}` : 'A party';
      const message = `${who} opened a dispute on "${title}": ${sentence(note)} An admin will decide how the escrow of ${price} is split.`;
      return recipients(
        to(creatorUserId, NotificationType.DISPUTE_OPENED, message),
        to(merchantUserId, NotificationType.DISPUTE_OPENED, message),
      );
    }
    case 'RESOLVE_DISPUTE': {
      const toCreator = change.creatorAmount ?? Money.of(0n, order.currency);
      const message = `An admin resolved the dispute on "${title}": ${toCreator} of the ${price} escrow goes to the creator (fees apply) and ${price.subtract(toCreator)} is refunded to the merchant. Decision: ${sentence(note)}`;
      return [
        to(merchantUserId, NotificationType.DISPUTE_RESOLVED, message),
        to(creatorUserId, NotificationType.DISPUTE_RESOLVED, message),
      ];
    }
  }
}

/** An order without a task or offer title is named by the start of its brief. */
function briefTitle(order: OrderEntity): string {
  const brief = order.brief.replace(/\s+/g, ' ').trim();
  return brief.length <= TITLE_FROM_BRIEF ? brief : `${brief.slice(0, TITLE_FROM_BRIEF - 1)}…`;
}

function sentence(text: string): string {
  return /[.!?。！？]$/.test(text) ? text : `${text}.`;
}

function iso(at: Date | null): string {
  return at ? at.toISOString() : 'its deadline';
}
