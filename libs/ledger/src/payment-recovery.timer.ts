import { Inject, Injectable } from '@nestjs/common';
import { TimersService } from '@vtask/jobs';
import type { EntityManager } from 'typeorm';
import { LEDGER_OPTIONS, type LedgerOptions } from './ledger.options';

/**
 * The timer that finishes a charge or refund a crash interrupted. Its name predates the move of
 * payments into the ledger and is kept, so timers written before still find their handler.
 */
export const RECOVER_PAYMENT = 'orders.recover-provider-operation';
/** How long a provider call may take before recovery finishes it, unless configured (ORDER_RECOVERY_DELAY_S). */
const DEFAULT_RECOVERY_DELAY_S = 30;

/** Writes the recovery timer of a recorded charge or refund, in the transaction that records it. */
@Injectable()
export class PaymentRecoveryTimer {
  private readonly delayMs: number;

  constructor(
    private readonly timers: TimersService,
    @Inject(LEDGER_OPTIONS) options: LedgerOptions,
  ) {
    this.delayMs = (options.recoveryDelaySeconds ?? DEFAULT_RECOVERY_DELAY_S) * 1000;
  }

  schedule(manager: EntityManager, operationId: string): Promise<void> {
    return this.timers.schedule(
      RECOVER_PAYMENT,
      { operationId },
      new Date(Date.now() + this.delayMs),
      operationId,
      { manager },
    );
  }
}
