import { TransitionTable } from '@vtask/core';

export enum TaskStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

export enum TaskVisibility {
  PUBLIC = 'PUBLIC',
  INVITE_ONLY = 'INVITE_ONLY',
}

export enum BidStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}

export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
}

export enum OfferStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  CLOSED = 'CLOSED',
}

/**
 * DRAFT -> OPEN -> CLOSED -> COMPLETED, or CANCELLED (SPEC "Two-way postings"); a task that closed full
 * REOPENs when an order gives its slot back before applyBy (SPEC "Slots come back").
 */
export const TASK_TRANSITIONS = new TransitionTable<
  TaskStatus,
  'PUBLISH' | 'CLOSE' | 'REOPEN' | 'CANCEL' | 'COMPLETE'
>('task', Object.values(TaskStatus), {
  PUBLISH: { from: [TaskStatus.DRAFT], to: TaskStatus.OPEN },
  CLOSE: { from: [TaskStatus.OPEN], to: TaskStatus.CLOSED },
  REOPEN: { from: [TaskStatus.CLOSED], to: TaskStatus.OPEN },
  CANCEL: { from: [TaskStatus.DRAFT, TaskStatus.OPEN, TaskStatus.CLOSED], to: TaskStatus.CANCELLED },
  COMPLETE: { from: [TaskStatus.CLOSED], to: TaskStatus.COMPLETED },
});

export const BID_TRANSITIONS = new TransitionTable<BidStatus, 'ACCEPT' | 'REJECT' | 'WITHDRAW' | 'EXPIRE'>(
  'bid',
  Object.values(BidStatus),
  {
    ACCEPT: { from: [BidStatus.PENDING], to: BidStatus.ACCEPTED },
    REJECT: { from: [BidStatus.PENDING], to: BidStatus.REJECTED },
    WITHDRAW: { from: [BidStatus.PENDING], to: BidStatus.WITHDRAWN },
    EXPIRE: { from: [BidStatus.PENDING], to: BidStatus.EXPIRED },
  },
);

export const INVITATION_TRANSITIONS = new TransitionTable<InvitationStatus, 'ACCEPT' | 'DECLINE' | 'EXPIRE'>(
  'invitation',
  Object.values(InvitationStatus),
  {
    ACCEPT: { from: [InvitationStatus.PENDING], to: InvitationStatus.ACCEPTED },
    DECLINE: { from: [InvitationStatus.PENDING], to: InvitationStatus.DECLINED },
    EXPIRE: { from: [InvitationStatus.PENDING], to: InvitationStatus.EXPIRED },
  },
);

export const OFFER_TRANSITIONS = new TransitionTable<OfferStatus, 'PAUSE' | 'RESUME' | 'CLOSE'>(
  'offer',
  Object.values(OfferStatus),
  {
    PAUSE: { from: [OfferStatus.ACTIVE], to: OfferStatus.PAUSED },
    RESUME: { from: [OfferStatus.PAUSED], to: OfferStatus.ACTIVE },
    CLOSE: { from: [OfferStatus.ACTIVE, OfferStatus.PAUSED], to: OfferStatus.CLOSED },
  },
);
