import { randomUUID } from 'node:crypto';
import { AgenciesService } from '@vtask/accounts';
import { CurrencyCode, Money } from '@vtask/core';
import { LedgerService, ledgerViolations, PayoutsService, PostingKind } from '@vtask/ledger';
import { OrderLifecycleService } from '@vtask/orders';
import { Client } from 'pg';
import { startServiceTest, type ServiceTestContext } from '../../../test/support/service-harness';
import {
  bookedOrders,
  setUpServiceParties,
  signUpAgency,
  type ServiceParties,
} from '../../../test/support/service-fixtures';

type Sql = (text: string, params?: unknown[]) => Promise<Record<string, any>[]>;

/**
 * SPEC "Ledger": the invariants hold in the database itself, whatever the code does. Each statement
 * here goes around the services, as a bug or a hand-written script would, and PostgreSQL must refuse it.
 * (A service spec: no HTTP is involved; the order and the payout go through the services.)
 */
describe('the database refuses what would break the ledger', () => {
  let context: ServiceTestContext;
  let p: ServiceParties;
  let client: Client;
  let sql: Sql;
  let completedOrder: string;

  const balanceOf = async (account: string, currency = 'CNY'): Promise<bigint> => {
    const [row] = await context.sql(
      `SELECT coalesce(sum(amount_minor), 0)::text AS balance FROM ledger_entries WHERE account = $1 AND currency = $2`,
      [account, currency],
    );
    return BigInt(row.balance);
  };

  beforeAll(async () => {
    context = await startServiceTest();
    p = await setUpServiceParties(context);
    // The creator belongs to an agency that takes 20%.
    const agency = await signUpAgency(context, 2000);
    await context.get(AgenciesService).invite(agency, p.creator.creatorId!);
    await context.get(AgenciesService).join(p.creator, agency.agencyId!);
    client = new Client({ connectionString: context.databaseUrl });
    await client.connect();
    sql = async (text, params = []) => (await client.query(text, params)).rows;
    [completedOrder] = await bookedOrders(context, p, 1, '1000.00');
    const lifecycle = context.get(OrderLifecycleService);
    await lifecycle.fund(p.merchant, completedOrder, randomUUID());
    await lifecycle.submitDeliverable(p.creator, {
      orderId: completedOrder,
      title: 'Delivered',
      body: 'The video.',
    });
    await lifecycle.acceptDelivery(p.merchant, completedOrder, {}, randomUUID());
  });
  afterAll(async () => {
    await client?.end();
    if (context) expect(await ledgerViolations(context.dataSource)).toEqual([]);
    await context?.close();
  });

  /** Runs statements in one transaction and returns the error PostgreSQL raised (at any statement or COMMIT). */
  async function refused(statements: [string, unknown[]?][]): Promise<{ code: string; message: string }> {
    await sql('BEGIN');
    try {
      for (const [text, params] of statements) await sql(text, params ?? []);
      await sql('COMMIT');
    } catch (error) {
      await sql('ROLLBACK').catch(() => undefined);
      const { code, message } = error as { code: string; message: string };
      return { code, message };
    }
    throw new Error('PostgreSQL accepted what it must refuse');
  }

  async function snapshot() {
    const [row] = await sql(
      `SELECT (SELECT count(*) FROM ledger_transactions)::int AS transactions, (SELECT count(*) FROM ledger_entries)::int AS entries,
              (SELECT coalesce(sum(balance_minor), 0)::text FROM ledger_balances) AS total,
              (SELECT string_agg(account || '=' || balance_minor, ',' ORDER BY account) FROM ledger_balances) AS balances`,
    );
    return row;
  }

  it('LedgerService.post refuses an unbalanced posting before the database sees it, and leaves out zero lines', async () => {
    const ledger = context.get(LedgerService);
    const post = (lines: [string, bigint][]) =>
      context.dataSource.transaction((manager) =>
        ledger.post(manager, {
          kind: PostingKind.FUND,
          currency: CurrencyCode.CNY,
          lines: lines.map(([account, amount]) => ({ account, kind: PostingKind.FUND, amount })),
        }),
      );
    const before = await snapshot();
    await expect(
      post([
        ['external:post-a', -5n],
        ['external:post-b', 4n],
      ]),
    ).rejects.toThrow(/Unbalanced FUND posting/);
    expect(await snapshot()).toEqual(before);
    const posted = await post([
      ['external:post-a', -5n],
      ['external:post-b', 5n],
      ['external:post-c', 0n],
    ]);
    const entries = await sql(
      `SELECT account FROM ledger_entries WHERE transaction_id = $1 ORDER BY account`,
      [posted.id],
    );
    expect(entries).toEqual([{ account: 'external:post-a' }, { account: 'external:post-b' }]);
  });

  it('refuses an UPDATE or DELETE of a posted entry or transaction', async () => {
    const before = await snapshot();
    const [entry] = await sql(
      `SELECT id, transaction_id FROM ledger_entries WHERE order_id = $1 AND kind = 'RELEASE' LIMIT 1`,
      [completedOrder],
    );
    const update = await refused([
      [`UPDATE ledger_entries SET amount_minor = amount_minor + 1 WHERE id = $1`, [entry.id]],
    ]);
    expect(update).toMatchObject({ code: '23001', message: expect.stringMatching(/immutable/) });
    const remove = await refused([[`DELETE FROM ledger_entries WHERE id = $1`, [entry.id]]]);
    expect(remove).toMatchObject({ code: '23001', message: expect.stringMatching(/immutable/) });
    const retarget = await refused([
      [
        `UPDATE ledger_entries SET account = 'creator/someone-else' WHERE transaction_id = $1`,
        [entry.transaction_id],
      ],
    ]);
    expect(retarget.code).toBe('23001');
    const tx = await refused([
      [`UPDATE ledger_transactions SET kind = 'REFUND' WHERE id = $1`, [entry.transaction_id]],
    ]);
    expect(tx.code).toBe('23001');
    const dropTx = await refused([[`DELETE FROM ledger_transactions WHERE order_id = $1`, [completedOrder]]]);
    expect(dropTx.code).toBe('23001');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an unbalanced transaction at COMMIT, and one that mixes currencies', async () => {
    const before = await snapshot();
    const single = await refused([
      [
        `INSERT INTO ledger_transactions (id, kind, currency) VALUES ('6f1d3c1e-0000-4000-8000-000000000001', 'FUND', 'CNY')`,
      ],
      [
        `INSERT INTO ledger_entries (transaction_id, account, kind, currency, amount_minor)
         VALUES ('6f1d3c1e-0000-4000-8000-000000000001', 'platform:fees', 'FEE', 'CNY', 500)`,
      ],
    ]);
    expect(single).toMatchObject({ code: '23514', message: expect.stringMatching(/unbalanced/) });
    const lopsided = await refused([
      [
        `INSERT INTO ledger_transactions (id, kind, currency) VALUES ('6f1d3c1e-0000-4000-8000-000000000002', 'FUND', 'CNY')`,
      ],
      [
        `INSERT INTO ledger_entries (transaction_id, account, kind, currency, amount_minor) VALUES
           ('6f1d3c1e-0000-4000-8000-000000000002', 'external:sandbox', 'FUND', 'CNY', -1000),
           ('6f1d3c1e-0000-4000-8000-000000000002', 'platform:fees', 'FEE', 'CNY', 999)`,
      ],
    ]);
    expect(lopsided.code).toBe('23514');
    const mixed = await refused([
      [
        `INSERT INTO ledger_transactions (id, kind, currency) VALUES ('6f1d3c1e-0000-4000-8000-000000000003', 'FUND', 'CNY')`,
      ],
      [
        `INSERT INTO ledger_entries (transaction_id, account, kind, currency, amount_minor) VALUES
           ('6f1d3c1e-0000-4000-8000-000000000003', 'external:sandbox', 'FUND', 'CNY', -1000),
           ('6f1d3c1e-0000-4000-8000-000000000003', 'external:sandbox', 'FUND', 'USD', 1000)`,
      ],
    ]);
    expect(mixed.code).toBe('23514');
    expect(await snapshot()).toEqual(before);
    // The same trigger lets a balanced one through (the control case), between two outside accounts.
    await sql('BEGIN');
    await sql(
      `INSERT INTO ledger_transactions (id, kind, currency) VALUES ('6f1d3c1e-0000-4000-8000-000000000004', 'FUND', 'CNY')`,
    );
    await sql(
      `INSERT INTO ledger_entries (transaction_id, account, kind, currency, amount_minor) VALUES
         ('6f1d3c1e-0000-4000-8000-000000000004', 'external:sandbox', 'FUND', 'CNY', -1),
         ('6f1d3c1e-0000-4000-8000-000000000004', 'external:test', 'FUND', 'CNY', 1)`,
    );
    await sql('COMMIT');
    expect(await balanceOf('external:test')).toBe(1n);
  });

  it('refuses a second settlement (release, refund or split) of the same escrow part of an order (here the main part; one per order and part)', async () => {
    const before = await snapshot();
    for (const kind of ['RELEASE', 'REFUND', 'SPLIT']) {
      const second = await refused([
        [
          `INSERT INTO ledger_transactions (kind, currency, order_id) VALUES ($1, 'CNY', $2)`,
          [kind, completedOrder],
        ],
      ]);
      expect({ kind, code: second.code, message: second.message }).toEqual({
        kind,
        code: '23505',
        message: expect.stringMatching(/ledger_transactions_one_settlement_per_order/),
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to take a wallet or an escrow below zero (external accounts may go negative)', async () => {
    const creatorAccount = `creator/${p.creator.creatorId}`;
    expect(await balanceOf(creatorAccount)).toBe(72000n);
    const before = await snapshot();
    const overdraw = await refused([
      [
        `INSERT INTO ledger_transactions (id, kind, currency) VALUES ('6f1d3c1e-0000-4000-8000-000000000005', 'PAYOUT', 'CNY')`,
      ],
      [
        `INSERT INTO ledger_entries (transaction_id, account, kind, currency, amount_minor) VALUES
           ('6f1d3c1e-0000-4000-8000-000000000005', $1, 'PAYOUT', 'CNY', -72001),
           ('6f1d3c1e-0000-4000-8000-000000000005', 'external:sandbox', 'PAYOUT', 'CNY', 72001)`,
        [creatorAccount],
      ],
    ]);
    expect(overdraw).toMatchObject({
      code: '23514',
      message: expect.stringMatching(/ledger_balances_non_negative/),
    });
    // A brand-new account cannot start negative either (the insert path of the balance trigger).
    const fresh = await refused([
      [
        `INSERT INTO ledger_transactions (id, kind, currency) VALUES ('6f1d3c1e-0000-4000-8000-000000000006', 'RELEASE', 'CNY')`,
      ],
      [
        `INSERT INTO ledger_entries (transaction_id, account, kind, currency, amount_minor) VALUES
           ('6f1d3c1e-0000-4000-8000-000000000006', 'escrow:order/00000000-0000-4000-8000-00000000dead', 'RELEASE', 'CNY', -1),
           ('6f1d3c1e-0000-4000-8000-000000000006', 'platform:fees', 'FEE', 'CNY', 1)`,
      ],
    ]);
    expect(fresh.code).toBe('23514');
    const direct = await refused([
      [`UPDATE ledger_balances SET balance_minor = -1 WHERE account = $1`, [creatorAccount]],
    ]);
    expect(direct.code).toBe('23514');
    expect(await snapshot()).toEqual(before);
    // Exactly the whole balance is fine: a payout does this.
    const payout = await context
      .get(PayoutsService)
      .request(p.creator, Money.fromDecimal('720.00', CurrencyCode.CNY), randomUUID());
    expect(payout.status).toBe('PAID');
    expect(await balanceOf(creatorAccount)).toBe(0n);
  });
});
