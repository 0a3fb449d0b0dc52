import type { DomainError } from '@vtask/core';
import { OrdersErrors } from './orders.errors';

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/**
 * Longest reason, feedback or note an order action takes: each is kept in order_events.note
 * (varchar 2000), and review comments in reviews.comment (varchar 2000).
 */
export const ORDER_NOTE_MAX_LENGTH = 2000;

/** A person's text for an order action, trimmed: refused when blank (`blank` says what to write) or too long. */
export function checkedNote(text: string, field: string, blank: () => DomainError): string {
  const trimmed = text.trim();
  if (!trimmed) throw blank();
  if (trimmed.length > ORDER_NOTE_MAX_LENGTH) throw OrdersErrors.tooLong(field, ORDER_NOTE_MAX_LENGTH);
  return trimmed;
}

/** An optional review comment, trimmed (blank is none), refused when longer than its column. */
export function checkedComment(comment: string | null | undefined): string | null {
  const trimmed = comment?.trim() || null;
  if (trimmed && trimmed.length > ORDER_NOTE_MAX_LENGTH)
    throw OrdersErrors.tooLong('comment', ORDER_NOTE_MAX_LENGTH);
  return trimmed;
}

/** A review's stars: a whole number from 1 to 5. */
export function checkRating(rating: number): void {
  if (!(Number.isInteger(rating) && rating >= 1 && rating <= 5)) throw OrdersErrors.badRating();
}

export function isHttpUrl(url: string): boolean {
  return HTTP_URL.test(url);
}
