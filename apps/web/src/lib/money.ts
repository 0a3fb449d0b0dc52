import type { CurrencyCode } from '../graphql/generated';

/** Money as the API sends it: a decimal string, never a float. */
export interface MoneyValue {
  amount: string;
  currencyCode: CurrencyCode;
}

export type MoneyParseResult =
  | { ok: true; amount: string }
  | { ok: false; problem: 'empty' | 'format' | 'decimals' | 'positive' | 'tooLarge' };

const SYMBOLS: Record<CurrencyCode, string> = { CNY: '¥', USD: '$' };
const MAX_WHOLE_DIGITS = 13;

export function currencySymbol(currency: CurrencyCode): string {
  return SYMBOLS[currency];
}

/**
 * What a person typed ("1,299.5", "¥ 80", "３００") to the API's decimal string ("1299.50"), with at
 * most 2 decimals and more than zero. Pure string work: no float ever holds the amount.
 */
export function parseMoney(input: string | null | undefined): MoneyParseResult {
  const cleaned = toHalfWidth(input ?? '')
    .replace(/[¥$￥,\s]/g, '')
    .replace(/^(CNY|USD|RMB)/i, '');
  if (cleaned === '') return { ok: false, problem: 'empty' };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[1] === '' && !match[2])) return { ok: false, problem: 'format' };
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return { ok: false, problem: 'decimals' };
  const whole = match[1].replace(/^0+(?=\d)/, '') || '0';
  if (whole.length > MAX_WHOLE_DIGITS) return { ok: false, problem: 'tooLarge' };
  const amount = `${whole}.${fraction.padEnd(2, '0')}`;
  if (/^0\.00$/.test(amount)) return { ok: false, problem: 'positive' };
  return { ok: true, amount };
}

/** "1299.5" -> "1,299.50" (grouped, always 2 decimals); negative amounts keep their sign. */
export function formatAmount(amount: string): string {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const grouped = (whole.replace(/^0+(?=\d)/, '') || '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** "¥1,299.50" */
export function formatMoney(money: MoneyValue | null | undefined): string {
  if (!money) return '—';
  const text = formatAmount(money.amount);
  return text.startsWith('-')
    ? `-${SYMBOLS[money.currencyCode]}${text.slice(1)}`
    : `${SYMBOLS[money.currencyCode]}${text}`;
}

/** Compares two decimal strings of at most 2 decimals without floats: -1, 0 or 1. */
export function compareAmounts(a: string, b: string): number {
  const cents = (value: string) => {
    const parsed = parseMoney(value.replace('-', ''));
    const digits = parsed.ok ? parsed.amount.replace('.', '') : '0';
    return BigInt(digits) * (value.startsWith('-') ? -1n : 1n);
  };
  const difference = cents(a) - cents(b);
  return difference === 0n ? 0 : difference > 0n ? 1 : -1;
}

/** Full-width digits and punctuation from Chinese input methods. */
function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}

/** a - b for two decimal amounts of one currency (both with at most 2 decimals), as "12.34". */
export function subtractAmounts(a: string, b: string): string {
  const minor = (amount: string) => {
    const [whole, fraction = ''] = amount.replace('-', '').split('.');
    const value = BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
    return amount.startsWith('-') ? -value : value;
  };
  const difference = minor(a) - minor(b);
  const abs = difference < 0n ? -difference : difference;
  return `${difference < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
