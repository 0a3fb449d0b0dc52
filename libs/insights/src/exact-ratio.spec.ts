import { exactRatio } from './exact-ratio';

describe('exactRatio', () => {
  it('is null without a denominator', () => {
    expect(exactRatio(5n, 0n)).toBeNull();
  });

  it('is the nearest double to the exact quotient', () => {
    expect(exactRatio(1n, 3n)).toBe(0.3333333333333333);
    expect(exactRatio(2n, 3n)).toBe(2 / 3);
    expect(exactRatio(0n, 7n)).toBe(0);
    expect(exactRatio(150000n, 100000n)).toBe(1.5);
  });

  it('stays exact beyond 2^53', () => {
    const big = 2n ** 80n;
    expect(exactRatio(big, 3n * 2n ** 78n)).toBe(4 / 3);
    expect(exactRatio(big + 1n, big)).toBe(1);
    expect(exactRatio(10n ** 30n, 10n ** 29n)).toBe(10);
    expect(exactRatio(-(10n ** 30n), 3n * 10n ** 29n)).toBe(-10 / 3);
  });
});
