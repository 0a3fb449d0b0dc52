import { describe, expect, it } from 'vitest';
import { compareAmounts, formatAmount, formatMoney, parseMoney, subtractAmounts } from './money';

describe('parseMoney', () => {
  it.each([
    ['1299.5', '1299.50'],
    ['1,299.50', '1299.50'],
    ['¥ 80', '80.00'],
    ['￥３００', '300.00'],
    ['0.01', '0.01'],
    ['.5', '0.50'],
    ['007', '7.00'],
    ['12.', '12.00'],
  ])('reads %j as %s', (input, amount) => {
    expect(parseMoney(input)).toEqual({ ok: true, amount });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['12.345', 'decimals'],
    ['0', 'positive'],
    ['0.00', 'positive'],
    ['-5', 'format'],
    ['1e3', 'format'],
    ['12.3.4', 'format'],
    ['abc', 'format'],
    ['.', 'format'],
    ['12345678901234', 'tooLarge'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(parseMoney(input)).toEqual({ ok: false, problem });
  });

  it('never goes through a float: large amounts keep every digit', () => {
    expect(parseMoney('9007199254740.99')).toEqual({ ok: true, amount: '9007199254740.99' });
  });
});

describe('formatting', () => {
  it('groups thousands and always shows two decimals', () => {
    expect(formatAmount('1299.5')).toBe('1,299.50');
    expect(formatAmount('1000000')).toBe('1,000,000.00');
    expect(formatAmount('0.1')).toBe('0.10');
    expect(formatAmount('-2500.00')).toBe('-2,500.00');
  });

  it('puts the currency symbol before the amount (and the sign before both)', () => {
    expect(formatMoney({ amount: '2888.50', currencyCode: 'CNY' })).toBe('¥2,888.50');
    expect(formatMoney({ amount: '19.9', currencyCode: 'USD' })).toBe('$19.90');
    expect(formatMoney({ amount: '-5.00', currencyCode: 'CNY' })).toBe('-¥5.00');
    expect(formatMoney(null)).toBe('—');
  });

  it('compares decimal strings exactly', () => {
    expect(compareAmounts('0.10', '0.1')).toBe(0);
    expect(compareAmounts('100.01', '100')).toBe(1);
    expect(compareAmounts('-1', '0.5')).toBe(-1);
  });
});

describe('subtractAmounts', () => {
  it('subtracts in minor units, without floats', () => {
    expect(subtractAmounts('1000.00', '100.00')).toBe('900.00');
    expect(subtractAmounts('123.45', '37.03')).toBe('86.42');
    expect(subtractAmounts('0.1', '0.30')).toBe('-0.20');
  });
});
