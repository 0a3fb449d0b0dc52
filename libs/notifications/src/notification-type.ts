/**
 * The `type` of a notification (SPEC "Notifications"). A plain string in the database and the API, so
 * a new kind needs no migration; these are the names in use, with who gets each.
 */
export const NotificationType = {
  /** The task's merchant: a creator bid. */
  BID_RECEIVED: 'BID_RECEIVED',
  /** The creator: the merchant accepted the bid (an order awaits funding). */
  BID_ACCEPTED: 'BID_ACCEPTED',
  /** The creator: the merchant rejected the bid. */
  BID_REJECTED: 'BID_REJECTED',
  /** The creator: a merchant invites them to a task. */
  INVITATION_RECEIVED: 'INVITATION_RECEIVED',
  /** The merchant: the creator accepted the invitation (an order awaits funding). */
  INVITATION_ACCEPTED: 'INVITATION_ACCEPTED',
  /** The merchant: the creator declined the invitation. */
  INVITATION_DECLINED: 'INVITATION_DECLINED',
  /** The merchant: the creator did not answer in time. */
  INVITATION_EXPIRED: 'INVITATION_EXPIRED',
  /** The creator: a merchant booked a slot of their offer. */
  OFFER_BOOKED: 'OFFER_BOOKED',
  /** The creator: the escrow holds the price; work can start. */
  ORDER_FUNDED: 'ORDER_FUNDED',
  /** Both parties: the order was not funded in time and is cancelled. */
  FUNDING_EXPIRED: 'FUNDING_EXPIRED',
  /** The other party of the one who cancelled (both when the task's cancellation did it). */
  ORDER_CANCELLED: 'ORDER_CANCELLED',
  /** The merchant: a delivery to review. */
  DELIVERABLE_SUBMITTED: 'DELIVERABLE_SUBMITTED',
  /** The merchant: 24 h left to review a delivery before it is accepted automatically. */
  REVIEW_REMINDER: 'REVIEW_REMINDER',
  /** The creator: the merchant asked for changes. */
  REVISION_REQUESTED: 'REVISION_REQUESTED',
  /** The creator: the merchant accepted the delivery; the escrow is released. */
  DELIVERY_ACCEPTED: 'DELIVERY_ACCEPTED',
  /** Both parties: the review window ended and the delivery was accepted automatically. */
  DELIVERY_AUTO_ACCEPTED: 'DELIVERY_AUTO_ACCEPTED',
  /** The other party of the one who opened the dispute. */
  DISPUTE_OPENED: 'DISPUTE_OPENED',
  /** Both parties: an admin split the escrow. */
  DISPUTE_RESOLVED: 'DISPUTE_RESOLVED',
  /** The creator: an agency invites them to join (answered with joinAgency or declineAgencyInvitation). */
  AGENCY_INVITATION: 'AGENCY_INVITATION',
  VENUE_ENROLLMENT_APPROVED: 'VENUE_ENROLLMENT_APPROVED',
  VENUE_ENROLLMENT_REJECTED: 'VENUE_ENROLLMENT_REJECTED',
  VENUE_SUBMISSION_ACCEPTED: 'VENUE_SUBMISSION_ACCEPTED',
  VENUE_SUBMISSION_REJECTED: 'VENUE_SUBMISSION_REJECTED',
  VENUE_LINEUP_PUBLISHED: 'VENUE_LINEUP_PUBLISHED',
  VENUE_DEADLINE_SOON: 'VENUE_DEADLINE_SOON',
  /** The other party of an order: a cancellation (a split of the escrow) is proposed. */
  CANCELLATION_PROPOSED: 'CANCELLATION_PROPOSED',
  /** The proposer: the other party declined the cancellation proposal. */
  CANCELLATION_DECLINED: 'CANCELLATION_DECLINED',
  /** The other party: the proposer withdrew their cancellation proposal. */
  CANCELLATION_WITHDRAWN: 'CANCELLATION_WITHDRAWN',
  /** The proposer: the other party accepted; the escrow is split and the order cancelled. */
  CANCELLATION_AGREED: 'CANCELLATION_AGREED',
  /** Both parties: the requested revision was not delivered in time; the order is in dispute. */
  REVISION_OVERDUE: 'REVISION_OVERDUE',
  /** Every admin: a dispute passed its decision deadline undecided. */
  DISPUTE_OVERDUE: 'DISPUTE_OVERDUE',
  /** Creators with a pending bid on, or invitation to, a task: its merchant changed its terms. */
  TASK_UPDATED: 'TASK_UPDATED',
  /** The merchant: the creator marked the accepted content published; the retention window runs. */
  CONTENT_PUBLISHED: 'CONTENT_PUBLISHED',
  /** The creator: the merchant reported the published content taken down; restore it by restoreBy. */
  TAKEDOWN_REPORTED: 'TAKEDOWN_REPORTED',
  /** The merchant: the creator says the content is back up. */
  CONTENT_RESTORED: 'CONTENT_RESTORED',
  /** The creator: the retention window ended with the content up; the holdback is released. */
  HOLDBACK_RELEASED: 'HOLDBACK_RELEASED',
  /** Both parties: the retention was breached (not published, or not restored in time); the holdback went back to the merchant. */
  RETENTION_BREACHED: 'RETENTION_BREACHED',
  /** A party of a bid or an order: messages from the other side unread for MESSAGE_UNREAD_NOTIFY_S. */
  MESSAGE_UNREAD: 'MESSAGE_UNREAD',
  /** Both sides of a pairing a matchmaking session (定向匹配会) proposed. */
  MATCHMAKING_PAIRING_PROPOSED: 'MATCHMAKING_PAIRING_PROPOSED',
  /** The other side of a pairing: one side said yes; theirs is awaited. */
  MATCHMAKING_PAIRING_ACCEPTED: 'MATCHMAKING_PAIRING_ACCEPTED',
  /** Both sides: both said yes, an order awaits funding. */
  MATCHMAKING_PAIRING_MATCHED: 'MATCHMAKING_PAIRING_MATCHED',
  /** The other side of the one who declined. */
  MATCHMAKING_PAIRING_DECLINED: 'MATCHMAKING_PAIRING_DECLINED',
  /** Both sides: the session ended before both answered. */
  MATCHMAKING_PAIRING_EXPIRED: 'MATCHMAKING_PAIRING_EXPIRED',
} as const;

export type NotificationType = (typeof NotificationType)[keyof typeof NotificationType];
