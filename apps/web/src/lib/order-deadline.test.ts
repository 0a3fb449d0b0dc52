import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../graphql/generated';
import { currentDeadline } from './order-deadline';

const FUND_BY = '2026-11-02T00:00:00.000Z';
const DELIVER_BY = '2026-11-10T00:00:00.000Z';
const REVIEW_BY = '2026-11-13T00:00:00.000Z';
const REVISE_BY = '2026-11-16T00:00:00.000Z';
const DECIDE_BY = '2026-11-20T00:00:00.000Z';

/** An order with every deadline set: which one counts depends on the status alone. */
const withAll = (status: OrderStatus) => ({
  status,
  fundingDeadline: FUND_BY,
  deliverBy: DELIVER_BY,
  reviewDeadline: REVIEW_BY,
  revisionDueBy: REVISE_BY,
  disputeDecideBy: DECIDE_BY,
});

/** An order with only deliverBy, which the API always sets. */
const withNone = (status: OrderStatus) => ({
  status,
  fundingDeadline: null,
  deliverBy: DELIVER_BY,
  reviewDeadline: null,
  revisionDueBy: null,
  disputeDecideBy: null,
});

describe('currentDeadline', () => {
  it('picks the deadline of the step the order waits for', () => {
    expect(currentDeadline(withAll('AWAITING_FUNDING'))).toEqual({ kind: 'fund', at: FUND_BY });
    expect(currentDeadline(withAll('IN_PROGRESS'))).toEqual({ kind: 'deliver', at: DELIVER_BY });
    expect(currentDeadline(withAll('DELIVERED'))).toEqual({ kind: 'review', at: REVIEW_BY });
    expect(currentDeadline(withAll('REVISION_REQUESTED'))).toEqual({ kind: 'revise', at: REVISE_BY });
    expect(currentDeadline(withAll('DISPUTED'))).toEqual({ kind: 'decide', at: DECIDE_BY });
  });

  it('gives no deadline for a settled order', () => {
    for (const status of ['COMPLETED', 'RESOLVED', 'CANCELLED'] as const) {
      expect(currentDeadline(withAll(status))).toBeNull();
    }
  });

  it('gives no deadline where the one the status needs is missing', () => {
    expect(currentDeadline(withNone('AWAITING_FUNDING'))).toBeNull();
    expect(currentDeadline(withNone('DELIVERED'))).toBeNull();
    expect(currentDeadline(withNone('DISPUTED'))).toBeNull();
  });

  it('falls back to deliverBy for a requested revision without its own deadline', () => {
    expect(currentDeadline(withNone('REVISION_REQUESTED'))).toEqual({ kind: 'deliver', at: DELIVER_BY });
    // Both fields are optional: an order read without them counts as one without the deadlines.
    const { revisionDueBy: _revise, disputeDecideBy: _decide, ...without } = withAll('REVISION_REQUESTED');
    expect(currentDeadline(without)).toEqual({ kind: 'deliver', at: DELIVER_BY });
    expect(currentDeadline({ ...without, status: 'DISPUTED' })).toBeNull();
  });
});
