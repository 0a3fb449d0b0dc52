import { Injectable } from '@nestjs/common';
import { Money } from '@vtask/core';
import type { EntityManager } from 'typeorm';
import { LedgerTransactionEntity } from './entities/ledger-transaction.entity';
import { EscrowPart, LedgerAccount, PostingKind } from './ledger-accounts';
import { LedgerService, type PostingLine } from './ledger.service';

/** The parties and the fixed split of one order, as the escrow needs them. */
export interface EscrowParties {
  orderId: string;
  merchantId: string;
  creatorId: string;
  agencyId: string | null;
  price: Money;
  platformFeeBps: number;
  agencyShareBps: number;
  /** The retention holdback: stays in escrow at acceptance (part HOLDBACK); zero without retention. */
  holdback: Money;
}

/** How a released amount divides: fee first (rounded down), then the agency's share of the rest. */
export function splitRelease(amount: Money, platformFeeBps: number, agencyShareBps: number) {
  const platformFee = amount.shareBps(platformFeeBps);
  const afterFee = amount.subtract(platformFee);
  const agencyShare = afterFee.shareBps(agencyShareBps);
  return { platformFee, agencyShare, creatorPayout: afterFee.subtract(agencyShare) };
}

/** How `amount`, released from this order's escrow, divides: no agency share when it has no agency. */
export function releasedParts(order: EscrowParties, amount: Money) {
  return splitRelease(amount, order.platformFeeBps, order.agencyId ? order.agencyShareBps : 0);
}

/**
 * The escrow's movements as balanced postings: FUND in from the provider, and exactly one way out per
 * part of the escrow (RELEASE, REFUND or SPLIT of the MAIN part, then RELEASE or REFUND of the
 * retention HOLDBACK; a unique index on (order, part) enforces "at most once").
 */
@Injectable()
export class EscrowPostings {
  constructor(private readonly ledger: LedgerService) {}

  fund(manager: EntityManager, order: EscrowParties, provider: string) {
    const escrow = LedgerAccount.escrow(order.orderId);
    return this.ledger.post(manager, {
      kind: PostingKind.FUND,
      currency: order.price.currency,
      orderId: order.orderId,
      lines: [
        { account: LedgerAccount.external(provider), kind: PostingKind.FUND, amount: -order.price.minor },
        { account: escrow, kind: PostingKind.FUND, amount: order.price.minor },
      ],
    });
  }

  /**
   * Acceptance: the price less the retention holdback leaves escrow to the creator, the platform's fee
   * and the agency's share (all of it when there is no holdback).
   */
  release(manager: EntityManager, order: EscrowParties) {
    const released = order.price.subtract(order.holdback);
    return this.ledger.post(manager, {
      kind: PostingKind.RELEASE,
      currency: order.price.currency,
      orderId: order.orderId,
      escrowPart: EscrowPart.MAIN,
      lines: [
        { account: LedgerAccount.escrow(order.orderId), kind: PostingKind.RELEASE, amount: -released.minor },
        ...this.releaseLines(order, released),
      ],
    });
  }

  /** The retention window ended with the content up: the holdback is released, fees applied to it. */
  releaseHoldback(manager: EntityManager, order: EscrowParties) {
    return this.ledger.post(manager, {
      kind: PostingKind.RELEASE,
      currency: order.price.currency,
      orderId: order.orderId,
      escrowPart: EscrowPart.HOLDBACK,
      lines: [
        {
          account: LedgerAccount.escrow(order.orderId),
          kind: PostingKind.RELEASE,
          amount: -order.holdback.minor,
        },
        ...this.releaseLines(order, order.holdback),
      ],
    });
  }

  /**
   * The retention was breached: the holdback goes back to the merchant's wallet (a card refund weeks
   * after the charge may no longer be possible).
   */
  returnHoldback(manager: EntityManager, order: EscrowParties) {
    return this.ledger.post(manager, {
      kind: PostingKind.REFUND,
      currency: order.price.currency,
      orderId: order.orderId,
      escrowPart: EscrowPart.HOLDBACK,
      lines: [
        {
          account: LedgerAccount.escrow(order.orderId),
          kind: PostingKind.REFUND,
          amount: -order.holdback.minor,
        },
        {
          account: LedgerAccount.merchant(order.merchantId),
          kind: PostingKind.REFUND,
          amount: order.holdback.minor,
        },
      ],
    });
  }

  /** Cancellation after funding: the whole price goes back to where it came from. */
  refund(manager: EntityManager, order: EscrowParties, provider: string) {
    return this.ledger.post(manager, {
      kind: PostingKind.REFUND,
      currency: order.price.currency,
      orderId: order.orderId,
      lines: [
        {
          account: LedgerAccount.escrow(order.orderId),
          kind: PostingKind.REFUND,
          amount: -order.price.minor,
        },
        { account: LedgerAccount.external(provider), kind: PostingKind.REFUND, amount: order.price.minor },
      ],
    });
  }

  /** A dispute's resolution: `creatorAmount` is released (fees apply to it), the rest refunded. */
  split(manager: EntityManager, order: EscrowParties, creatorAmount: Money, provider: string) {
    const refunded = order.price.subtract(creatorAmount);
    return this.ledger.post(manager, {
      kind: PostingKind.SPLIT,
      currency: order.price.currency,
      orderId: order.orderId,
      lines: [
        { account: LedgerAccount.escrow(order.orderId), kind: PostingKind.SPLIT, amount: -order.price.minor },
        ...this.releaseLines(order, creatorAmount),
        { account: LedgerAccount.external(provider), kind: PostingKind.REFUND, amount: refunded.minor },
      ],
    });
  }

  /** Whether the order's escrow was ever funded (its FUND posting exists). */
  async hasFunded(manager: EntityManager, orderId: string): Promise<boolean> {
    return manager
      .getRepository(LedgerTransactionEntity)
      .exists({ where: { orderId, kind: PostingKind.FUND } });
  }

  private releaseLines(order: EscrowParties, amount: Money): PostingLine[] {
    const split = releasedParts(order, amount);
    const lines: PostingLine[] = [
      {
        account: LedgerAccount.creator(order.creatorId),
        kind: PostingKind.RELEASE,
        amount: split.creatorPayout.minor,
      },
      { account: LedgerAccount.platformFees, kind: PostingKind.FEE, amount: split.platformFee.minor },
    ];
    if (order.agencyId) {
      lines.push({
        account: LedgerAccount.agency(order.agencyId),
        kind: PostingKind.AGENCY_SHARE,
        amount: split.agencyShare.minor,
      });
    }
    return lines;
  }
}
