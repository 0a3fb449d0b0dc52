import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV } from './support/fixtures';
import { createTestDatabase, startTestServer, type TestServer } from './support/harness';
import {
  balanceOf,
  eventually,
  eventTypes,
  expectWindowAfter,
  internalErrors,
  lastEventAt,
  ledgerViolations,
  mustSucceed,
  orderCalls,
  orderIn,
  outcome,
  setUpParties,
  transactionKinds,
  type Parties,
} from './support/order-fixtures';

/** A "day" of this suite: retention windows are minutes long, so no timer fires unless a test moves it. */
const DAY_S = 60;
/** An hour each: long enough that no restore or publish timer fires unless a test moves it. */
const RESTORE_WINDOW_S = 3600;
const PUBLISH_WINDOW_S = 3600;

const PUBLICATION = /* GraphQL */ `
  query ($id: ID!) {
    order(id: $id) {
      status
      retention: usageRights {
        summary
      }
      publication {
        status
        url
        publishedAt
        retainUntil
        restoreBy
        holdback {
          amount
        }
      }
      escrow {
        status
        held {
          amount
        }
        released {
          amount
        }
        refunded {
          amount
        }
      }
    }
  }
`;

const MARK_PUBLISHED = `mutation($id: ID!, $url: String!) { markPublished(orderId: $id, url: $url) { id } }`;
const REPORT_TAKEDOWN = `mutation($id: ID!, $note: String!) { reportTakedown(orderId: $id, note: $note) { id } }`;
const CONFIRM_RESTORED = `mutation($id: ID!, $url: String!) { confirmRestored(orderId: $id, url: $url) { id } }`;

const TIMERS = {
  release: { job: 'orders.release-holdback', column: 'retain_until' },
  restore: { job: 'orders.restore-window', column: 'restore_by' },
  publish: { job: 'orders.publish-window', column: 'publish_by' },
} as const;

/**
 * "Time passes" for one publication timer: its deadline on the row and its pending jobs move to the
 * past, then this waits until pg-boss ran them. The handler still judges the row itself.
 */
async function fireTimer(server: TestServer, orderId: string, timer: keyof typeof TIMERS): Promise<void> {
  const { job, column } = TIMERS[timer];
  await server.sql(
    `UPDATE order_publications SET ${column} = now() - interval '1 second' WHERE order_id = $1 AND ${column} IS NOT NULL`,
    [orderId],
  );
  const due = await server.sql(
    `UPDATE pgboss.job SET start_after = now() - interval '1 second'
      WHERE name = $1 AND split_part(singleton_key, ':', 1) = $2 AND state IN ('created', 'retry') RETURNING id::text`,
    [job, orderId],
  );
  const ids = due.map((row) => row.id as string);
  expect(ids.length).toBeGreaterThan(0);
  await eventually(async () => {
    const rows = await server.sql(`SELECT state::text FROM pgboss.job WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.every((row) => ['completed', 'failed', 'cancelled'].includes(row.state));
  }, `the ${job} timer of ${orderId}`);
}

describe('publication and retention holdback', () => {
  let server: TestServer;
  /** A second instance on the same database, as in a two-instance deployment: its workers take timers too. */
  let twin: TestServer;
  let p: Parties;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    const env = {
      ...ADMIN_ENV,
      DAY_S: String(DAY_S),
      RESTORE_WINDOW_S: String(RESTORE_WINDOW_S),
      PUBLISH_WINDOW_S: String(PUBLISH_WINDOW_S),
    };
    [server, twin] = await Promise.all([
      startTestServer({ databaseUrl, env, dropOnClose: true }),
      startTestServer({ databaseUrl, env }),
    ]);
    p = await setUpParties(server, { agencyBps: 2000 });
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    expect(internalErrors(server.gql)).toEqual([]);
    expect(await ledgerViolations(server)).toEqual([]);
    await twin.close();
    await server.close();
  });

  const publication = async (orderId: string, token = p.merchant.token) =>
    (await server.gql.ok(PUBLICATION, { id: orderId }, token)).order;
  const call = (query: string, variables: Record<string, unknown>, token: string) =>
    server.gql.request(query, variables, token);
  /** When the order's last event of `type` happened, as the API gives it. */
  const eventAt = (orderId: string, type: string) => lastEventAt(server.gql, p.merchant.token, orderId, type);

  it('acceptance with the default 30 days of retention releases the price less 10%: escrow HOLDBACK_HELD', async () => {
    const orderId = await orderIn(p, 'COMPLETED', { price: '100.00', retentionDays: 30 });
    const order = await publication(orderId);
    expect(order.status).toBe('COMPLETED');
    expect(order.escrow).toEqual({
      status: 'HOLDBACK_HELD',
      held: { amount: '10.00' },
      released: { amount: '90.00' },
      refunded: { amount: '0.00' },
    });
    expect(order.publication).toMatchObject({
      status: 'UNPUBLISHED',
      url: null,
      holdback: { amount: '10.00' },
    });
    // 90.00 released: fee 9.00, agency 20% of 81.00 = 16.20, creator 64.80.
    expect(await balanceOf(server, `creator/${p.creator.profileId}`)).toBe(6480n);
    expect(await ledgerViolations(server)).toEqual([]);
  });

  it('markPublished starts the window (retainUntil = publishedAt + retentionDays × DAY_S); the timer releases the holdback with fees', async () => {
    const orderId = await orderIn(p, 'COMPLETED', { price: '100.00', retentionDays: 30 });
    const creatorBefore = await balanceOf(server, `creator/${p.creator.profileId}`);
    expect(outcome(await call(MARK_PUBLISHED, { id: orderId, url: 'ftp://x' }, p.creator.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      outcome(await call(MARK_PUBLISHED, { id: orderId, url: 'https://x.example/p' }, p.merchant.token)),
    ).toBe('FORBIDDEN');
    expect(
      outcome(await call(MARK_PUBLISHED, { id: orderId, url: 'https://x.example/p' }, p.otherCreator.token)),
    ).toBe('NOT_FOUND');
    expect(
      outcome(await call(MARK_PUBLISHED, { id: orderId, url: 'https://x.example/p' }, p.creator.token)),
    ).toBe('OK');
    const live = (await publication(orderId)).publication;
    expect(live.status).toBe('LIVE');
    expect(live.url).toBe('https://x.example/p');
    expect(new Date(live.retainUntil).getTime() - new Date(live.publishedAt).getTime()).toBe(
      30 * DAY_S * 1000,
    );
    // Published twice is refused.
    expect(
      outcome(await call(MARK_PUBLISHED, { id: orderId, url: 'https://x.example/q' }, p.creator.token)),
    ).toBe('CONFLICT');

    await fireTimer(server, orderId, 'release');
    const order = await publication(orderId);
    expect(order.publication.status).toBe('RETAINED');
    expect(order.escrow).toMatchObject({
      status: 'RELEASED',
      held: { amount: '0.00' },
      released: { amount: '100.00' },
    });
    // 10.00 released: fee 1.00, agency 1.80, creator 7.20.
    expect((await balanceOf(server, `creator/${p.creator.profileId}`)) - creatorBefore).toBe(720n);
    expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1, RELEASE: 2 });
    expect(await eventTypes(server, orderId)).toEqual(
      expect.arrayContaining(['ACCEPTED', 'PUBLISHED', 'RETAINED']),
    );
    // The window is over: no takedown can be reported.
    expect(outcome(await call(REPORT_TAKEDOWN, { id: orderId, note: 'Gone' }, p.merchant.token))).toBe(
      'CONFLICT',
    );
    expect(await ledgerViolations(server)).toEqual([]);
  });

  it('restoreBy is RESTORE_WINDOW_S after a takedown report; restored in time it keeps its retainUntil; one not restored by restoreBy is BREACHED and the holdback goes to the merchant wallet', async () => {
    const orderId = await orderIn(p, 'COMPLETED', { price: '200.00', retentionDays: 30 });
    await server.gql.ok(MARK_PUBLISHED, { id: orderId, url: 'https://x.example/a' }, p.creator.token);
    const { retainUntil } = (await publication(orderId)).publication;
    expect(retainUntil).not.toBeNull();
    expect(outcome(await call(REPORT_TAKEDOWN, { id: orderId, note: ' ' }, p.merchant.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(outcome(await call(REPORT_TAKEDOWN, { id: orderId, note: 'Gone' }, p.creator.token))).toBe(
      'FORBIDDEN',
    );
    await server.gql.ok(REPORT_TAKEDOWN, { id: orderId, note: 'The link is dead' }, p.merchant.token);
    const reported = (await publication(orderId)).publication;
    expect(reported.status).toBe('REPORTED_DOWN');
    expectWindowAfter(await eventAt(orderId, 'TAKEDOWN_REPORTED'), reported.restoreBy, RESTORE_WINDOW_S);
    expect(reported.retainUntil).toBe(retainUntil);
    const [notice] = await server.sql(
      `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.order_id = $1 AND n.type = 'TAKEDOWN_REPORTED' AND u.id = $2`,
      [orderId, p.creator.userId],
    );
    expect(notice.n).toBe(1);

    await server.gql.ok(CONFIRM_RESTORED, { id: orderId, url: 'https://x.example/a2' }, p.creator.token);
    // The window runs on from the first publication: neither the report nor the restore moves it.
    expect((await publication(orderId)).publication).toMatchObject({
      status: 'LIVE',
      url: 'https://x.example/a2',
      retainUntil,
      restoreBy: null,
    });

    await server.gql.ok(REPORT_TAKEDOWN, { id: orderId, note: 'Down again' }, p.merchant.token);
    const merchantBefore = await balanceOf(server, `merchant/${p.merchant.profileId}`);
    await fireTimer(server, orderId, 'restore');
    const order = await publication(orderId);
    expect(order.publication.status).toBe('BREACHED');
    expect(order.escrow).toMatchObject({
      status: 'SPLIT',
      held: { amount: '0.00' },
      refunded: { amount: '20.00' },
    });
    expect((await balanceOf(server, `merchant/${p.merchant.profileId}`)) - merchantBefore).toBe(2000n);
    // Too late to restore now.
    expect(
      outcome(await call(CONFIRM_RESTORED, { id: orderId, url: 'https://x.example/a3' }, p.creator.token)),
    ).toBe('CONFLICT');
    expect(await ledgerViolations(server)).toEqual([]);
  });

  it('content never marked published within the publish window (PUBLISH_WINDOW_S from acceptance) is BREACHED too', async () => {
    const orderId = await orderIn(p, 'COMPLETED', { price: '50.00', retentionDays: 7 });
    // publishBy is not in the API: read from the row the publish timer re-reads.
    const [{ publish_by: publishBy }] = await server.sql(
      `SELECT publish_by FROM order_publications WHERE order_id = $1`,
      [orderId],
    );
    expectWindowAfter(await eventAt(orderId, 'ACCEPTED'), publishBy, PUBLISH_WINDOW_S);
    await fireTimer(server, orderId, 'publish');
    const order = await publication(orderId);
    expect(order.publication.status).toBe('BREACHED');
    expect(order.escrow).toMatchObject({
      status: 'SPLIT',
      held: { amount: '0.00' },
      refunded: { amount: '5.00' },
    });
    expect(await eventTypes(server, orderId)).toContain('RETENTION_BREACHED');
    expect(
      outcome(await call(MARK_PUBLISHED, { id: orderId, url: 'https://x.example/late' }, p.creator.token)),
    ).toBe('CONFLICT');
    expect(await ledgerViolations(server)).toEqual([]);
  });

  it('retentionDays 0: acceptance releases everything and markPublished is RETAINED at once', async () => {
    const orderId = await orderIn(p, 'COMPLETED', { price: '100.00', retentionDays: 0 });
    expect((await publication(orderId)).escrow.status).toBe('RELEASED');
    await server.gql.ok(MARK_PUBLISHED, { id: orderId, url: 'https://x.example/z' }, p.creator.token);
    expect((await publication(orderId)).publication).toMatchObject({
      status: 'RETAINED',
      retainUntil: null,
      holdback: { amount: '0.00' },
    });
  });

  it('publication commands wait for acceptance: markPublished and reportTakedown on a DELIVERED order are CONFLICT', async () => {
    const orderId = await orderIn(p, 'DELIVERED', { retentionDays: 30 });
    expect(
      outcome(await call(MARK_PUBLISHED, { id: orderId, url: 'https://x.example/early' }, p.creator.token)),
    ).toBe('CONFLICT');
    // The order's own merchant: a conflict with its state, not "no such order".
    expect(outcome(await call(REPORT_TAKEDOWN, { id: orderId, note: 'Gone' }, p.merchant.token))).toBe(
      'CONFLICT',
    );
    expect((await publication(orderId)).publication.status).toBe('UNPUBLISHED');
  });

  it('race: the holdback release timer against a takedown report: exactly one acts', async () => {
    const calls = orderCalls(server.gql);
    for (let round = 0; round < 3; round++) {
      const orderId = await orderIn(p, 'COMPLETED', { price: '100.00', retentionDays: 30 });
      await server.gql.ok(MARK_PUBLISHED, { id: orderId, url: 'https://x.example/r' }, p.creator.token);
      // The window ends a moment from now: the report and the timer race around it.
      await server.sql(
        `UPDATE order_publications SET retain_until = now() + interval '300 milliseconds' WHERE order_id = $1`,
        [orderId],
      );
      await server.sql(
        `UPDATE pgboss.job SET start_after = now() + interval '300 milliseconds'
          WHERE name = 'orders.release-holdback' AND split_part(singleton_key, ':', 1) = $1 AND state = 'created'`,
        [orderId],
      );
      await new Promise((resolve) => setTimeout(resolve, 250 + round * 40));
      const report = outcome(await call(REPORT_TAKEDOWN, { id: orderId, note: 'Gone' }, p.merchant.token));
      const settled = await eventually(async () => {
        const order = await publication(orderId);
        const status = order.publication.status;
        if (status === 'REPORTED_DOWN' || status === 'RETAINED') return order;
        return null;
      }, 'the race to settle');
      if (report === 'OK') {
        // The timer still fires at retainUntil and finds the content reported down: it does nothing.
        await eventually(async () => {
          const jobs = await server.sql(
            `SELECT state::text FROM pgboss.job WHERE name = 'orders.release-holdback' AND split_part(singleton_key, ':', 1) = $1`,
            [orderId],
          );
          return jobs.length > 0 && jobs.every((job) => job.state === 'completed');
        }, 'the release timer');
        const after = await publication(orderId);
        expect(after.publication.status).toBe('REPORTED_DOWN');
        expect(after.escrow.status).toBe('HOLDBACK_HELD');
      } else {
        expect(report).toBe('CONFLICT');
        expect(settled.publication.status).toBe('RETAINED');
        expect(settled.escrow.status).toBe('RELEASED');
      }
      expect((await calls.order(p.merchant.token, orderId)).errors).toBeUndefined();
      expect(await ledgerViolations(server)).toEqual([]);
    }
  });

  it('with two instances each publication timer acts once: one holdback settlement, one event, one notice per party', async () => {
    const [released, unrestored, unpublished] = await Promise.all(
      [0, 1, 2].map(() => orderIn(p, 'COMPLETED', { price: '100.00', retentionDays: 30 })),
    );
    await server.gql.ok(MARK_PUBLISHED, { id: released, url: 'https://x.example/1' }, p.creator.token);
    await twin.gql.ok(MARK_PUBLISHED, { id: unrestored, url: 'https://x.example/2' }, p.creator.token);
    await twin.gql.ok(REPORT_TAKEDOWN, { id: unrestored, note: 'Gone' }, p.merchant.token);
    await Promise.all([
      fireTimer(server, released, 'release'),
      fireTimer(server, unrestored, 'restore'),
      fireTimer(server, unpublished, 'publish'),
    ]);
    for (const [orderId, ending, notice] of [
      [released, 'RETAINED', 'HOLDBACK_RELEASED'],
      [unrestored, 'RETENTION_BREACHED', 'RETENTION_BREACHED'],
      [unpublished, 'RETENTION_BREACHED', 'RETENTION_BREACHED'],
    ]) {
      const [row] = await server.sql(
        `SELECT (SELECT count(*) FROM ledger_transactions WHERE order_id = $1 AND escrow_part = 'HOLDBACK')::int AS settlements,
                (SELECT count(*) FROM order_events WHERE order_id = $1 AND type = $2)::int AS endings,
                (SELECT count(*) FROM notifications WHERE order_id = $1 AND type = $3)::int AS notices`,
        [orderId, ending, notice],
      );
      expect(row).toEqual({
        settlements: 1,
        endings: 1,
        // The release is news to the creator; a breach to both parties.
        notices: notice === 'HOLDBACK_RELEASED' ? 1 : 2,
      });
    }
    expect(await ledgerViolations(server)).toEqual([]);
  });
});

describe('a retention holdback share other than the default', () => {
  /** A quarter of the price held back, not 10%. */
  const HOLDBACK_BPS = 2500;
  let server: TestServer;
  let p: Parties;

  beforeAll(async () => {
    server = await startTestServer({
      env: { ...ADMIN_ENV, DAY_S: String(DAY_S), RETENTION_HOLDBACK_BPS: String(HOLDBACK_BPS) },
    });
    p = await setUpParties(server, { agencyBps: 2000 });
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    expect(internalErrors(server.gql)).toEqual([]);
    expect(await ledgerViolations(server)).toEqual([]);
    await server.close();
  });

  it('RETENTION_HOLDBACK_BPS 2500 holds back 25% of the price, rounded down; acceptance releases the rest and the timer the holdback, each with fees', async () => {
    const orderId = await orderIn(p, 'DELIVERED', { price: '123.45', retentionDays: 30 });
    const read = async () => (await server.gql.ok(PUBLICATION, { id: orderId }, p.merchant.token)).order;
    // 25% of 123.45 is 30.8625: 30.86 held back.
    expect((await read()).publication.holdback).toEqual({ amount: '30.86' });
    const [row] = await server.sql(`SELECT holdback_minor::text AS holdback FROM orders WHERE id = $1`, [
      orderId,
    ]);
    expect(row.holdback).toBe('3086');

    const accounts = [`creator/${p.creator.profileId}`, `agency/${p.agency!.profileId}`, 'platform:fees'];
    const balances = () => Promise.all(accounts.map((account) => balanceOf(server, account)));
    const beforeAcceptance = await balances();
    mustSucceed(await orderCalls(server.gql).accept(p.merchant.token, orderId), 'acceptDelivery');
    const accepted = await read();
    expect(accepted.status).toBe('COMPLETED');
    expect(accepted.escrow).toEqual({
      status: 'HOLDBACK_HELD',
      held: { amount: '30.86' },
      released: { amount: '92.59' },
      refunded: { amount: '0.00' },
    });
    expect(await balanceOf(server, `escrow:order/${orderId}`)).toBe(3086n);
    // 92.59 released: fee 9.25 (9.259 rounded down), agency 20% of 83.34 = 16.66, creator 66.68.
    const afterAcceptance = await balances();
    expect(afterAcceptance.map((balance, i) => balance - beforeAcceptance[i])).toEqual([6668n, 1666n, 925n]);

    await server.gql.ok(MARK_PUBLISHED, { id: orderId, url: 'https://x.example/quarter' }, p.creator.token);
    await fireTimer(server, orderId, 'release');
    const retained = await read();
    expect(retained.publication.status).toBe('RETAINED');
    expect(retained.escrow).toMatchObject({
      status: 'RELEASED',
      held: { amount: '0.00' },
      released: { amount: '123.45' },
    });
    expect(await balanceOf(server, `escrow:order/${orderId}`)).toBe(0n);
    // 30.86 released: fee 3.08, agency 20% of 27.78 = 5.55, creator 22.23; with the first release the whole 123.45.
    const afterRelease = await balances();
    expect(afterRelease.map((balance, i) => balance - afterAcceptance[i])).toEqual([2223n, 555n, 308n]);
    expect(await transactionKinds(server, orderId)).toEqual({ FUND: 1, RELEASE: 2 });
    expect(await ledgerViolations(server)).toEqual([]);
  });
});
