import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Creators ranked for a task read a compact, covering index instead of 100k wide profile rows
 * (issue 12): creator_match_tags holds one row per big-V creator and tag, with everything the score
 * reads (tier, tags, channels, followers, usual prices and the two per-creator parts), so the
 * candidates of a task come from an index-only range scan on (tag, tier) and no profile row is read
 * until the best `first` are known.
 *
 * The per-creator parts of the score (match-score.sql.ts) are stored on the profile, computed by the
 * same expressions as partColumnsSql and trackPartSql with today's weights written out (a change of
 * MATCH_TUNING's audience or track numbers, or of TRACK_WEIGHTS, needs a migration here too;
 * libs/matching/test/match-candidates.spec.ts compares them with the live formula).
 *
 * Tasks ranked for a creator read a partial GIN index of the open public tasks' tags.
 *
 * A row trigger on creator_match_profiles keeps creator_match_tags: every path that writes a profile
 * (creators' copy triggers, the history refresh) keeps it current without knowing about it.
 */
const AUDIENCE_PART = `LEAST(1, ln(1 + follower_count) / ln(10000001::float8))::float8`;

const TRACK_PART = `(0.3::float8 * ((coalesce(on_time_orders, 0) + 1::float8) / (coalesce(completed_orders, 0) + 2::float8)) + 0.3::float8 * (((coalesce(rating_sum, 0) + 6::float8) / (coalesce(rating_count, 0) + 2::float8)) - 1) / 4 + 0.15::float8 * LEAST(1, ln(1 + coalesce(completed_orders, 0)) / ln(51::float8))
      + 0.15::float8 * GREATEST(0, 1 - (coalesce(cancelled_orders, 0) + coalesce(late_deliveries, 0) + coalesce(breached_retentions, 0))::float8 / (coalesce(completed_orders, 0) + coalesce(cancelled_orders, 0) + 2::float8)) + 0.1::float8 * (coalesce(verified_orders, 0)::float8 / (coalesce(completed_orders, 0) + 2::float8)))`;

/** The columns copied from the profile, in table order. */
const COPIED = `tier, domain_tags, channels, follower_count, audience_part, track_part, price_currencies, price_typical_minor`;

/** One row per distinct tag of a big-V profile `p`, at the tag's first position in its list. */
const rowsOf = (p: string) => `
  SELECT u.tag, ${p}.creator_id, min(u.position)::smallint, ${COPIED.split(', ')
    .map((column) => `${p}.${column}`)
    .join(', ')}
    FROM unnest(${p}.domain_tags) WITH ORDINALITY u(tag, position)
   WHERE ${p}.tier <> 'ORDINARY'
   GROUP BY u.tag`;

const SYNC_TAGS = `
  CREATE FUNCTION matching_sync_candidate_tags() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP <> 'INSERT' THEN
      DELETE FROM creator_match_tags
       WHERE tag = ANY(OLD.domain_tags) AND tier = OLD.tier AND creator_id = OLD.creator_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
      INSERT INTO creator_match_tags (tag, creator_id, tag_position, ${COPIED}) ${rowsOf('NEW')};
    END IF;
    RETURN NULL;
  END $$`;

export class MatchCandidates1796780000000 implements MigrationInterface {
  name = 'MatchCandidates1796780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE creator_match_profiles
        ADD COLUMN audience_part float8 NOT NULL GENERATED ALWAYS AS (${AUDIENCE_PART}) STORED,
        ADD COLUMN track_part float8 NOT NULL GENERATED ALWAYS AS (${TRACK_PART}) STORED`);
    // No foreign key: the trigger below deletes a profile's rows, through the primary key.
    await queryRunner.query(`
      CREATE TABLE creator_match_tags (
        tag varchar NOT NULL,
        creator_id uuid NOT NULL,
        tag_position smallint NOT NULL,
        tier creator_tier NOT NULL,
        domain_tags varchar[] NOT NULL,
        channels channel[] NOT NULL,
        follower_count integer NOT NULL,
        audience_part float8 NOT NULL,
        track_part float8 NOT NULL,
        price_currencies currency_code[] NOT NULL,
        price_typical_minor bigint[] NOT NULL,
        CONSTRAINT creator_match_tags_pk PRIMARY KEY (tag, tier, creator_id)
          INCLUDE (tag_position, domain_tags, channels, follower_count, audience_part, track_part,
                   price_currencies, price_typical_minor)
      )`);
    await queryRunner.query(
      `INSERT INTO creator_match_tags (tag, creator_id, tag_position, ${COPIED})
       SELECT r.* FROM creator_match_profiles p CROSS JOIN LATERAL (${rowsOf('p')}) r`,
    );
    await queryRunner.query(SYNC_TAGS);
    await queryRunner.query(
      `CREATE TRIGGER matching_candidate_tags_written AFTER INSERT OR DELETE ON creator_match_profiles
       FOR EACH ROW EXECUTE FUNCTION matching_sync_candidate_tags()`,
    );
    // Tasks ranked for a creator: only open public tasks are candidates, a fraction of all tasks' tags.
    await queryRunner.query(
      `CREATE INDEX tasks_open_public_tags ON tasks USING gin (domain_tags)
       WHERE status = 'OPEN' AND visibility = 'PUBLIC'`,
    );
    // Only when something the rows copy changed (the square's columns and refreshed_at do not count).
    await queryRunner.query(
      `CREATE TRIGGER matching_candidate_tags_updated AFTER UPDATE ON creator_match_profiles
       FOR EACH ROW WHEN ((OLD.${COPIED.split(', ').join(', OLD.')}) IS DISTINCT FROM (NEW.${COPIED.split(', ').join(', NEW.')}))
       EXECUTE FUNCTION matching_sync_candidate_tags()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX tasks_open_public_tags');
    await queryRunner.query('DROP TRIGGER matching_candidate_tags_updated ON creator_match_profiles');
    await queryRunner.query('DROP TRIGGER matching_candidate_tags_written ON creator_match_profiles');
    await queryRunner.query('DROP FUNCTION matching_sync_candidate_tags()');
    await queryRunner.query('DROP TABLE creator_match_tags');
    await queryRunner.query(
      'ALTER TABLE creator_match_profiles DROP COLUMN track_part, DROP COLUMN audience_part',
    );
  }
}
