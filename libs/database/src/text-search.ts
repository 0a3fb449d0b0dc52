import { escapeLike } from '@vtask/core';

/**
 * The CJK ideographs search indexes, as in the migration ChineseTagsAndSearch's `cjk_search_grams`:
 * the grams a query asks for must be grams the index holds.
 */
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/**
 * More pairs narrow the index lookup no further than the ILIKE recheck does, and each costs a posting
 * list to read: a long pasted query is looked up by its first ones.
 */
const MAX_QUERY_GRAMS = 8;

/**
 * The grams the index is asked for: each pair of adjacent CJK characters in the query, or the character
 * itself where it stands alone (a one-character word such as 茶). Empty for a query without Chinese.
 */
export function cjkQueryGrams(text: string): string[] {
  const grams = new Set<string>();
  for (const [run] of text.matchAll(CJK_RUN)) {
    const chars = [...run];
    if (chars.length === 1) grams.add(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  }
  return [...grams].slice(0, MAX_QUERY_GRAMS);
}

export interface TextCondition {
  /** A WHERE condition with named TypeORM parameters. */
  sql: string;
  params: Record<string, unknown>;
  /** Whether the text has Chinese, so that pg_trgm's similarity says little about how well it matches. */
  chinese: boolean;
}

/**
 * `expression` contains `text`, case-insensitively. Chinese goes through the CJK gram index
 * (`cjk_search_grams(expression)`, which must be indexed with exactly this expression) and is rechecked
 * as a substring (the pairs must also be adjacent and in order); other text is matched with ILIKE alone, which the trigram indexes serve from three
 * characters on. `name` prefixes the parameters, so several conditions can share one query.
 */
export function textContains(expression: string, text: string, name = 'text'): TextCondition {
  const pattern = `%${escapeLike(text)}%`;
  const grams = cjkQueryGrams(text);
  if (!grams.length) {
    return {
      sql: `${expression} ILIKE :${name}Pattern`,
      params: { [`${name}Pattern`]: pattern },
      chinese: false,
    };
  }
  // The recheck is strpos, not ILIKE: the planner would otherwise also consider the trigram index for
  // the ILIKE, which a pattern of one or two Chinese characters (no trigram) turns into a scan of the
  // whole index (seconds at festival scale, measured on PostgreSQL 15).
  return {
    sql: `(cjk_search_grams(${expression}) @> CAST(:${name}Grams AS text[]) AND strpos(lower(${expression}), lower(:${name}Text)) > 0)`,
    params: { [`${name}Grams`]: grams, [`${name}Text`]: text },
    chinese: true,
  };
}
