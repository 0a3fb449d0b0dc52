import { CurrencyCode } from '@vtask/core';
import {
  DEFAULT_CANCELLATION_TERMS,
  killFee,
  killFeeShareBps,
  parseCancellationTerms,
} from './cancellation-terms';

// Funded at 0 ms and due at 10,000 ms, so elapsed milliseconds are elapsed basis points.
const FUNDED = new Date(0);
const DUE = new Date(10_000);
const at = (ms: number) => new Date(ms);
const standard = parseCancellationTerms(DEFAULT_CANCELLATION_TERMS);

describe('kill-fee stages (SPEC "Cancellation")', () => {
  it('takes the first row with elapsedBps <= untilElapsedBps: 10% up to exactly half the time, 30% after', () => {
    expect(killFeeShareBps(standard, FUNDED, DUE, at(0))).toBe(1000);
    expect(killFeeShareBps(standard, FUNDED, DUE, at(5000))).toBe(1000);
    expect(killFeeShareBps(standard, FUNDED, DUE, at(5001))).toBe(3000);
    expect(killFeeShareBps(standard, FUNDED, DUE, at(9999))).toBe(3000);
  });

  it('rounds elapsedBps down, so the stage changes only once a whole basis point has passed', () => {
    // 5000.9 basis points of a 100-second window is still the first stage.
    expect(killFeeShareBps(standard, new Date(0), new Date(100_000), at(50_009))).toBe(1000);
    expect(killFeeShareBps(standard, new Date(0), new Date(100_000), at(50_010))).toBe(3000);
  });

  it('is nothing from deliverBy on: the merchant then cancels with a full refund', () => {
    expect(killFeeShareBps(standard, FUNDED, DUE, DUE)).toBe(0);
    expect(killFeeShareBps(standard, FUNDED, DUE, at(20_000))).toBe(0);
  });

  it('lets a leading 1000:0 row give a free grace period', () => {
    const withGrace = parseCancellationTerms('1000:0,5000:1000,10000:3000');
    expect(killFeeShareBps(withGrace, FUNDED, DUE, at(1000))).toBe(0);
    expect(killFeeShareBps(withGrace, FUNDED, DUE, at(1001))).toBe(1000);
  });

  it('rounds the fee down to the minor unit, and is zero outside IN_PROGRESS', () => {
    const order = {
      priceMinor: 33333n,
      currency: CurrencyCode.CNY,
      cancellationTerms: standard,
      fundedAt: FUNDED,
      deliverBy: DUE,
    };
    expect(killFee(order, true, at(1)).minor).toBe(3333n); // 10% of 333.33 is 33.333
    expect(killFee(order, true, at(6000)).minor).toBe(9999n); // 30% of 333.33 is 99.999
    expect(killFee(order, false, at(6000)).minor).toBe(0n);
    expect(killFee({ ...order, fundedAt: null }, true, at(6000)).minor).toBe(0n);
  });
});

describe('CANCELLATION_TERMS', () => {
  it('reads rows of untilElapsedBps:creatorShareBps', () => {
    expect(parseCancellationTerms(' 2500:500 , 10000:5000 ')).toEqual([
      { untilElapsedBps: 2500, creatorShareBps: 500 },
      { untilElapsedBps: 10000, creatorShareBps: 5000 },
    ]);
  });

  it.each([
    ['', 'at least one'],
    ['5000-1000', '"5000-1000" is not'],
    ['5000:10001', '"5000:10001" is not'],
    ['10001:1000', '"10001:1000" is not'],
    ['5000:1000,5000:3000', 'must rise'],
    ['5000:1000,4000:3000', 'must rise'],
  ])('refuses %p, naming the fault', (raw, fault) => {
    expect(() => parseCancellationTerms(raw)).toThrow(fault);
  });
});
