import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { internalErrors, setUpParties, type Parties } from './support/order-fixtures';
import {
  codeOf,
  completedOrders,
  createVenue,
  enrollApproved,
  timeline,
  venueCalls,
} from './support/venue-fixtures';

// 50 submitToVenue requests, all in flight together, sent at moments spread across the submission
// deadline. Each must be either in (a row whose submittedAt, the database clock of the insert, is before
// the deadline) or out (DEADLINE_PASSED, nothing written), and which one is decided by the database clock.
// The server and PostgreSQL run on this machine, so the test's clock is the database's clock.

const REQUESTS = 50;
/**
 * Requests are sent from this long before the deadline (more than a request takes even on a loaded
 * machine, so the first ones get in) ...
 */
const LEAD_MS = 3000;
/** ... one every STEP_MS, so the last goes out (REQUESTS - 1) * STEP_MS - LEAD_MS = 920 ms after it. */
const STEP_MS = 80;
/** Tolerance between the test's and PostgreSQL's readings of the same system clock. */
const CLOCK_SLACK_MS = 5;

interface Attempt {
  orderId: string;
  sentAt: number;
  receivedAt: number;
  code: string;
  submissionId: string | null;
  submittedAt: string | null;
}

describe('submissions racing the deadline', () => {
  let server: TestServer;
  let parties: Parties;
  let orders: string[];

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    parties = await setUpParties(server);
    orders = await completedOrders(parties, REQUESTS);
  }, 240_000);
  afterAll(() => server.close());

  it('are each either in before the deadline or DEADLINE_PASSED after it, never half', async () => {
    const { gql, admin, merchant } = parties;
    const calls = venueCalls(gql);
    // Recruitment closes with the deadline, a few seconds out: time to enroll and be approved first.
    const times = timeline(-1, 10, 10, 60, 3600);
    const venue = await createVenue(gql, admin, { ...times, capacity: 500 });
    await enrollApproved(calls, admin, merchant.token, venue.id);
    const [{ deadline }] = await server.sql(
      `SELECT submission_deadline AS deadline FROM venues WHERE id = $1`,
      [venue.id],
    );
    const deadlineMs = (deadline as Date).getTime();
    const firstSendAt = deadlineMs - LEAD_MS;
    expect(Date.now()).toBeLessThan(firstSendAt);

    const attempts = await Promise.all(
      orders.map(async (orderId, index): Promise<Attempt> => {
        const wait = firstSendAt + index * STEP_MS - Date.now();
        if (wait > 0) await sleep(wait);
        const sentAt = Date.now();
        const response = await calls.submit(merchant.token, { venueId: venue.id, orderId });
        const receivedAt = Date.now();
        const submission = (response.data as any)?.submitToVenue ?? null;
        return {
          orderId,
          sentAt,
          receivedAt,
          code: codeOf(response),
          submissionId: submission?.id ?? null,
          submittedAt: submission?.submittedAt ?? null,
        };
      }),
    );

    const accepted = attempts.filter((attempt) => attempt.code === 'OK');
    const refused = attempts.filter((attempt) => attempt.code === 'DEADLINE_PASSED');
    // Only two outcomes, and the race really straddled the deadline.
    expect(attempts.filter((attempt) => attempt.code !== 'OK' && attempt.code !== 'DEADLINE_PASSED')).toEqual(
      [],
    );
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);

    // In: exactly the accepted requests have a row, and each row's database time is before the deadline,
    // within the request's own flight.
    const rows = await server.sql(
      `SELECT s.id, s.order_id, s.submitted_at, s.submitted_at < v.submission_deadline AS before_deadline
         FROM venue_submissions s JOIN venues v ON v.id = s.venue_id WHERE s.venue_id = $1`,
      [venue.id],
    );
    expect(rows.map((row) => row.order_id).sort()).toEqual(accepted.map((attempt) => attempt.orderId).sort());
    const rowByOrder = new Map(rows.map((row) => [row.order_id, row]));
    for (const attempt of accepted) {
      const row = rowByOrder.get(attempt.orderId)!;
      expect(row.id).toBe(attempt.submissionId);
      expect(row.before_deadline).toBe(true);
      expect((row.submitted_at as Date).toISOString()).toBe(attempt.submittedAt);
      const at = (row.submitted_at as Date).getTime();
      expect(at).toBeGreaterThanOrEqual(attempt.sentAt - CLOCK_SLACK_MS);
      expect(at).toBeLessThanOrEqual(attempt.receivedAt + CLOCK_SLACK_MS);
    }
    // Out: a refusal came back only once the clock had passed the deadline, and nothing was written.
    for (const attempt of refused)
      expect(attempt.receivedAt).toBeGreaterThanOrEqual(deadlineMs - CLOCK_SLACK_MS);
    // Decided by the deadline, not by luck: everything answered before it got in, everything sent after it was refused.
    for (const attempt of attempts) {
      if (attempt.receivedAt < deadlineMs - CLOCK_SLACK_MS) expect(attempt.code).toBe('OK');
      if (attempt.sentAt > deadlineMs + CLOCK_SLACK_MS) expect(attempt.code).toBe('DEADLINE_PASSED');
    }
    // Submissions are ordered by the clock: the last one in precedes the deadline, which precedes every refusal.
    const lastIn = Math.max(...rows.map((row) => (row.submitted_at as Date).getTime()));
    const firstOut = Math.min(...refused.map((attempt) => attempt.receivedAt));
    expect(lastIn).toBeLessThan(deadlineMs);
    expect(firstOut).toBeGreaterThanOrEqual(deadlineMs - CLOCK_SLACK_MS);

    const latencies = attempts.map((attempt) => attempt.receivedAt - attempt.sentAt).sort((a, b) => a - b);
    console.log(
      `deadline race: ${accepted.length} in, ${refused.length} DEADLINE_PASSED; last submittedAt ${deadlineMs - lastIn} ms ` +
        `before the deadline, first refusal answered ${firstOut - deadlineMs} ms after it; latency median ` +
        `${latencies[Math.floor(latencies.length / 2)]} ms, max ${latencies[latencies.length - 1]} ms`,
    );
    expect(internalErrors(gql)).toEqual([]);
  }, 120_000);
});
