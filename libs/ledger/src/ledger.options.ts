export const LEDGER_OPTIONS = Symbol('LEDGER_OPTIONS');

export interface LedgerOptions {
  /**
   * Seconds after a payout's provider call is recorded before recovery finishes it, should a crash
   * have interrupted it. Default 30.
   */
  recoveryDelaySeconds?: number;
}
