import { bigintColumn, CurrencyCode } from '@vtask/core';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The running balance per currency of every account inside the platform (escrows and wallets), kept
 * by a trigger on every entry insert. A CHECK refuses any balance below zero, so an escrow or a wallet
 * can never go negative, whatever the code does. Payouts lock this row to check the available balance.
 * `external:*` and `platform:*` keep none (migration ScaleCountersAndLedger): nothing guards them, and
 * one row each, updated by every order, serialized the whole marketplace.
 */
@Entity('ledger_balances')
@Check('ledger_balances_non_negative', `balance_minor >= 0`)
@Check('ledger_balances_kept_accounts', `account NOT LIKE 'external:%' AND account NOT LIKE 'platform:%'`)
export class LedgerBalanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  account: string;

  @PrimaryColumn({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  @Column({ type: 'bigint', transformer: bigintColumn, default: 0 })
  balanceMinor: bigint;
}
