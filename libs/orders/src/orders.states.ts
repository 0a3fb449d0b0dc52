import { TransitionTable } from '@vtask/core';

export enum OrderStatus {
  AWAITING_FUNDING = 'AWAITING_FUNDING',
  IN_PROGRESS = 'IN_PROGRESS',
  DELIVERED = 'DELIVERED',
  REVISION_REQUESTED = 'REVISION_REQUESTED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  DISPUTED = 'DISPUTED',
  RESOLVED = 'RESOLVED',
}

export enum OrderSource {
  BID = 'BID',
  INVITATION = 'INVITATION',
  OFFER = 'OFFER',
}

/** Orders that will not change again. */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = [
  OrderStatus.COMPLETED,
  OrderStatus.CANCELLED,
  OrderStatus.RESOLVED,
];

/** Orders whose escrow is (or may be) funded and not yet settled: the creator is working or under review. */
export const FUNDED_OPEN_ORDER_STATUSES: readonly OrderStatus[] = [
  OrderStatus.IN_PROGRESS,
  OrderStatus.DELIVERED,
  OrderStatus.REVISION_REQUESTED,
  OrderStatus.DISPUTED,
];

export type OrderAction =
  | 'FUND'
  | 'EXPIRE_FUNDING'
  | 'CANCEL_UNFUNDED'
  | 'CANCEL_FUNDED'
  | 'DELIVER'
  | 'REQUEST_REVISION'
  | 'ACCEPT'
  | 'AUTO_ACCEPT'
  | 'OPEN_DISPUTE'
  | 'REVISION_OVERDUE'
  | 'AGREE_CANCELLATION'
  | 'RESOLVE_DISPUTE';

/** The order's life (SPEC "Orders, escrow and delivery") as data. */
export const ORDER_TRANSITIONS = new TransitionTable<OrderStatus, OrderAction>(
  'order',
  Object.values(OrderStatus),
  {
    FUND: { from: [OrderStatus.AWAITING_FUNDING], to: OrderStatus.IN_PROGRESS },
    EXPIRE_FUNDING: { from: [OrderStatus.AWAITING_FUNDING], to: OrderStatus.CANCELLED },
    CANCEL_UNFUNDED: { from: [OrderStatus.AWAITING_FUNDING], to: OrderStatus.CANCELLED },
    CANCEL_FUNDED: { from: [OrderStatus.IN_PROGRESS], to: OrderStatus.CANCELLED },
    DELIVER: { from: [OrderStatus.IN_PROGRESS, OrderStatus.REVISION_REQUESTED], to: OrderStatus.DELIVERED },
    REQUEST_REVISION: { from: [OrderStatus.DELIVERED], to: OrderStatus.REVISION_REQUESTED },
    ACCEPT: { from: [OrderStatus.DELIVERED], to: OrderStatus.COMPLETED },
    AUTO_ACCEPT: { from: [OrderStatus.DELIVERED], to: OrderStatus.COMPLETED },
    OPEN_DISPUTE: { from: [OrderStatus.DELIVERED, OrderStatus.REVISION_REQUESTED], to: OrderStatus.DISPUTED },
    /** The revision deadline passed without a new version (timer). */
    REVISION_OVERDUE: { from: [OrderStatus.REVISION_REQUESTED], to: OrderStatus.DISPUTED },
    /** A cancellation proposal accepted: the escrow splits as proposed. */
    AGREE_CANCELLATION: { from: [...FUNDED_OPEN_ORDER_STATUSES], to: OrderStatus.CANCELLED },
    RESOLVE_DISPUTE: { from: [OrderStatus.DISPUTED], to: OrderStatus.RESOLVED },
  },
);

export enum DeliverableStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  CHANGES_REQUESTED = 'CHANGES_REQUESTED',
}

export type DeliverableAction = 'APPROVE' | 'REQUEST_CHANGES';

/** A submitted version awaits review; the merchant's answer closes it (a revision is a new version). */
export const DELIVERABLE_TRANSITIONS = new TransitionTable<DeliverableStatus, DeliverableAction>(
  'deliverable',
  Object.values(DeliverableStatus),
  {
    APPROVE: { from: [DeliverableStatus.SUBMITTED], to: DeliverableStatus.APPROVED },
    REQUEST_CHANGES: { from: [DeliverableStatus.SUBMITTED], to: DeliverableStatus.CHANGES_REQUESTED },
  },
);

/** The accepted content's life through its retention window (SPEC "Usage rights, publication and retention"). */
export enum PublicationStatus {
  UNPUBLISHED = 'UNPUBLISHED',
  LIVE = 'LIVE',
  REPORTED_DOWN = 'REPORTED_DOWN',
  RETAINED = 'RETAINED',
  BREACHED = 'BREACHED',
}

export type PublicationAction =
  | 'PUBLISH'
  | 'PUBLISH_WITHOUT_RETENTION'
  | 'REPORT_TAKEDOWN'
  | 'RESTORE'
  | 'RETAIN'
  | 'BREACH_UNRESTORED'
  | 'BREACH_UNPUBLISHED';

/** Publication and retention as data: the holdback moves exactly when the publication ends. */
export const PUBLICATION_TRANSITIONS = new TransitionTable<PublicationStatus, PublicationAction>(
  'publication',
  Object.values(PublicationStatus),
  {
    PUBLISH: { from: [PublicationStatus.UNPUBLISHED], to: PublicationStatus.LIVE },
    PUBLISH_WITHOUT_RETENTION: { from: [PublicationStatus.UNPUBLISHED], to: PublicationStatus.RETAINED },
    REPORT_TAKEDOWN: { from: [PublicationStatus.LIVE], to: PublicationStatus.REPORTED_DOWN },
    RESTORE: { from: [PublicationStatus.REPORTED_DOWN], to: PublicationStatus.LIVE },
    RETAIN: { from: [PublicationStatus.LIVE], to: PublicationStatus.RETAINED },
    BREACH_UNRESTORED: { from: [PublicationStatus.REPORTED_DOWN], to: PublicationStatus.BREACHED },
    BREACH_UNPUBLISHED: { from: [PublicationStatus.UNPUBLISHED], to: PublicationStatus.BREACHED },
  },
);

export enum CancellationProposalStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}

export type CancellationProposalAction = 'ACCEPT' | 'DECLINE' | 'WITHDRAW';

/** A proposal is answered once: accepted or declined by the other party, withdrawn by its author or by any other change of the order. */
export const CANCELLATION_PROPOSAL_TRANSITIONS = new TransitionTable<
  CancellationProposalStatus,
  CancellationProposalAction
>('cancellation proposal', Object.values(CancellationProposalStatus), {
  ACCEPT: { from: [CancellationProposalStatus.PENDING], to: CancellationProposalStatus.ACCEPTED },
  DECLINE: { from: [CancellationProposalStatus.PENDING], to: CancellationProposalStatus.DECLINED },
  WITHDRAW: { from: [CancellationProposalStatus.PENDING], to: CancellationProposalStatus.WITHDRAWN },
});
