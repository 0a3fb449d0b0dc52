import { bigintColumn, CurrencyCode } from '@vtask/core';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Each account's running balance per currency, kept by a trigger on every entry insert. A CHECK
 * refuses any balance below zero except for `external:` accounts, so an escrow or a wallet can never
 * go negative, whatever the code does. Payouts lock this row to check the available balance.
 */
@Entity('ledger_balances')
@Check('ledger_balances_non_negative', `account LIKE 'external:%' OR balance_minor >= 0`)
export class LedgerBalanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  account: string;

  @PrimaryColumn({ type: 'enum', enum: CurrencyCode, enumName: 'currency_code' })
  currency: CurrencyCode;

  @Column({ type: 'bigint', transformer: bigintColumn, default: 0 })
  balanceMinor: bigint;
}
