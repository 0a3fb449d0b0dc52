import { describe, expect, it } from 'vitest';
import { nextKillFeeStage } from './kill-fee';

const TERMS = [
  { untilElapsedBps: 5000, creatorShareBps: 1000 },
  { untilElapsedBps: 10000, creatorShareBps: 3000 },
];
const FUNDED = '2026-12-01T00:00:00.000Z';
const DELIVER_BY = '2026-12-11T00:00:00.000Z';

describe('nextKillFeeStage', () => {
  it('early on: the fee rises to 30% just after half the time from funding to deliverBy', () => {
    const next = nextKillFeeStage(TERMS, FUNDED, DELIVER_BY, new Date('2026-12-02T00:00:00.000Z'));
    expect(next?.creatorShareBps).toBe(3000);
    // 5001 basis points of ten days: one basis point is 86.4 s past the half.
    expect(next?.at.toISOString()).toBe('2026-12-06T00:01:26.400Z');
  });

  it('in the last stage: the fee drops to nothing at deliverBy', () => {
    const next = nextKillFeeStage(TERMS, FUNDED, DELIVER_BY, new Date('2026-12-08T00:00:00.000Z'));
    expect(next).toEqual({ at: new Date(DELIVER_BY), creatorShareBps: 0 });
  });

  it('after deliverBy, or with no time between funding and deliverBy: nothing changes any more', () => {
    expect(nextKillFeeStage(TERMS, FUNDED, DELIVER_BY, new Date('2026-12-12T00:00:00.000Z'))).toBeNull();
    expect(nextKillFeeStage(TERMS, DELIVER_BY, FUNDED, new Date(FUNDED))).toBeNull();
  });
});
