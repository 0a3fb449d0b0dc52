import type { OrderStatus } from '../graphql/generated';

export type DeadlineKind = 'fund' | 'deliver' | 'review' | 'revise' | 'decide';

interface OrderTimes {
  status: OrderStatus;
  fundingDeadline: string | null;
  deliverBy: string;
  reviewDeadline: string | null;
  revisionDueBy?: string | null;
  disputeDecideBy?: string | null;
}

/**
 * The deadline that matters for an order now: funding, delivery, automatic acceptance, the requested
 * revision (then the order goes to dispute) or an admin's decision on a dispute.
 */
export function currentDeadline(order: OrderTimes): { kind: DeadlineKind; at: string } | null {
  switch (order.status) {
    case 'AWAITING_FUNDING':
      return order.fundingDeadline ? { kind: 'fund', at: order.fundingDeadline } : null;
    case 'IN_PROGRESS':
      return { kind: 'deliver', at: order.deliverBy };
    case 'REVISION_REQUESTED':
      return order.revisionDueBy
        ? { kind: 'revise', at: order.revisionDueBy }
        : { kind: 'deliver', at: order.deliverBy };
    case 'DISPUTED':
      return order.disputeDecideBy ? { kind: 'decide', at: order.disputeDecideBy } : null;
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
