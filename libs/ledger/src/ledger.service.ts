import { Injectable } from '@nestjs/common';
import { CurrencyCode, Money } from '@vtask/core';
import { entityFromRow } from '@vtask/database';
import { DataSource, In, type EntityManager, type ObjectLiteral } from 'typeorm';
import { LedgerBalanceEntity } from './entities/ledger-balance.entity';
import { LedgerEntryEntity } from './entities/ledger-entry.entity';
import { LedgerTransactionEntity } from './entities/ledger-transaction.entity';
import { EscrowPart, keepsRunningBalance, PostingKind } from './ledger-accounts';

export interface PostingLine {
  account: string;
  kind: PostingKind;
  /** Signed minor units: positive credits the account, negative debits it. */
  amount: bigint;
}

export interface Posting {
  kind: PostingKind;
  currency: CurrencyCode;
  orderId?: string | null;
  payoutId?: string | null;
  memo?: string | null;
  /** The part of the order's escrow a settlement moves (MAIN unless said). */
  escrowPart?: EscrowPart;
  lines: PostingLine[];
}

/**
 * The double-entry journal. Every money movement is one transaction whose lines sum to zero; the
 * database checks that again at commit (a deferred trigger), keeps running balances of the accounts
 * inside the platform and refuses any negative one, and refuses any update or delete of an entry.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly dataSource: DataSource) {}

  async post(manager: EntityManager, posting: Posting): Promise<LedgerTransactionEntity> {
    const lines = posting.lines.filter((line) => line.amount !== 0n);
    const sum = lines.reduce((total, line) => total + line.amount, 0n);
    if (sum !== 0n) throw new Error(`Unbalanced ${posting.kind} posting: lines sum to ${sum}`);
    // The transaction and its lines in one statement (one round trip); the database still checks the
    // balance at commit and the running balances line by line.
    const [row] = await manager.query<ObjectLiteral[]>(
      `WITH posted AS (
         INSERT INTO ledger_transactions (kind, order_id, payout_id, currency, memo, escrow_part)
         VALUES ($1::posting_kind, $2::uuid, $3::uuid, $4::currency_code, $5, $6)
         RETURNING *
       ), entries AS (
         INSERT INTO ledger_entries (transaction_id, account, kind, currency, amount_minor, order_id)
         SELECT posted.id, line.account, line.kind, posted.currency, line.amount, posted.order_id
           FROM posted,
                unnest($7::varchar[], $8::posting_kind[], $9::bigint[]) WITH ORDINALITY
                  AS line(account, kind, amount, position)
          ORDER BY line.position
       )
       SELECT * FROM posted`,
      [
        posting.kind,
        posting.orderId ?? null,
        posting.payoutId ?? null,
        posting.currency,
        posting.memo ?? null,
        posting.escrowPart ?? EscrowPart.MAIN,
        lines.map((line) => line.account),
        lines.map((line) => line.kind),
        lines.map((line) => line.amount.toString()),
      ],
    );
    const transaction = entityFromRow(manager, LedgerTransactionEntity, row);
    return transaction;
  }

  /** An account's balance; `lock` holds its row until the transaction ends (for withdrawals). */
  async balance(
    manager: EntityManager,
    account: string,
    currency: CurrencyCode,
    lock = false,
  ): Promise<Money> {
    if (!keepsRunningBalance(account)) {
      const [sum] = await manager.query<{ total: string }[]>(
        `SELECT coalesce(sum(amount_minor), 0)::text AS total FROM ledger_entries WHERE account = $1 AND currency = $2`,
        [account, currency],
      );
      return Money.of(BigInt(sum.total), currency);
    }
    const row = await manager.getRepository(LedgerBalanceEntity).findOne({
      where: { account, currency },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return Money.of(row?.balanceMinor ?? 0n, currency);
  }

  async balances(accounts: readonly string[]): Promise<LedgerBalanceEntity[]> {
    if (!accounts.length) return [];
    return this.dataSource.getRepository(LedgerBalanceEntity).findBy({ account: In([...accounts]) });
  }

  /** Every entry of every transaction of the order, both sides, oldest first: they sum to zero. */
  entriesOfOrder(orderId: string): Promise<LedgerEntryEntity[]> {
    return this.dataSource
      .getRepository(LedgerEntryEntity)
      .createQueryBuilder('e')
      .innerJoin(LedgerTransactionEntity, 't', 't.id = e.transaction_id')
      .where('t.order_id = :orderId', { orderId })
      .orderBy('e.created_at', 'ASC')
      .addOrderBy('e.amount_minor', 'ASC')
      .getMany();
  }

  /** Settlement and funding transactions of these orders, for escrow summaries. */
  async transactionsOfOrders(orderIds: readonly string[]): Promise<LedgerTransactionEntity[]> {
    if (!orderIds.length) return [];
    return this.dataSource
      .getRepository(LedgerTransactionEntity)
      .find({ where: { orderId: In([...orderIds]) }, order: { createdAt: 'ASC' } });
  }

  /** Sum of entries of one kind per account (e.g. PAYOUT lines of wallets). */
  async totalsByKind(accounts: readonly string[], kind: PostingKind): Promise<Map<string, bigint>> {
    if (!accounts.length) return new Map();
    const rows: { account: string; total: string }[] = await this.dataSource.query(
      `SELECT account, sum(amount_minor) AS total FROM ledger_entries WHERE account = ANY($1) AND kind = $2 GROUP BY account`,
      [accounts, kind],
    );
    return new Map(rows.map((row) => [row.account, BigInt(row.total)]));
  }
}
