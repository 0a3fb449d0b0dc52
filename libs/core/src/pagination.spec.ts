import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';
import {
  CursorParts,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  MAX_PAGE_SIZE,
  pageSize,
  countOnce,
  knownCount,
  toPage,
} from './pagination';

function expectInputError(run: () => unknown, field: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((error as DomainError).fields).toHaveProperty([field]);
    return;
  }
  throw new Error('expected an input error');
}

describe('pageSize', () => {
  it('defaults to 20 and allows 0 to 100', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(MAX_PAGE_SIZE).toBe(100);
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
    expect(pageSize(0)).toBe(0);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(100)).toBe(100);
  });

  it.each([101, 1000, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %p instead of clamping',
    (first) => {
      expectInputError(() => pageSize(first), 'first');
    },
  );
});

describe('cursors', () => {
  const at = '2026-11-11T00:00:00.123Z';
  const id = '0b7e6a52-3c4f-4d2e-9a51-6f0c2d1e8b9a';

  it('round-trips a sort key, as an opaque url-safe string', () => {
    const cursor = encodeCursor([at, id]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 2)).toEqual([at, id]);
    expect(decodeCursor(cursor, [CursorParts.timestamp, CursorParts.uuid])).toEqual([at, id]);
  });

  it('is no cursor when none is given', () => {
    expect(decodeCursor(undefined, 2)).toBeNull();
    expect(decodeCursor(null, [CursorParts.uuid])).toBeNull();
  });

  it.each([
    ['not base64 JSON', 'garbage'],
    ['empty', ''],
    ['not an array', encodeCursor({ at } as never)],
    ['too short', encodeCursor([at])],
    ['too long', encodeCursor([at, id, 1])],
  ])('refuses a cursor that is %s', (_what, cursor) => {
    expectInputError(() => decodeCursor(cursor, 2), 'after');
  });

  it.each([
    ['a number for the timestamp', [1, id]],
    ['a date that does not exist', ['2026-02-30T00:00:00.000Z', id]],
    ['a timestamp in another format', ['2026-11-11 00:00:00', id]],
    ['free text', ["'; DROP TABLE creators; --", id]],
    ['a malformed id', [at, 'not-a-uuid']],
    ['null parts', [null, null]],
  ])('refuses a cursor holding %s when its shape is given', (_what, key) => {
    expectInputError(
      () => decodeCursor(encodeCursor(key), [CursorParts.timestamp, CursorParts.uuid]),
      'after',
    );
  });

  it('checks numbers and strings', () => {
    expect(decodeCursor(encodeCursor([1.5, 'x']), [CursorParts.number, CursorParts.string])).toEqual([
      1.5,
      'x',
    ]);
    expectInputError(
      () => decodeCursor(encodeCursor(['1.5', 'x']), [CursorParts.number, CursorParts.string]),
      'after',
    );
  });
});

describe('toPage', () => {
  const rows = [{ n: 5 }, { n: 4 }, { n: 3 }];
  const keyOf = (row: { n: number }) => [row.n];

  it('uses the extra row only to tell there is a next page', async () => {
    const page = toPage(rows, 2, knownCount(10), keyOf);
    expect(page.nodes).toEqual([{ n: 5 }, { n: 4 }]);
    expect(page.hasNextPage).toBe(true);
    await expect(page.count()).resolves.toEqual({ value: 10, exact: true });
    expect(decodeCursor(page.endCursor, 1)).toEqual([4]);
  });

  it('ends when there is no extra row', () => {
    const page = toPage(rows, 3, knownCount(3), keyOf);
    expect(page.nodes).toHaveLength(3);
    expect(page.hasNextPage).toBe(false);
    expect(decodeCursor(page.endCursor, 1)).toEqual([3]);
  });

  it('has no cursor on an empty page', () => {
    const page = toPage([], 20, knownCount(0), keyOf);
    expect(page).toMatchObject({ nodes: [], hasNextPage: false, endCursor: null });
  });

  it('counts only when asked, and once however often it is asked', async () => {
    let counted = 0;
    const count = countOnce(() => {
      counted += 1;
      return Promise.resolve({ value: 7, exact: true });
    });
    const page = toPage(rows, 3, count, keyOf);
    expect(counted).toBe(0);
    await Promise.all([page.count(), page.count()]);
    expect(counted).toBe(1);
  });
});
