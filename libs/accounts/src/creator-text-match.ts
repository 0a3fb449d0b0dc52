import { textContains } from '@vtask/database';

/**
 * A creator's text search (SPEC "Finding creators"): the text in their handle, bio or display name.
 * `where` selects the creators and `rank` (0-1, their closest field) ranks them, both over the creators
 * row under `alias`, with the named parameters `params`.
 *
 * The match is one condition on the creators row, so PostgreSQL reads each field's index (the trigram
 * indexes of migration Matching for ILIKE '%...%', the CJK gram indexes of migration ChineseTagsAndSearch
 * for Chinese) and ORs them into one bitmap: the rows are visited once, and only those the indexes name
 * (a word in an eighth of the bios: 12,000 rows read instead of all 100,000). The display name is on
 * users: the matching users' ids come first, once per statement, and the creators' user_id index ORs them
 * in.
 *
 * The rank is an expression, not a join, so a query evaluates it only on the rows it ranks: a page that
 * can stop early (CreatorSearchService's perfect matches) ranks a few rows, not every match. Trigram
 * similarity sees nothing in Chinese, whose words are shorter than a trigram: there the closeness is the
 * share of the field the text covers, so an exact handle still comes first.
 */
export interface CreatorTextMatch {
  where: string;
  rank: string;
  params: Record<string, unknown>;
}

export function creatorTextMatch(text: string, alias: string): CreatorTextMatch {
  const handle = textContains(`${alias}.handle`, text);
  const bio = textContains(`${alias}.bio`, text);
  const displayName = textContains('su.display_name', text);
  const byName = `${alias}.user_id = ANY(ARRAY(SELECT su.id FROM users su WHERE ${displayName.sql}))`;
  const closeness = (field: string, trigram: string) =>
    handle.chinese ? `char_length(:text)::real / greatest(char_length(${field}), 1)` : trigram;
  return {
    where: `(${handle.sql} OR ${bio.sql} OR ${byName})`,
    rank: `greatest(
      CASE WHEN ${handle.sql} THEN ${closeness(`${alias}.handle`, `similarity(${alias}.handle, :text)`)} END,
      CASE WHEN ${bio.sql} THEN ${closeness(`${alias}.bio`, `word_similarity(:text, ${alias}.bio)`)} END,
      CASE WHEN ${byName} THEN (SELECT ${closeness('su.display_name', 'similarity(su.display_name, :text)')}
                                 FROM users su WHERE su.id = ${alias}.user_id) END)`,
    params: { text, ...handle.params, ...bio.params, ...displayName.params },
  };
}
