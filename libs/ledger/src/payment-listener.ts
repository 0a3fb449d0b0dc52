import type { EntityManager } from 'typeorm';
import type { EscrowParties } from './escrow.postings';

/**
 * Where the order a charge pays for stands, as the ledger needs it: still waiting for its money, funded
 * and being worked on, or moved on (cancelled, delivered, settled).
 */
export type PayeeStanding = 'AWAITING_PAYMENT' | 'FUNDED' | 'MOVED_ON';

export interface ChargePayee {
  standing: PayeeStanding;
  /** The order's own status, for the messages that explain a refund. */
  status: string;
}

/** The funding request (user, idempotency key) a charge was made for: its answer is stored there. */
export interface FundingRequest {
  userId: string;
  key: string;
}

/** What a charge came to, for the payer: also the stored answer of its funding request. */
export interface ChargeResult {
  orderId: string;
  status: 'SUCCEEDED' | 'REQUIRES_ACTION' | 'FAILED';
  clientSecret: string | null;
  failureReason: string | null;
}

/**
 * The port through which the ledger tells orders about charges (orders registers one with
 * PaymentsService.listen): the ledger owns the payment, orders owns what it means for the order.
 * Each call runs in the transaction that records the charge's outcome.
 */
export interface PaymentListener<Payee extends ChargePayee = ChargePayee> {
  /**
   * Locks the order the charge pays for (every change to one order serializes there). The listener may
   * keep what it read in the payee it returns: the same transaction hands it back to `charged`.
   */
  lockPayee(manager: EntityManager, orderId: string): Promise<Payee>;
  /**
   * The charge succeeded while the order awaited it: the order (`payee`, as `lockPayee` locked it in this
   * transaction) moves on, and answers the parties whose escrow the ledger now funds. `payerUserId`: who
   * asked for the charge (null if unknown).
   */
  charged(
    manager: EntityManager,
    payee: Payee,
    charge: { provider: string; reference: string | null; payerUserId: string | null },
  ): Promise<EscrowParties>;
  /** The first report that a charge failed (the order keeps waiting for its money). */
  chargeFailed(manager: EntityManager, orderId: string, reason: string | null): Promise<void>;
}
