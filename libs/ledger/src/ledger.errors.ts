import { DomainError, ErrorCode } from '@vtask/core';

export const LedgerErrors = {
  keyReused: () =>
    new DomainError(
      ErrorCode.IDEMPOTENCY_KEY_REUSED,
      'This idempotency key was already used for a different request; use a new key for a new request.',
    ),
  keyInProgress: () =>
    DomainError.conflict(
      'A request with this idempotency key is still being processed; retry it in a moment.',
    ),
  insufficientFunds: (available: string) =>
    new DomainError(ErrorCode.INSUFFICIENT_FUNDS, `Only ${available} is available to pay out.`),
};
