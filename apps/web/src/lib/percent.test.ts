import { describe, expect, it } from 'vitest';
import { formatBasisPoints, formatRate, percentToBasisPoints } from './percent';

describe('formatBasisPoints', () => {
  it.each([
    [2000, '20%'],
    [1000, '10%'],
    [1250, '12.5%'],
    [1234, '12.34%'],
    [5, '0.05%'],
    [50, '0.5%'],
    [0, '0%'],
    [5000, '50%'],
    [10000, '100%'],
  ])('shows %i bps as %s', (bps, text) => {
    expect(formatBasisPoints(bps)).toBe(text);
  });

  it('never shows float noise and copes with what should not come', () => {
    expect(formatBasisPoints(1001)).toBe('10.01%');
    expect(formatBasisPoints(-250)).toBe('-2.5%');
    expect(formatBasisPoints(Number.NaN)).toBe('—');
  });
});

describe('formatRate', () => {
  it('shows a 0-1 rate as a whole percentage, or a dash before there is one', () => {
    expect(formatRate(0.875)).toBe('88%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
  });

  it('shows click-through and conversion rates with one decimal', () => {
    expect(formatRate(0.07, 1)).toBe('7.0%');
    expect(formatRate(1 / 3, 1)).toBe('33.3%');
    expect(formatRate(undefined, 1)).toBe('—');
  });
});

describe('percentToBasisPoints', () => {
  it('turns a typed percentage into whole basis points', () => {
    expect(percentToBasisPoints(20)).toBe(2000);
    expect(percentToBasisPoints(12.5)).toBe(1250);
    // 0.1 + 0.2 style noise does not leak into the amount.
    expect(percentToBasisPoints(0.29)).toBe(29);
    expect(percentToBasisPoints(0)).toBe(0);
  });
});
