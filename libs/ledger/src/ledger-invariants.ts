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
  // 2 and 3, per order and part (SPEC "Ledger"): escrow is the price while funded and open, the holdback
  // while a completed order's retention window is open, else 0; one FUND at most; the MAIN part leaves
  // once a funded order is final (RELEASE when COMPLETED, SPLIT when RESOLVED, REFUND when CANCELLED),
  // never before; the HOLDBACK part leaves only once the publication ended (RELEASE when RETAINED,
  // REFUND to the merchant's wallet when BREACHED), never for an order without one.
  add(
    'order escrow',
    await run(
      `WITH per_order AS (
         SELECT o.id, o.status, o.price_minor, o.holdback_minor, p.status AS publication,
                coalesce(b.balance_minor, 0) AS escrow,
                -- A funded order cancelled with a kill fee or by agreement splits its escrow instead of refunding it.
                EXISTS (SELECT 1 FROM order_events ev WHERE ev.order_id = o.id
                          AND ev.type IN ('CANCELLED_WITH_FEE', 'CANCELLATION_AGREED')) AS split_cancel,
                (SELECT count(*) FROM ledger_transactions t WHERE t.order_id = o.id AND t.kind = 'FUND')::int AS funds,
                coalesce((SELECT string_agg(t.kind::text, ',') FROM ledger_transactions t WHERE t.order_id = o.id
                            AND t.escrow_part = 'MAIN' AND t.kind IN ('RELEASE', 'REFUND', 'SPLIT')), '') AS main,
                coalesce((SELECT string_agg(t.kind::text, ',') FROM ledger_transactions t WHERE t.order_id = o.id
                            AND t.escrow_part = 'HOLDBACK' AND t.kind IN ('RELEASE', 'REFUND', 'SPLIT')), '') AS holdback
           FROM orders o
           LEFT JOIN order_publications p ON p.order_id = o.id
           LEFT JOIN ledger_balances b ON b.account = 'escrow:order/' || o.id AND b.currency = o.currency
       ), judged AS (
         SELECT *, (status = 'COMPLETED' AND holdback_minor > 0
                    AND coalesce(publication::text, 'UNPUBLISHED') NOT IN ('RETAINED', 'BREACHED')) AS holdback_pending
           FROM per_order
       )
       SELECT id, status, publication, price_minor::text AS price, holdback_minor::text AS holdback_amount,
              escrow::text, funds, main AS settlements, holdback AS holdback_settlements
         FROM judged
        WHERE NOT (
          escrow = CASE WHEN status = ANY($1) THEN price_minor WHEN holdback_pending THEN holdback_minor ELSE 0 END
          AND funds <= 1
          AND (status IN ('AWAITING_FUNDING', 'CANCELLED') OR funds = 1)
          AND main = CASE status WHEN 'COMPLETED' THEN 'RELEASE' WHEN 'RESOLVED' THEN 'SPLIT'
                                 WHEN 'CANCELLED' THEN CASE WHEN funds = 0 THEN '' WHEN split_cancel THEN 'SPLIT'
                                                            ELSE 'REFUND' END
                                 ELSE '' END
          AND holdback = CASE WHEN status <> 'COMPLETED' OR holdback_minor = 0 OR holdback_pending THEN ''
                              WHEN publication = 'RETAINED' THEN 'RELEASE' ELSE 'REFUND' END
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
