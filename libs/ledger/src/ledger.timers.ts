import { defineTimer, type TimerTable } from '@vtask/jobs';
import type { LedgerOptions } from './ledger.options';

/**
 * The ledger's durable timers (see `defineTimer` in libs/jobs), written in the transaction that records
 * the provider call they finish; their handlers are registered in ledger.module.ts. Both finish a call a
 * crash interrupted, so each fires once per operation.
 */
export const LedgerTimers = {
  /**
   * Finishes a charge or refund left PENDING. The queue name predates the move of payments into the
   * ledger and is kept, so timers written before still find their handler.
   */
  recoverPayment: defineTimer<{ operationId: string }>({
    name: 'orders.recover-provider-operation',
    key: ({ operationId }) => operationId,
  }),
  /** Settles a payout a crash left PENDING. */
  recoverPayout: defineTimer<{ payoutId: string }>({
    name: 'ledger.recover-payout',
    key: ({ payoutId }) => payoutId,
  }),
} satisfies TimerTable;

/** How long a provider call may take before recovery finishes it, unless configured (ORDER_RECOVERY_DELAY_S). */
const DEFAULT_RECOVERY_DELAY_S = 30;

/** When the recovery timer of a provider call recorded now should fire. */
export function recoveryAt(options: LedgerOptions): Date {
  return new Date(Date.now() + (options.recoveryDelaySeconds ?? DEFAULT_RECOVERY_DELAY_S) * 1000);
}
