import { Injectable } from '@nestjs/common';
import { creatorUserIds, dealParties, shopNameOf } from '@vtask/accounts';
import { Money } from '@vtask/core';
import { moneyParam, NotificationsService, NotificationType } from '@vtask/notifications';
import type { OrderEntity, OrderTitles } from '@vtask/orders';
import type { EntityManager } from 'typeorm';
import type { BidEntity } from './entities/bid.entity';
import type { InvitationEntity } from './entities/invitation.entity';
import type { OfferEntity } from './entities/offer.entity';
import type { TaskEntity } from './entities/task.entity';

const QUOTE_LENGTH = 120;

/**
 * The market's notifications (bids, invitations, bookings), each written in the transaction of the
 * decision it reports. The parties' users and names come in one query per notification.
 */
@Injectable()
export class MarketplaceNotifier {
  constructor(private readonly notifications: NotificationsService) {}

  /** To the task's merchant. */
  async bidReceived(manager: EntityManager, task: TaskEntity, bid: BidEntity): Promise<void> {
    const { merchantUserId, handle } = await dealParties(manager, task.merchantId, bid.creatorId);
    await this.notifications.notify(manager, {
      userId: merchantUserId,
      type: NotificationType.BID_RECEIVED,
      params: {
        handle,
        price: moneyParam(Money.of(bid.priceMinor, bid.currency)),
        title: task.title,
        pitch: quote(bid.pitch),
      },
      taskId: task.id,
    });
  }

  /** To the bid's creator. */
  async bidDecided(
    manager: EntityManager,
    task: TaskEntity,
    bid: BidEntity,
    outcome: { order: OrderEntity } | { reason: string | null },
  ): Promise<void> {
    const { creatorUserId, shopName } = await dealParties(manager, task.merchantId, bid.creatorId);
    const price = Money.of(bid.priceMinor, bid.currency);
    if ('order' in outcome) {
      await this.notifications.notify(manager, {
        userId: creatorUserId,
        type: NotificationType.BID_ACCEPTED,
        params: {
          shop: shopName,
          price: moneyParam(price),
          title: task.title,
          fundBy: iso(outcome.order.fundingDeadline),
        },
        taskId: task.id,
        orderId: outcome.order.id,
      });
    } else {
      const reason = outcome.reason?.trim();
      await this.notifications.notify(manager, {
        userId: creatorUserId,
        type: NotificationType.BID_REJECTED,
        params: { shop: shopName, price: moneyParam(price), title: task.title, reason: reason || null },
        taskId: task.id,
      });
    }
  }

  /** To the invited creator. */
  async invitationReceived(
    manager: EntityManager,
    task: TaskEntity,
    invitation: InvitationEntity,
  ): Promise<void> {
    const { creatorUserId, shopName } = await dealParties(manager, task.merchantId, invitation.creatorId);
    const price = Money.of(invitation.priceMinor, invitation.currency);
    await this.notifications.notify(manager, {
      userId: creatorUserId,
      type: NotificationType.INVITATION_RECEIVED,
      params: {
        shop: shopName,
        title: task.title,
        price: moneyParam(price),
        answerBy: iso(invitation.expiresAt),
        note: invitation.message ? quote(invitation.message) : null,
      },
      taskId: task.id,
    });
  }

  /** To the merchant who invited: accepted (with its order), declined or expired. */
  async invitationAnswered(
    manager: EntityManager,
    task: TaskEntity,
    invitation: InvitationEntity,
    outcome: { order: OrderEntity } | 'DECLINED' | 'EXPIRED',
  ): Promise<void> {
    const { merchantUserId, handle } = await dealParties(manager, task.merchantId, invitation.creatorId);
    const price = Money.of(invitation.priceMinor, invitation.currency);
    const about = { userId: merchantUserId, taskId: task.id };
    if (outcome === 'DECLINED') {
      await this.notifications.notify(manager, {
        ...about,
        type: NotificationType.INVITATION_DECLINED,
        params: { handle, title: task.title },
      });
    } else if (outcome === 'EXPIRED') {
      await this.notifications.notify(manager, {
        ...about,
        type: NotificationType.INVITATION_EXPIRED,
        params: { handle, title: task.title },
      });
    } else {
      await this.notifications.notify(manager, {
        ...about,
        type: NotificationType.INVITATION_ACCEPTED,
        params: {
          handle,
          title: task.title,
          price: moneyParam(price),
          fundBy: iso(outcome.order.fundingDeadline),
        },
        orderId: outcome.order.id,
      });
    }
  }

  /**
   * To every creator the task's new terms concern: those with a pending bid on it or a pending
   * invitation to it (one notification each, in one statement). `changed` names the fields.
   */
  async taskUpdated(manager: EntityManager, task: TaskEntity, changed: readonly string[]): Promise<number> {
    const waiting = await manager.query<{ creator_id: string; invited: boolean }[]>(
      `SELECT creator_id, bool_and(invited) AS invited
         FROM (SELECT creator_id, false AS invited FROM bids WHERE task_id = $1 AND status = 'PENDING'
               UNION ALL
               SELECT creator_id, true FROM invitations WHERE task_id = $1 AND status = 'PENDING') r
        GROUP BY creator_id`,
      [task.id],
    );
    if (!waiting.length) return 0;
    const users = await creatorUserIds(
      manager,
      waiting.map((row) => row.creator_id),
    );
    const shop = await shopNameOf(manager, task.merchantId);
    return this.notifications.notifyEach(
      manager,
      waiting
        .filter((row) => users.has(row.creator_id))
        .map((row) => ({
          userId: users.get(row.creator_id)!,
          type: NotificationType.TASK_UPDATED,
          params: { shop, title: task.title, changed: [...changed], invited: row.invited },
          taskId: task.id,
        })),
    );
  }

  /** To the offer's creator. */
  async offerBooked(manager: EntityManager, offer: OfferEntity, order: OrderEntity): Promise<void> {
    const { creatorUserId, shopName } = await dealParties(manager, order.merchantId, offer.creatorId);
    await this.notifications.notify(manager, {
      userId: creatorUserId,
      type: NotificationType.OFFER_BOOKED,
      params: {
        shop: shopName,
        title: offer.title,
        price: moneyParam(Money.of(order.priceMinor, order.currency)),
        fundBy: iso(order.fundingDeadline),
        brief: quote(order.brief),
      },
      orderId: order.id,
    });
  }
}

/**
 * For the orders' messages (registered with OrdersService.nameOrdersWith): an order is named by its task's or offer's title. One query
 * for all the orders, from the ids they carry.
 */
export const orderTitles: OrderTitles = {
  async titlesOf(manager, orders) {
    if (!orders.length) return new Map();
    const rows = await manager.query<{ id: string; title: string | null }[]>(
      `SELECT o.id, coalesce(t.title, f.title) AS title
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS o(id, task_id, offer_id)
         LEFT JOIN tasks t ON t.id = o.task_id
         LEFT JOIN offers f ON f.id = o.offer_id`,
      [orders.map((o) => o.id), orders.map((o) => o.taskId), orders.map((o) => o.offerId)],
    );
    return new Map(rows.filter((row) => row.title).map((row) => [row.id, row.title!]));
  },
};

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= QUOTE_LENGTH ? flat : `${flat.slice(0, QUOTE_LENGTH - 1)}…`;
}

/** A moment as a notification stores it: written in the reader's zone when read; null for "the deadline". */
function iso(at: Date | null): string | null {
  return at ? at.toISOString() : null;
}
