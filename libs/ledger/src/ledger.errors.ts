import { defineErrors, ErrorCode } from '@vtask/core';

/** Every domain error the ledger throws: wallets, payouts, payments and idempotency keys. */
export const LedgerErrors = defineErrors('ledger', {
  keyReused: {
    code: ErrorCode.IDEMPOTENCY_KEY_REUSED,
    en: () =>
      'This idempotency key was already used for a different request; use a new key for a new request.',
    zh: () => '这个幂等键已用于另一个请求；新的请求请使用新的键。',
  },
  keyInProgress: {
    code: ErrorCode.CONFLICT,
    en: () => 'A request with this idempotency key is still being processed; retry it in a moment.',
    zh: () => '使用这个幂等键的请求仍在处理中，请稍后重试。',
  },
  keyShape: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'idempotencyKey',
    en: (max: number) => `Use 1 to ${max} characters, e.g. a UUID.`,
    zh: (max: number) => `请使用 1 到 ${max} 个字符，例如一个 UUID。`,
  },
  insufficientFunds: {
    code: ErrorCode.INSUFFICIENT_FUNDS,
    en: (available: string) => `Only ${available} is available to pay out.`,
    zh: (available: string) => `可提现余额只有 ${available}。`,
  },
  payoutNotPositive: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'amount.amount',
    en: () => 'The amount must be more than zero.',
    zh: () => '金额必须大于零。',
  },
  noWallet: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only merchants, creators and agencies have wallets.',
    zh: () => '只有商家、达人和机构有钱包。',
  },
  payoutAccountNotForRole: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only creators and agencies receive payouts to a connected account.',
    zh: () => '只有达人和机构通过绑定的收款账户提现。',
  },
  notHttpUrl: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string) => 'Must be an http(s) URL.',
    zh: (_field: string) => '必须是 http(s) 网址。',
  },
  nothingToConnect: {
    code: ErrorCode.CONFLICT,
    en: (provider: string) =>
      `The ${provider} payment provider pays out without a connected account: there is nothing to connect.`,
    zh: (provider: string) => `支付服务 ${provider} 提现无需绑定收款账户，没有需要绑定的账户。`,
  },
  payoutAccountUnavailable: {
    code: ErrorCode.PAYMENT_FAILED,
    en: () => 'The payment provider could not set up the payout account just now; try again in a moment.',
    zh: () => '支付服务暂时无法开设收款账户，请稍后重试。',
  },
  orderAlreadyFunded: {
    code: ErrorCode.CONFLICT,
    en: () => 'This order is already funded or being funded.',
    zh: () => '这个订单已托管资金，或正在托管中。',
  },
  providerUnreachable: {
    code: ErrorCode.PAYMENT_FAILED,
    en: () => 'The payment provider could not be reached; retry with the same idempotency key in a moment.',
    zh: () => '暂时无法连接支付服务，请稍后使用同一个幂等键重试。',
  },
  paymentInProgress: {
    code: ErrorCode.CONFLICT,
    en: () => 'The payment is still being processed; retry with the same idempotency key.',
    zh: () => '支付仍在处理中，请使用同一个幂等键重试。',
  },
  paymentNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No payment with this id.',
    zh: () => '没有这笔支付。',
  },
});
