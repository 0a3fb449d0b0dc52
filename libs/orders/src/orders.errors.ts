import { DomainError } from '@vtask/core';

export const OrdersErrors = {
  /** The same answer for "no such order" and "not yours", so ids cannot be probed. */
  notFound: () => DomainError.notFound('Order'),
};
