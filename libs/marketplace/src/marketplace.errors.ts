import { DomainError, ErrorCode } from '@vtask/core';

export const MarketplaceErrors = {
  taskNotFound: () => DomainError.notFound('Task'),
  bidNotFound: () => DomainError.notFound('Bid'),
  invitationNotFound: () => DomainError.notFound('Invitation'),
  offerNotFound: () => DomainError.notFound('Offer'),
  notYourTask: () => DomainError.forbidden('Only the merchant who posted this task may change it.'),
  notBigV: () =>
    new DomainError(ErrorCode.TIER_TOO_LOW, 'Only big-V creators (tier CREATOR and above) take paid work.'),
  belowMinTier: (minTier: string) =>
    new DomainError(ErrorCode.TIER_TOO_LOW, `This task is for creators of tier ${minTier} and above.`),
  applyByPassed: () =>
    new DomainError(ErrorCode.DEADLINE_PASSED, 'The task stopped taking bids at its applyBy time.'),
  bookByPassed: () =>
    new DomainError(ErrorCode.DEADLINE_PASSED, 'This offer could be booked only until its bookBy time.'),
  invitationExpired: () => new DomainError(ErrorCode.DEADLINE_PASSED, 'The invitation has expired.'),
  taskNotOpen: (status: string) => DomainError.conflict(`The task is ${status}, not OPEN.`),
  slotsFull: () => DomainError.conflict('Every slot of this task is filled.'),
  offerFull: () => DomainError.conflict('Every slot of this offer is booked.'),
  inviteOnly: () => DomainError.forbidden('This task is by invitation only.'),
  liveBidExists: () => DomainError.conflict('You already have a live bid on this task; withdraw it first.'),
  currencyMismatch: (field: string, currency: string) =>
    DomainError.badInput({ [field]: `Use the task's currency, ${currency}.` }),
};
