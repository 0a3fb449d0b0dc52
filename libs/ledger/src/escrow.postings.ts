import { Injectable } from '@nestjs/common';
import { Money } from '@vtask/core';
import type { EntityManager } from 'typeorm';
import { LedgerTransactionEntity } from './entities/ledger-transaction.entity';
import { LedgerAccount, PostingKind } from './ledger-accounts';
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
 * The escrow's four movements as balanced postings: FUND in from the provider, and exactly one way
 * out per order (RELEASE, REFUND or SPLIT; a unique index enforces "at most once").
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

  /** Acceptance: the whole price leaves escrow to the creator, the platform's fee and the agency's share. */
  release(manager: EntityManager, order: EscrowParties) {
    return this.ledger.post(manager, {
      kind: PostingKind.RELEASE,
      currency: order.price.currency,
      orderId: order.orderId,
      lines: [
        {
          account: LedgerAccount.escrow(order.orderId),
          kind: PostingKind.RELEASE,
          amount: -order.price.minor,
        },
        ...this.releaseLines(order, order.price),
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
