import { Injectable } from '@nestjs/common';
import { CurrencyCode, Money, type Viewer } from '@vtask/core';
import { LedgerService, PostingKind, walletAccountOf } from '@vtask/ledger';
import { DataSource } from 'typeorm';
import { FUNDED_OPEN_ORDER_STATUSES } from './orders.states';

export interface WalletView {
  available: Money;
  inEscrow: Money;
  paidOut: Money;
}

/**
 * A party's money at a glance: what can be paid out (the wallet account's ledger balance), what is
 * held in escrow for their open orders, and what has been paid out.
 */
@Injectable()
export class WalletsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  async walletOf(viewer: Viewer, currency: CurrencyCode): Promise<WalletView> {
    const account = walletAccountOf(viewer);
    const available = await this.ledger.balance(this.dataSource.manager, account, currency);
    const paidOut = await this.ledger.totalsByKind([account], PostingKind.PAYOUT);
    const reversed = await this.ledger.totalsByKind([account], PostingKind.PAYOUT_REVERSAL);
    // Held for this party's funded, unsettled orders: the merchant's whole price, the creator's and the
    // agency's expected parts of it.
    const [column, party, id] = viewer.creatorId
      ? ['creator_payout_minor', 'creator_id', viewer.creatorId]
      : viewer.agencyId
        ? ['agency_share_minor', 'agency_id', viewer.agencyId]
        : ['price_minor', 'merchant_id', viewer.merchantId];
    const [row] = await this.dataSource.query<{ held: string | null }[]>(
      `SELECT sum(${column}) AS held FROM orders WHERE ${party} = $1 AND currency = $2 AND status = ANY($3)`,
      [id, currency, FUNDED_OPEN_ORDER_STATUSES],
    );
    return {
      available,
      inEscrow: Money.of(BigInt(row?.held ?? 0), currency),
      paidOut: Money.of(-((paidOut.get(account) ?? 0n) + (reversed.get(account) ?? 0n)), currency),
    };
  }
}
