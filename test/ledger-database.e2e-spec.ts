import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  balanceOf,
  ledgerViolations,
  openSql,
  orderIn,
  setUpParties,
  type Parties,
  type Sql,
} from './support/order-fixtures';

/**
 * SPEC "Ledger": the invariants hold in the database itself, whatever the code does. Each statement
 * here goes around the API, as a bug or a hand-written script would, and PostgreSQL must refuse it.
 */
describe('the database refuses what would break the ledger', () => {
  let server: TestServer;
  let p: Parties;
  let sql: Sql;
  let close: () => Promise<void>;
  let completedOrder: string;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    p = await setUpParties(server, { agencyBps: 2000 });
    ({ sql, close } = await openSql(server.databaseUrl));
    completedOrder = await orderIn(p, 'COMPLETED', { price: '1000.00' });
  });
  afterAll(async () => {
    await close();
    expect(await ledgerViolations(server)).toEqual([]);
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
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
    expect(await balanceOf(server, 'external:test')).toBe(1n);
  });

  it('refuses a second settlement (release, refund or split) for an order', async () => {
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
    const creatorAccount = `creator/${p.creator.profileId}`;
    expect(await balanceOf(server, creatorAccount)).toBe(72000n);
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
    // Exactly the whole balance is fine: the payout API does this.
    const payout = await server.gql.ok(
      `mutation { requestPayout(amount: { amount: "720.00", currencyCode: CNY }, idempotencyKey: "all-of-it") { status } }`,
      {},
      p.creator.token,
    );
    expect(payout.requestPayout.status).toBe('PAID');
    expect(await balanceOf(server, creatorAccount)).toBe(0n);
  });
});
