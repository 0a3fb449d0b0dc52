import { Injectable } from '@nestjs/common';
import { ProfilesService } from '@vtask/accounts';
import { Role, type Viewer } from '@vtask/core';
import { BidsService, BidStatus, TasksService } from '@vtask/marketplace';
import { OrderSource, OrdersService, OrderStatus } from '@vtask/orders';
import { ConversationsErrors } from './conversations.errors';

/** Where a message is written or read: an order's thread or a bid's. */
export type ThreadRef = { orderId: string; bidId?: undefined } | { bidId: string; orderId?: undefined };

/** A thread as the rules see it: who talks in it, and whether the viewer may read and write now. */
export interface Thread {
  id: string;
  bidId: string | null;
  orderId: string | null;
  /** The task the bid is on, for a bid's thread (a notice about it links there). */
  taskId: string | null;
  /** Users who take part: the merchant, the creator and, in an order, the creator's agency. */
  partyUserIds: string[];
  /** Whether the viewer may write in it now (a bid's thread only while the bid is PENDING). */
  writable: boolean;
}

/**
 * Finds threads and their parties. A bid's thread is the task's merchant and the bidder's; an order's
 * adds the creator's agency, and admins may read it while the order is DISPUTED (as evidence). To
 * anyone else a thread does not exist (NOT_FOUND), so ids cannot be probed.
 */
@Injectable()
export class ThreadsService {
  constructor(
    private readonly orders: OrdersService,
    private readonly bids: BidsService,
    private readonly tasks: TasksService,
    private readonly profiles: ProfilesService,
  ) {}

  /** The thread the viewer reads or writes, or NOT_FOUND. */
  async forViewer(viewer: Viewer, ref: ThreadRef): Promise<Thread> {
    const thread = ref.orderId ? await this.ofOrder(ref.orderId) : await this.ofBid(ref.bidId!);
    if (!thread) throw ConversationsErrors.threadNotFound();
    const party = thread.partyUserIds.includes(viewer.userId);
    const evidence = viewer.role === Role.ADMIN && thread.status === OrderStatus.DISPUTED;
    if (!party && !evidence) throw ConversationsErrors.threadNotFound();
    return { ...thread, writable: party && thread.writable };
  }

  /** A thread's parties without a viewer (a timer telling them of unread messages). */
  async byId(threadId: string, orderId: string | null): Promise<Thread | null> {
    return orderId ? this.ofOrder(orderId) : this.ofBid(threadId);
  }

  /** Order id -> thread id, for a page of orders (one query). */
  async idsOfOrders(orderIds: readonly string[]): Promise<Map<string, string>> {
    const ids = new Map(orderIds.map((id) => [id, id]));
    for (const bid of await this.bids.ofOrders(orderIds)) ids.set(bid.orderId!, bid.id);
    return ids;
  }

  private async ofOrder(orderId: string): Promise<(Thread & { status: string }) | null> {
    const [order] = await this.orders.byIds([orderId]);
    if (!order) return null;
    const [bid, merchants, creators, agencies] = await Promise.all([
      order.source === OrderSource.BID ? this.bids.ofOrder(order.id) : Promise.resolve(null),
      this.profiles.merchantsByIds([order.merchantId]),
      this.profiles.creatorsByIds([order.creatorId]),
      order.agencyId ? this.profiles.agenciesByIds([order.agencyId]) : Promise.resolve([]),
    ]);
    return {
      // The conversation carries on from the bid the order was made from.
      id: bid?.id ?? order.id,
      bidId: bid?.id ?? null,
      orderId: order.id,
      taskId: order.taskId,
      partyUserIds: [...merchants, ...creators, ...agencies].map((profile) => profile.userId),
      writable: true,
      status: order.status,
    };
  }

  private async ofBid(bidId: string): Promise<(Thread & { status: string }) | null> {
    const [bid] = await this.bids.byIds([bidId]);
    if (!bid) return null;
    const [task] = await this.tasks.byIds([bid.taskId]);
    if (!task) return null;
    const [merchants, creators] = await Promise.all([
      this.profiles.merchantsByIds([task.merchantId]),
      this.profiles.creatorsByIds([bid.creatorId]),
    ]);
    return {
      id: bid.id,
      bidId: bid.id,
      orderId: null,
      taskId: bid.taskId,
      partyUserIds: [...merchants, ...creators].map((profile) => profile.userId),
      writable: bid.status === BidStatus.PENDING,
      status: bid.status,
    };
  }
}
