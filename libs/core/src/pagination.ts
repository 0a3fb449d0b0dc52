import { DomainError } from './domain-error';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  /**
   * The caller will read the total (the client selected it): the list may count it in the statement that
   * loads the page instead of a second one.
   */
  withTotal?: boolean;
}

/**
 * Past this many rows a list's total is not counted: SPEC "Limits" — no list does work proportional to
 * the whole table, so a count stops at the cap and says it is not exact (the console shows "10,000+").
 */
export const TOTAL_COUNT_CAP = 10_000;

/** A list's total: exact, or TOTAL_COUNT_CAP with `exact` false when there are more rows. */
export interface TotalCount {
  value: number;
  exact: boolean;
}

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  endCursor: string | null;
  /**
   * The total, counted only when asked for (most pages never show it) and at most once per page, so a
   * client that selects `totalCount` and `pageInfo.totalCountIsExact` pays for one count.
   */
  count: () => Promise<TotalCount>;
}

/** A total already known (an in-memory list, a test). */
export function knownCount(value: number): () => Promise<TotalCount> {
  return () => Promise.resolve({ value, exact: true });
}

/** Runs `count` on the first call only and hands every caller that one answer. */
export function countOnce(count: () => Promise<TotalCount>): () => Promise<TotalCount> {
  let answer: Promise<TotalCount> | null = null;
  return () => (answer ??= count());
}

/** `first` as the contract defines it: default 20, 0-100, anything else is an input error (never clamped). */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw DomainError.badInput({ first: `first must be between 0 and ${MAX_PAGE_SIZE}.` });
  }
  return first;
}

/** Cursors are opaque to clients: the sort key of the last row, base64url-encoded JSON. */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Checks one element of a decoded cursor key. */
export type CursorPart = (value: unknown) => boolean;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Common cursor parts. A cursor is client input: its values reach SQL, so each is checked first. */
export const CursorParts = {
  uuid: ((value) => typeof value === 'string' && UUID_PATTERN.test(value)) as CursorPart,
  /** Exactly what `Date.toISOString()` wrote: round-tripping also refuses dates like February 30. */
  timestamp: ((value) =>
    typeof value === 'string' &&
    !Number.isNaN(Date.parse(value)) &&
    new Date(value).toISOString() === value) as CursorPart,
  number: ((value) => typeof value === 'number' && Number.isFinite(value)) as CursorPart,
  string: ((value) => typeof value === 'string') as CursorPart,
};

/**
 * The sort key inside `cursor`, or null without one. `shape` is the key's length, or better one check
 * per element: a cursor that decodes but holds a value of the wrong type would otherwise reach
 * PostgreSQL and fail there as an internal error instead of an input error.
 */
export function decodeCursor(
  cursor: string | null | undefined,
  shape: number | readonly CursorPart[],
): unknown[] | null {
  if (cursor === null || cursor === undefined) return null;
  const length = typeof shape === 'number' ? shape : shape.length;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === length &&
      (typeof shape === 'number' || shape.every((check, index) => check(key[index])))
    ) {
      return key;
    }
  } catch {
    // fall through to the input error below
  }
  throw DomainError.badInput({ after: 'The cursor is not valid for this list.' });
}

/**
 * Turns `size + 1` fetched rows into a page: the extra row only tells whether there is a next page.
 */
export function toPage<T>(
  rows: T[],
  size: number,
  count: () => Promise<TotalCount>,
  keyOf: (row: T) => readonly unknown[],
): Page<T> {
  const nodes = rows.slice(0, size);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    hasNextPage: rows.length > size,
    endCursor: last === undefined ? null : encodeCursor(keyOf(last)),
    count: countOnce(count),
  };
}
