import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The square's tag relevance, kept per (creator, tag) instead of computed per request (issues 12 and
 * 16). A creator asked for by tag T ranks by how many of their own tags T stands for (T and, for a
 * parent, its children), then by track record. Computed per request, that rank made every tag query
 * rank all its candidates (thousands at 100k creators); kept here, one index in the square's order
 * gives the first page and stops.
 *
 * One row per creator and per tag that matches them: each of their own tags and each of those tags'
 * parents, with the rank for that tag and the creator's tier and track_score copied from their match
 * profile (a trigger on creator_match_profiles keeps them current). The tag tree (accounts'
 * domain_tags) changes only in migrations; one that changes it calls matching_refresh_tag_ranks for
 * every creator.
 */
const REFRESH_TAG_RANKS = `
  CREATE FUNCTION matching_refresh_tag_ranks(creator_ids uuid[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM creator_tag_ranks WHERE creator_id = ANY(creator_ids);
    INSERT INTO creator_tag_ranks (tag, creator_id, tier, tag_rank, track_score)
    SELECT matched.tag, p.creator_id, p.tier, count(DISTINCT own.tag), p.track_score
      FROM creator_match_profiles p
      CROSS JOIN LATERAL unnest(p.domain_tags) own(tag)
      LEFT JOIN domain_tags d ON d.slug = own.tag
      CROSS JOIN LATERAL (VALUES (own.tag), (d.parent_slug)) matched(tag)
     WHERE p.creator_id = ANY(creator_ids) AND matched.tag IS NOT NULL
     GROUP BY matched.tag, p.creator_id, p.tier, p.track_score;
  $$`;

/** Profiles inserted, or updated in what the ranks copy, get their rows again. */
const PROFILES_INSERTED = `
  CREATE FUNCTION matching_tag_ranks_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM matching_refresh_tag_ranks(ARRAY(SELECT creator_id FROM new_rows));
    RETURN NULL;
  END $$`;
const PROFILES_UPDATED = `
  CREATE FUNCTION matching_tag_ranks_updated() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM matching_refresh_tag_ranks(ARRAY(
      SELECT n.creator_id FROM new_rows n JOIN old_rows o ON o.creator_id = n.creator_id
       WHERE (n.tier, n.domain_tags, n.track_score) IS DISTINCT FROM (o.tier, o.domain_tags, o.track_score)));
    RETURN NULL;
  END $$`;

export class CreatorTagRanks1796740000000 implements MigrationInterface {
  name = 'CreatorTagRanks1796740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE creator_tag_ranks (
        tag varchar NOT NULL,
        creator_id uuid NOT NULL REFERENCES creator_match_profiles(creator_id) ON DELETE CASCADE,
        tier creator_tier NOT NULL,
        tag_rank integer NOT NULL,
        track_score numeric NOT NULL,
        PRIMARY KEY (creator_id, tag))`);
    // The square's RELEVANCE order by tag, the id as the tie-break; the tier is there to be filtered
    // on without visiting the table.
    await queryRunner.query(`
      CREATE INDEX creator_tag_ranks_relevance ON creator_tag_ranks
        (tag, tag_rank DESC, track_score DESC, creator_id DESC) INCLUDE (tier)`);
    await queryRunner.query(REFRESH_TAG_RANKS);
    await queryRunner.query(PROFILES_INSERTED);
    await queryRunner.query(PROFILES_UPDATED);
    await queryRunner.query(`
      CREATE TRIGGER matching_tag_ranks_inserted AFTER INSERT ON creator_match_profiles
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matching_tag_ranks_inserted()`);
    await queryRunner.query(`
      CREATE TRIGGER matching_tag_ranks_updated AFTER UPDATE ON creator_match_profiles
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION matching_tag_ranks_updated()`);
    await queryRunner.query(
      'SELECT matching_refresh_tag_ranks(ARRAY(SELECT creator_id FROM creator_match_profiles))',
    );
    await queryRunner.query('ANALYZE creator_tag_ranks');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER matching_tag_ranks_updated ON creator_match_profiles');
    await queryRunner.query('DROP TRIGGER matching_tag_ranks_inserted ON creator_match_profiles');
    await queryRunner.query('DROP FUNCTION matching_tag_ranks_updated()');
    await queryRunner.query('DROP FUNCTION matching_tag_ranks_inserted()');
    await queryRunner.query('DROP FUNCTION matching_refresh_tag_ranks(uuid[])');
    await queryRunner.query('DROP TABLE creator_tag_ranks');
  }
}
