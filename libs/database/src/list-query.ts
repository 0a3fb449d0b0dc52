import {
  countOnce,
  CursorParts,
  type CursorPart,
  decodeCursor,
  type Page,
  type PageArgs,
  pageSize,
  toPage,
  TOTAL_COUNT_CAP,
  type TotalCount,
} from '@vtask/core';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** One column of a keyset: an SQL expression (or a select alias) and the check its cursor value gets. */
export interface KeysetColumn {
  sql: string;
  cursor: CursorPart;
  /** A PostgreSQL type for the cursor value when the driver cannot infer it (numeric ranks, timestamps). */
  cast?: string;
}

/**
 * A list's order as a keyset: columns most significant first, the last one unique (the id), all in one
 * direction so that "after the cursor" is one row comparison an index can serve.
 */
export interface Keyset<R> {
  direction: 'ASC' | 'DESC';
  columns: readonly KeysetColumn[];
  /** The cursor key of a row; `raw` is the row's raw select (for computed keys such as ranks). */
  key: (row: R, raw: Record<string, unknown>) => readonly unknown[];
  /** The keys come from computed selects: load the raw rows beside the entities. */
  needsRaw?: boolean;
}

export interface ListOptions {
  /**
   * An exact total kept by the database (a counter), or null when this filter has none; without one
   * the list counts at most TOTAL_COUNT_CAP + 1 rows.
   */
  exactCount?: () => Promise<number | null>;
  /**
   * The same rows as the list's filters select, from fewer tables (a read model holding every filtered
   * column): the capped count runs on it instead of on the list's joins.
   */
  countFrom?: SelectQueryBuilder<ObjectLiteral>;
  /**
   * A select alias of the page's own statement that already holds the whole filtered total on every row
   * (a window count the query computes anyway): read from the first row (capped like any count), so no
   * count runs. An empty page after a cursor has no row to read it from: the total is then counted.
   */
  totalInRow?: string;
}

/**
 * The one list builder every connection uses: `query` holds the list's filters; this adds the keyset
 * cursor, the order and the page size, loads one page (plus one row to tell whether another follows),
 * and leaves the total to be counted only if the client asks for it — exactly from a counter where the
 * service keeps one, else capped, so no page does work proportional to the whole table. When the caller
 * says the total will be read (`page.withTotal`) and no counter keeps it, the capped count rides in the
 * page's own statement: one round trip instead of two.
 */
export async function listPage<R extends ObjectLiteral>(
  query: SelectQueryBuilder<R>,
  page: PageArgs,
  keyset: Keyset<R>,
  options: ListOptions = {},
): Promise<Page<R>> {
  const size = pageSize(page.first);
  const after = decodeCursor(
    page.after,
    keyset.columns.map((column) => column.cursor),
  );
  // The count sees the filters only: taken before the cursor, the order and the limit are added.
  const filtered = query.clone();
  const countInPage = page.withTotal === true && !options.exactCount && !options.totalInRow;
  // An uncorrelated scalar subquery: PostgreSQL runs it once for the statement, not once per row.
  if (countInPage) query.addSelect(`(${cappedCountQuery(filtered)})`, TOTAL_IN_PAGE);
  if (after) {
    const op = keyset.direction === 'DESC' ? '<' : '>';
    const names = keyset.columns.map((_, index) => `keysetAfter${index}`);
    const left = keyset.columns.map((column) => column.sql).join(', ');
    const right = keyset.columns
      .map((column, index) => (column.cast ? `CAST(:${names[index]} AS ${column.cast})` : `:${names[index]}`))
      .join(', ');
    query.andWhere(
      `(${left}) ${op} (${right})`,
      Object.fromEntries(names.map((name, index) => [name, after[index]])),
    );
  }
  keyset.columns.forEach((column, index) =>
    index === 0
      ? query.orderBy(column.sql, keyset.direction)
      : query.addOrderBy(column.sql, keyset.direction),
  );
  query.limit(size + 1);
  let rows: R[];
  let raws: Record<string, unknown>[] = [];
  let totalInPage: TotalCount | null = null;
  const totalAlias = options.totalInRow ?? (countInPage ? TOTAL_IN_PAGE : null);
  if (keyset.needsRaw || totalAlias) {
    const loaded = await query.getRawAndEntities();
    rows = loaded.entities;
    if (totalAlias) {
      const first = loaded.raw[0] as Record<string, unknown> | undefined;
      // No row carries the total on an empty page: it is 0 from the start of the list, unknown after a cursor.
      if (first) totalInPage = cappedTotal(Number(first[totalAlias]));
      else if (!after) totalInPage = { value: 0, exact: true };
    }
    if (keyset.needsRaw) {
      // Entities and raw rows are matched by id: without joins that multiply rows they line up, but the
      // id makes it certain.
      const idColumn = `${query.alias}_id`;
      const byId = new Map(loaded.raw.map((raw: Record<string, unknown>) => [raw[idColumn], raw]));
      raws = rows.map((row) => byId.get((row as { id?: unknown }).id) ?? {});
    }
  } else {
    rows = await query.getMany();
  }
  const rawOf = new Map(rows.map((row, index) => [row, raws[index] ?? {}]));
  const known = totalInPage;
  return toPage(
    rows,
    size,
    known ? () => Promise.resolve(known) : countOnce(() => countTotal(filtered, options)),
    (row) => keyset.key(row, rawOf.get(row) ?? {}),
  );
}

/** The select alias of a total counted in the page's own statement. */
const TOTAL_IN_PAGE = 'list_total_capped';

async function countTotal<R extends ObjectLiteral>(
  filtered: SelectQueryBuilder<R>,
  options: ListOptions,
): Promise<TotalCount> {
  const exact = options.exactCount ? await options.exactCount() : null;
  if (exact !== null) return { value: exact, exact: true };
  return cappedCount(options.countFrom ?? filtered);
}

/** Counts the filtered rows up to TOTAL_COUNT_CAP + 1: the extra row only tells that there are more. */
export async function cappedCount<R extends ObjectLiteral>(
  filtered: SelectQueryBuilder<R>,
): Promise<TotalCount> {
  const [sql, parameters] = filtered
    .clone()
    .select('1')
    .orderBy()
    .offset(undefined)
    .limit(TOTAL_COUNT_CAP + 1)
    .getQueryAndParameters();
  const [row] = (await filtered.connection.query(
    `SELECT count(*)::int AS n FROM (${sql}) AS capped`,
    parameters,
  )) as { n: number }[];
  return cappedTotal(row.n);
}

/**
 * The same capped count as SQL with the builder's named parameters left in place, to be a subquery of a
 * statement built from the same builder (the page's), whose parameters it shares.
 */
function cappedCountQuery<R extends ObjectLiteral>(filtered: SelectQueryBuilder<R>): string {
  const counted = filtered
    .clone()
    .select('1')
    .orderBy()
    .offset(undefined)
    .limit(TOTAL_COUNT_CAP + 1)
    .getQuery();
  return `SELECT CAST(count(*) AS int) FROM (${counted}) AS capped`;
}

function cappedTotal(counted: number): TotalCount {
  return counted > TOTAL_COUNT_CAP
    ? { value: TOTAL_COUNT_CAP, exact: false }
    : { value: counted, exact: true };
}

/** The common keyset: a timestamp column, then the id, both in one direction. */
export function timestampKeyset<R extends { id: string }>(
  alias: string,
  column: string,
  direction: 'ASC' | 'DESC',
  at: (row: R) => Date,
): Keyset<R> {
  return {
    direction,
    columns: [
      { sql: `${alias}.${column}`, cursor: CursorParts.timestamp, cast: 'timestamptz' },
      { sql: `${alias}.id`, cursor: CursorParts.uuid, cast: 'uuid' },
    ],
    key: (row) => [at(row).toISOString(), row.id],
  };
}

/** Newest first, by `created_at` then id: most of the lists. */
export function newestFirst<R extends { id: string; createdAt: Date }>(alias: string): Keyset<R> {
  return timestampKeyset<R>(alias, 'created_at', 'DESC', (row) => row.createdAt);
}

/**
 * Whether any of these filters is set (blank text counts as unset): a total kept in counters serves
 * only the filters its counters are kept by, so any other one sends the count back to the table.
 */
export function anyFilterSet(filters: Record<string, unknown>): boolean {
  return Object.values(filters).some(
    (value) => value !== null && value !== undefined && (typeof value !== 'string' || value.trim() !== ''),
  );
}
