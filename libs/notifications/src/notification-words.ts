import { formatInstant, Money, type TextContext } from '@vtask/core';

/** The small words every notification text is written with: amounts, moments, who acted. */

/** An amount in a notification's parameters (JSON: no bigint). */
export interface MoneyParam {
  /** The API's decimal string, "800.00". */
  amount: string;
  currency: string;
}

/** A moment in a notification's parameters: an ISO timestamp, or null for "its deadline". */
export type Instant = string | null;

/** Who did something an order's notification reports. */
export type Actor = 'MERCHANT' | 'CREATOR' | 'PLATFORM';

export type Words<P> = (params: P, reader: TextContext) => string;

export interface NotificationText<P> {
  en: Words<P>;
  zh: Words<P>;
  /** Parameters a test renders the text with, in both languages (a type cannot ship untranslated). */
  example: P;
}

export function moneyParam(money: Money): MoneyParam {
  return { amount: money.toDecimal(), currency: money.currency };
}

export function money(value: MoneyParam, reader: TextContext): string {
  if (reader.locale === 'en') return `${value.amount} ${value.currency}`;
  return value.currency === 'CNY' ? `¥${value.amount}` : `${value.amount} ${value.currency}`;
}

export function at(value: Instant, reader: TextContext): string {
  if (!value) return reader.locale === 'en' ? 'its deadline' : '截止时间';
  return formatInstant(new Date(value), reader);
}

export function sentence(text: string): string {
  return /[.!?。！？]$/.test(text) ? text : `${text}.`;
}

export function zhSentence(text: string): string {
  return /[.!?。！？]$/.test(text) ? text : `${text}。`;
}

export function actorEn(p: { by: Actor; shop: string; handle: string }, platform: string): string {
  return p.by === 'MERCHANT' ? p.shop : p.by === 'CREATOR' ? `@${p.handle}` : platform;
}

export function actorZh(p: { by: Actor; shop: string; handle: string }, platform: string): string {
  return p.by === 'MERCHANT' ? `商家「${p.shop}」` : p.by === 'CREATOR' ? `达人 @${p.handle}` : platform;
}

export const CNY = (amount: string): MoneyParam => ({ amount, currency: 'CNY' });
export const EXAMPLE_AT = '2026-12-08T05:26:28.096Z';
