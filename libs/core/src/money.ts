import { DomainError } from './domain-error';

export enum CurrencyCode {
  CNY = 'CNY',
  USD = 'USD',
}

/** Digits after the decimal point for each currency's minor unit (fen, cents). */
const MINOR_DIGITS: Record<CurrencyCode, number> = {
  [CurrencyCode.CNY]: 2,
  [CurrencyCode.USD]: 2,
};

const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * An amount of money as an integer count of minor units. Never a float: amounts enter and leave the
 * API as decimal strings and are stored in bigint columns.
 */
export class Money {
  private constructor(
    readonly minor: bigint,
    readonly currency: CurrencyCode,
  ) {}

  static of(minor: bigint | number | string, currency: CurrencyCode): Money {
    return new Money(BigInt(minor), currency);
  }

  static zero(currency: CurrencyCode): Money {
    return new Money(0n, currency);
  }

  /**
   * Parses an API decimal string. More decimals than the currency has is an input error, never a
   * silent rounding. `field` names the input field in the error.
   */
  static fromDecimal(amount: string, currency: CurrencyCode, field = 'amount'): Money {
    const digits = MINOR_DIGITS[currency];
    if (digits === undefined)
      throw DomainError.badInput({ [field]: `Unsupported currency ${String(currency)}.` });
    const match = DECIMAL_PATTERN.exec(String(amount).trim());
    if (!match) {
      throw DomainError.badInput({ [field]: `"${amount}" is not a decimal amount such as 1999.00.` });
    }
    const [, sign, whole, fraction = ''] = match;
    if (fraction.length > digits) {
      throw DomainError.badInput({ [field]: `${currency} amounts have at most ${digits} decimals.` });
    }
    if (whole.length > 15) throw DomainError.badInput({ [field]: 'The amount is too large.' });
    const minor = BigInt(whole + fraction.padEnd(digits, '0'));
    return new Money(sign ? -minor : minor, currency);
  }

  /** The API's decimal string, always with the currency's digits: "1999.00". */
  toDecimal(): string {
    const digits = MINOR_DIGITS[this.currency];
    const negative = this.minor < 0n;
    const text = (negative ? -this.minor : this.minor).toString().padStart(digits + 1, '0');
    const whole = text.slice(0, text.length - digits);
    const fraction = text.slice(text.length - digits);
    return `${negative ? '-' : ''}${whole}${digits ? '.' + fraction : ''}`;
  }

  isPositive(): boolean {
    return this.minor > 0n;
  }

  isZero(): boolean {
    return this.minor === 0n;
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.minor + other.minor, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.minor - other.minor, this.currency);
  }

  negate(): Money {
    return new Money(-this.minor, this.currency);
  }

  /** This amount times basis points (1/100 of a percent), rounded down as fees and shares are. */
  shareBps(bps: number): Money {
    if (!Number.isInteger(bps) || bps < 0)
      throw new RangeError(`Basis points must be a non-negative integer, got ${bps}`);
    return new Money((this.minor * BigInt(bps)) / 10000n, this.currency);
  }

  /**
   * Refuses this amount when it is over `maxDecimal` (MAX_ORDER_AMOUNT, a decimal in this currency's
   * units), with BAD_USER_INPUT naming `field`: prices stay within what a provider charges in one go
   * and what the ledger's sums hold.
   */
  assertAtMost(maxDecimal: string, field: string): void {
    const max = Money.fromDecimal(maxDecimal, this.currency);
    if (this.compare(max) > 0) {
      throw DomainError.badInput({
        [field]: `At most ${max.toDecimal()} ${this.currency}, the largest price of one order (MAX_ORDER_AMOUNT).`,
      });
    }
  }

  compare(other: Money): number {
    this.assertSameCurrency(other);
    return this.minor === other.minor ? 0 : this.minor < other.minor ? -1 : 1;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.minor === other.minor;
  }

  toString(): string {
    return `${this.toDecimal()} ${this.currency}`;
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new RangeError(`Cannot combine ${this.currency} with ${other.currency}`);
    }
  }
}

/** TypeORM column transformer for bigint minor units: pg returns int8 as a string. */
export const bigintColumn = {
  from: (value: string | null): bigint | null =>
    value === null || value === undefined ? null : BigInt(value),
  to: (value: bigint | null | undefined): string | null | undefined =>
    value === null || value === undefined ? (value as null | undefined) : value.toString(),
};
