import type { OrderStatus } from '../graphql/generated';

export type DeadlineKind = 'fund' | 'deliver' | 'review';

interface OrderTimes {
  status: OrderStatus;
  fundingDeadline: string | null;
  deliverBy: string;
  reviewDeadline: string | null;
}

/** The deadline that matters for an order now: funding, delivery or automatic acceptance. */
export function currentDeadline(order: OrderTimes): { kind: DeadlineKind; at: string } | null {
  switch (order.status) {
    case 'AWAITING_FUNDING':
      return order.fundingDeadline ? { kind: 'fund', at: order.fundingDeadline } : null;
    case 'IN_PROGRESS':
    case 'REVISION_REQUESTED':
      return { kind: 'deliver', at: order.deliverBy };
    case 'DELIVERED':
      return order.reviewDeadline ? { kind: 'review', at: order.reviewDeadline } : null;
    default:
      return null;
  }
}

/** Statuses in the order a merchant works through them. */
export const ORDER_STATUS_ORDER: OrderStatus[] = [
  'AWAITING_FUNDING',
  'IN_PROGRESS',
  'DELIVERED',
  'REVISION_REQUESTED',
  'DISPUTED',
  'COMPLETED',
  'RESOLVED',
  'CANCELLED',
];
