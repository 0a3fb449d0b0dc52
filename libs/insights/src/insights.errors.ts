import { DomainError } from '@vtask/core';

export const InsightsErrors = {
  /** The same answer for "no such deliverable" and "not your order", so ids cannot be probed. */
  deliverableNotFound: () => DomainError.notFound('Deliverable'),
  taskNotFound: () => DomainError.notFound('Task'),
  notTheCreator: () =>
    DomainError.forbidden("Only the order's creator, or an admin, records its content's figures."),
  notYourTask: () => DomainError.forbidden("Only the task's merchant, or an admin, sees its performance."),
  notYourMerchant: () =>
    DomainError.forbidden("Only the merchant, or an admin, sees the merchant's performance."),
};
