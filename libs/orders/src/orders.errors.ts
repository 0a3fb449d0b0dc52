import { defineErrors, ErrorCode } from '@vtask/core';

export const OrdersErrors = defineErrors('orders', {
  /** The same answer for "no such order" and "not yours", so ids cannot be probed. */
  notFound: { code: ErrorCode.NOT_FOUND, en: () => 'No order with this id.', zh: () => '没有这个订单。' },
});
