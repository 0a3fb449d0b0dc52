/**
 * The ledger invariants of SPEC "Ledger" (and a few of the order machine that touch money) as SQL over
 * the whole database. Shared by the end-to-end suites, the schema fuzzer and the soak bench, so every
 * tool that claims "the books hold" checks the same thing.
 */

/** Anything that runs one SQL statement and answers with rows: a TypeORM DataSource or QueryRunner, or a test's helper. */
export interface LedgerQuerySource {
  query(text: string, params?: unknown[]): Promise<any>;
}

/** Orders whose money sits in escrow: funded and not yet settled. */
const FUNDED_OPEN_STATUSES = ['IN_PROGRESS', 'DELIVERED', 'REVISION_REQUESTED', 'DISPUTED'];

/** The timeline events that end an order (a kill fee and an agreed cancellation end it CANCELLED, split). */
const ENDING_EVENTS = [
  'ACCEPTED',
  'AUTO_ACCEPTED',
  'CANCELLED',
  'FUNDING_EXPIRED',
  'RESOLVED',
  'CANCELLED_WITH_FEE',
  'CANCELLATION_AGREED',
];

/**
 * Every violated invariant, one readable line each (what, then the offending row as JSON), so a failing
 * assertion says exactly what and where. Empty when the books hold.
 */
export async function ledgerViolations(source: LedgerQuerySource): Promise<string[]> {
  const run = async (text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> =>
    (await source.query(text, params)) as Record<string, unknown>[];
  const problems: string[] = [];
  const add = (what: string, rows: Record<string, unknown>[]) => {
    for (const row of rows) problems.push(`${what}: ${JSON.stringify(row)}`);
  };
  // 1. Every transaction has entries, sums to zero, in one currency (its own).
  add(
    'unbalanced transaction',
    await run(
      `SELECT t.id, t.kind, coalesce(sum(e.amount_minor), 0)::text AS total, count(e.id)::int AS entries,
              count(DISTINCT e.currency)::int AS currencies, bool_and(e.currency = t.currency) AS same_currency
         FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id
        GROUP BY t.id, t.kind
       HAVING coalesce(sum(e.amount_minor), 0) <> 0 OR count(e.id) < 2 OR count(DISTINCT e.currency) <> 1
           OR NOT bool_and(e.currency = t.currency)`,
    ),
  );
  // The running balances are exactly the sums of the entries, for every account that keeps one
  // (external:* and platform:* keep none: migration ScaleCountersAndLedger).
  add(
    'balance differs from its entries',
    await run(
      `SELECT coalesce(b.account, s.account) AS account, b.balance_minor::text AS balance, s.total::text AS entries
         FROM ledger_balances b
         FULL JOIN (SELECT account, currency, sum(amount_minor) AS total FROM ledger_entries
                     WHERE account NOT LIKE 'external:%' AND account NOT LIKE 'platform:%'
                     GROUP BY account, currency) s
           ON s.account = b.account AND s.currency = b.currency
        WHERE b.balance_minor IS DISTINCT FROM s.total`,
    ),
  );
  // 4. No account below zero except money outside (external:*).
  add(
    'negative balance',
    await run(
      `SELECT account, balance_minor::text AS balance FROM ledger_balances WHERE balance_minor < 0 AND account NOT LIKE 'external:%'`,
    ),
  );
  // The whole ledger sums to zero per currency.
  add(
    'ledger does not sum to zero',
    await run(
      `SELECT currency, sum(amount_minor)::text AS total FROM ledger_entries GROUP BY currency HAVING sum(amount_minor) <> 0`,
    ),
  );
  // 2 and 3, per order: escrow is the price while funded and open, else 0; one FUND at most; exactly one
  // settlement once a funded order is final, none before; the settlement kind matches the status.
  add(
    'order escrow',
    await run(
      `SELECT o.id, o.status, o.price_minor::text AS price, coalesce(b.balance_minor, 0)::text AS escrow,
              (SELECT count(*) FROM ledger_transactions t WHERE t.order_id = o.id AND t.kind = 'FUND')::int AS funds,
              (SELECT string_agg(t.kind::text, ',') FROM ledger_transactions t
                WHERE t.order_id = o.id AND t.kind IN ('RELEASE', 'REFUND', 'SPLIT')) AS settlements
         FROM orders o
         LEFT JOIN ledger_balances b ON b.account = 'escrow:order/' || o.id AND b.currency = o.currency
        WHERE NOT (
          coalesce(b.balance_minor, 0) = CASE WHEN o.status = ANY($1) THEN o.price_minor ELSE 0 END
          AND (SELECT count(*) FROM ledger_transactions t WHERE t.order_id = o.id AND t.kind = 'FUND') <= 1
          AND (SELECT count(*) FROM ledger_transactions t WHERE t.order_id = o.id AND t.kind IN ('RELEASE', 'REFUND', 'SPLIT')) =
              CASE WHEN o.status IN ('COMPLETED', 'RESOLVED') THEN 1
                   WHEN o.status = 'CANCELLED' THEN (SELECT count(*) FROM ledger_transactions t WHERE t.order_id = o.id AND t.kind = 'FUND')
                   ELSE 0 END
          AND coalesce((SELECT string_agg(t.kind::text, ',') FROM ledger_transactions t
                         WHERE t.order_id = o.id AND t.kind IN ('RELEASE', 'REFUND', 'SPLIT')), '') =
              CASE o.status WHEN 'COMPLETED' THEN 'RELEASE' WHEN 'RESOLVED' THEN 'SPLIT' WHEN 'CANCELLED' THEN
                   -- A funded order cancelled: refunded whole, or split (a kill fee, an agreed cancellation).
                   CASE WHEN NOT EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.order_id = o.id AND t.kind = 'FUND') THEN ''
                        WHEN EXISTS (SELECT 1 FROM order_events ev WHERE ev.order_id = o.id AND ev.type IN ('CANCELLED_WITH_FEE', 'CANCELLATION_AGREED')) THEN 'SPLIT'
                        ELSE 'REFUND' END
                   ELSE '' END
          AND (o.status IN ('AWAITING_FUNDING') OR o.status = 'CANCELLED'
               OR EXISTS (SELECT 1 FROM ledger_transactions t WHERE t.order_id = o.id AND t.kind = 'FUND'))
        )`,
      [FUNDED_OPEN_STATUSES],
    ),
  );
  // The provider's view agrees with the ledger: what the provider holds for an order (charges that
  // succeeded, less refunds asked for) is what the ledger took in from outside and has not returned.
  add(
    'provider and ledger disagree',
    await run(
      `SELECT o.id, o.status, p.charged::text, p.refunded::text, coalesce(l.net_in, 0)::text AS ledger_net_in
         FROM orders o
         JOIN (SELECT order_id,
                      coalesce(sum(amount_minor) FILTER (WHERE kind = 'CHARGE' AND status = 'SUCCEEDED'), 0) AS charged,
                      coalesce(sum(amount_minor) FILTER (WHERE kind = 'REFUND' AND status <> 'FAILED'), 0) AS refunded
                 FROM provider_operations WHERE order_id IS NOT NULL GROUP BY order_id) p ON p.order_id = o.id
         LEFT JOIN (SELECT t.order_id, -sum(e.amount_minor) AS net_in
                      FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
                     WHERE e.account LIKE 'external:%' AND t.order_id IS NOT NULL GROUP BY t.order_id) l ON l.order_id = o.id
        WHERE p.charged - p.refunded <> coalesce(l.net_in, 0)`,
    ),
  );
  // The timeline agrees with the status: one FUNDED per FUND posting, one ending event for a final order.
  add(
    'events disagree with the order',
    await run(
      `SELECT o.id, o.status, ev.funded, ev.endings, ev.ending_types
         FROM orders o
         JOIN (SELECT order_id,
                      count(*) FILTER (WHERE type = 'FUNDED')::int AS funded,
                      count(*) FILTER (WHERE type = ANY($1))::int AS endings,
                      string_agg(type, ',') FILTER (WHERE type = ANY($1)) AS ending_types
                 FROM order_events GROUP BY order_id) ev ON ev.order_id = o.id
        WHERE ev.funded <> (SELECT count(*) FROM ledger_transactions t WHERE t.order_id = o.id AND t.kind = 'FUND')
           OR ev.endings <> CASE WHEN o.status IN ('COMPLETED', 'CANCELLED', 'RESOLVED') THEN 1 ELSE 0 END
           OR (o.status = 'COMPLETED' AND ev.ending_types NOT IN ('ACCEPTED', 'AUTO_ACCEPTED'))
           OR (o.status = 'CANCELLED' AND ev.ending_types NOT IN ('CANCELLED', 'FUNDING_EXPIRED', 'CANCELLED_WITH_FEE', 'CANCELLATION_AGREED'))
           OR (o.status = 'RESOLVED' AND ev.ending_types <> 'RESOLVED')`,
      [ENDING_EVENTS],
    ),
  );
  return problems;
}
