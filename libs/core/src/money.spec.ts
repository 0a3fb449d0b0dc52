import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';
import { bigintColumn, CurrencyCode, Money } from './money';

const { CNY, USD } = CurrencyCode;

function inputError(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
    return error as DomainError;
  }
  throw new Error('expected an input error');
}

describe('Money', () => {
  describe('fromDecimal', () => {
    it.each([
      ['1999.00', 199900n],
      ['1999', 199900n],
      ['1999.5', 199950n],
      ['0.01', 1n],
      ['0', 0n],
      ['0.00', 0n],
      ['007.10', 710n],
      ['  12.34 ', 1234n],
      ['999999999999999.99', 99999999999999999n],
    ])('parses %j into %p minor units', (text, minor) => {
      expect(Money.fromDecimal(text, CNY).minor).toBe(minor);
    });

    it('parses negative amounts (ledger lines are signed; positivity is the caller’s rule)', () => {
      expect(Money.fromDecimal('-5.25', USD).minor).toBe(-525n);
      expect(Money.fromDecimal('-0.01', USD).minor).toBe(-1n);
      expect(Money.fromDecimal('-5.25', USD).isPositive()).toBe(false);
    });

    it('refuses more decimals than the currency has, never rounding', () => {
      const error = inputError(() => Money.fromDecimal('10.001', CNY, 'budget.amount'));
      expect(error.fields).toEqual({ 'budget.amount': 'CNY amounts have at most 2 decimals.' });
      inputError(() => Money.fromDecimal('0.999', USD));
      inputError(() => Money.fromDecimal('1.000', USD));
    });

    it.each([
      '',
      ' ',
      'abc',
      '1,000.00',
      '1e3',
      '1.',
      '.5',
      '+1',
      '--1',
      '1.2.3',
      '0x10',
      'NaN',
      'Infinity',
      '١٢',
    ])('refuses %j as not a decimal amount', (text) => {
      const error = inputError(() => Money.fromDecimal(text, CNY));
      expect(error.fields).toHaveProperty('amount');
    });

    it('refuses amounts too large for a bigint column to stay exact in every sum', () => {
      inputError(() => Money.fromDecimal('1234567890123456', CNY));
    });

    it('refuses an unknown currency', () => {
      inputError(() => Money.fromDecimal('1.00', 'EUR' as CurrencyCode));
    });
  });

  describe('assertAtMost', () => {
    it('lets the ceiling itself through and refuses one minor unit more, naming the field', () => {
      expect(() =>
        Money.fromDecimal('999999.99', CNY).assertAtMost('999999.99', 'price.amount'),
      ).not.toThrow();
      const error = inputError(() =>
        Money.fromDecimal('1000000.00', USD).assertAtMost('999999.99', 'price.amount'),
      );
      expect(error.fields).toEqual({ 'price.amount': expect.stringMatching(/At most 999999.99 USD/) });
    });
  });

  describe('toDecimal', () => {
    it.each([
      [199900n, '1999.00'],
      [1n, '0.01'],
      [10n, '0.10'],
      [0n, '0.00'],
      [-1n, '-0.01'],
      [-525n, '-5.25'],
      [99999999999999999n, '999999999999999.99'],
    ])('writes %p minor units as %j', (minor, text) => {
      expect(Money.of(minor, CNY).toDecimal()).toBe(text);
    });

    it('round-trips every parsed amount', () => {
      for (const text of ['0.00', '0.05', '1.00', '123.45', '-9.99', '100000.10']) {
        expect(Money.fromDecimal(text, USD).toDecimal()).toBe(text);
      }
      expect(Money.of(1234, USD).toString()).toBe('12.34 USD');
    });
  });

  describe('shareBps', () => {
    it('takes basis points, rounding down', () => {
      expect(Money.of(10000, CNY).shareBps(1000).minor).toBe(1000n);
      expect(Money.of(999, CNY).shareBps(1000).minor).toBe(99n); // 99.9 -> 99
      expect(Money.of(1, CNY).shareBps(9999).minor).toBe(0n); // 0.9999 -> 0
      expect(Money.of(12345, CNY).shareBps(2000).minor).toBe(2469n);
      expect(Money.of(12345, CNY).shareBps(0).minor).toBe(0n);
      expect(Money.of(12345, CNY).shareBps(10000).minor).toBe(12345n);
    });

    it('splits a price so that fee + share + payout adds back up exactly', () => {
      for (const price of [1n, 99n, 100n, 12345n, 999999n, 123456789n]) {
        const total = Money.of(price, CNY);
        const fee = total.shareBps(1000);
        const agency = total.subtract(fee).shareBps(2000);
        const payout = total.subtract(fee).subtract(agency);
        expect(fee.add(agency).add(payout).equals(total)).toBe(true);
        expect(payout.minor).toBeGreaterThanOrEqual(0n);
      }
    });

    it('refuses negative or fractional basis points', () => {
      expect(() => Money.of(100, CNY).shareBps(-1)).toThrow(RangeError);
      expect(() => Money.of(100, CNY).shareBps(2.5)).toThrow(RangeError);
    });
  });

  describe('arithmetic', () => {
    it('adds, subtracts, negates and compares in one currency', () => {
      const a = Money.of(500, USD);
      const b = Money.of(125, USD);
      expect(a.add(b).minor).toBe(625n);
      expect(a.subtract(b).minor).toBe(375n);
      expect(b.subtract(a).minor).toBe(-375n);
      expect(a.negate().minor).toBe(-500n);
      expect(a.compare(b)).toBe(1);
      expect(b.compare(a)).toBe(-1);
      expect(a.compare(Money.of(500, USD))).toBe(0);
      expect(Money.zero(USD).isZero()).toBe(true);
      expect(a.isPositive()).toBe(true);
    });

    it('never mixes currencies', () => {
      const cny = Money.of(100, CNY);
      const usd = Money.of(100, USD);
      expect(() => cny.add(usd)).toThrow(RangeError);
      expect(() => cny.subtract(usd)).toThrow(RangeError);
      expect(() => cny.compare(usd)).toThrow(RangeError);
      expect(cny.equals(usd)).toBe(false);
    });

    it('stays exact beyond the range of a float', () => {
      const big = Money.fromDecimal('900000000000000.01', CNY);
      expect(big.add(Money.of(1, CNY)).toDecimal()).toBe('900000000000000.02');
    });
  });

  describe('bigintColumn', () => {
    it('maps pg int8 strings to bigint and back', () => {
      expect(bigintColumn.from('9007199254740993')).toBe(9007199254740993n);
      expect(bigintColumn.from(null)).toBeNull();
      expect(bigintColumn.to(9007199254740993n)).toBe('9007199254740993');
      expect(bigintColumn.to(null)).toBeNull();
      expect(bigintColumn.to(undefined)).toBeUndefined();
    });
  });
});
