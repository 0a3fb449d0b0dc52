import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One narrow row per creator for ranking (CreatorMatchProfileEntity), replacing the two read models of
 * migration Matching (creator_track_records, creator_price_ranges): ranking 100k creators then reads
 * one table through a partial GIN index, with no join per candidate. The triggers of migration
 * Matching stay; the function they call now writes here, and creators' own triggers copy the fields.
 */
const REFRESH_PROFILES = `
  CREATE OR REPLACE FUNCTION matching_refresh_creators(creator_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF creator_ids IS NULL OR cardinality(creator_ids) = 0 THEN
      RETURN;
    END IF;
    -- Concurrent refreshes of one creator queue on its row; each then recomputes from a fresh snapshot
    -- (PL/pgSQL statements in READ COMMITTED), so none overwrites another's result.
    PERFORM 1 FROM creator_match_profiles WHERE creator_id = ANY(creator_ids) ORDER BY creator_id FOR UPDATE;
    UPDATE creator_match_profiles p
       SET completed_orders = h.completed, on_time_orders = h.on_time,
           rating_count = h.rating_count, rating_sum = h.rating_sum,
           price_currencies = coalesce(pr.currencies, '{}'), price_low_minor = coalesce(pr.lows, '{}'),
           price_typical_minor = coalesce(pr.typicals, '{}'), price_high_minor = coalesce(pr.highs, '{}'),
           refreshed_at = now()
      FROM (
        SELECT c.id,
               count(o.id)::int AS completed,
               count(o.id) FILTER (WHERE first_delivery.at <= o.deliver_by)::int AS on_time,
               coalesce(min(v.n), 0)::int AS rating_count,
               coalesce(min(v.total), 0)::int AS rating_sum
          FROM (SELECT DISTINCT unnest(creator_ids) AS id) c
          LEFT JOIN orders o ON o.creator_id = c.id AND o.status = 'COMPLETED'
          LEFT JOIN LATERAL (SELECT min(d.submitted_at) AS at FROM deliverables d WHERE d.order_id = o.id)
                 first_delivery ON true
          LEFT JOIN (SELECT subject_id, count(*) AS n, sum(rating) AS total FROM reviews
                      WHERE direction = 'OF_CREATOR' AND subject_id = ANY(creator_ids) GROUP BY subject_id) v
                 ON v.subject_id = c.id
         GROUP BY c.id
      ) h
      LEFT JOIN (
        SELECT creator_id, array_agg(currency ORDER BY currency) AS currencies,
               array_agg(low ORDER BY currency) AS lows, array_agg(typical ORDER BY currency) AS typicals,
               array_agg(high ORDER BY currency) AS highs
          FROM (SELECT creator_id, currency,
                       percentile_disc(0.25) WITHIN GROUP (ORDER BY price_minor) AS low,
                       percentile_disc(0.5) WITHIN GROUP (ORDER BY price_minor) AS typical,
                       percentile_disc(0.75) WITHIN GROUP (ORDER BY price_minor) AS high
                  FROM (SELECT creator_id, currency, price_minor FROM offers
                         WHERE creator_id = ANY(creator_ids) AND status <> 'CLOSED'
                        UNION ALL
                        SELECT creator_id, currency, price_minor FROM orders
                         WHERE creator_id = ANY(creator_ids) AND status = 'COMPLETED') prices
                 GROUP BY creator_id, currency) quartiles
         GROUP BY creator_id
      ) pr ON pr.creator_id = h.id
     WHERE p.creator_id = h.id;
  END $$`;

/** Copies the profile fields ranking reads; only rows whose copy differs are written. */
const COPY_CREATORS = `
  CREATE FUNCTION matching_creators_changed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO creator_match_profiles AS p (creator_id, tier, domain_tags, channels, follower_count)
      SELECT id, tier, domain_tags, channels, follower_count FROM new_rows ORDER BY id
      ON CONFLICT (creator_id) DO UPDATE
        SET tier = EXCLUDED.tier, domain_tags = EXCLUDED.domain_tags, channels = EXCLUDED.channels,
            follower_count = EXCLUDED.follower_count
        WHERE (p.tier, p.domain_tags, p.channels, p.follower_count)
              IS DISTINCT FROM (EXCLUDED.tier, EXCLUDED.domain_tags, EXCLUDED.channels, EXCLUDED.follower_count);
    RETURN NULL;
  END $$`;

export class MatchingProfiles1795693351511 implements MigrationInterface {
  name = 'MatchingProfiles1795693351511';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "creator_match_profiles" ("creator_id" uuid NOT NULL, "tier" "public"."creator_tier" NOT NULL, "domain_tags" character varying array NOT NULL, "channels" "public"."channel" array NOT NULL, "follower_count" integer NOT NULL, "completed_orders" integer NOT NULL DEFAULT \'0\', "on_time_orders" integer NOT NULL DEFAULT \'0\', "rating_count" integer NOT NULL DEFAULT \'0\', "rating_sum" integer NOT NULL DEFAULT \'0\', "price_currencies" "public"."currency_code" array NOT NULL DEFAULT \'{}\', "price_low_minor" bigint array NOT NULL DEFAULT \'{}\', "price_typical_minor" bigint array NOT NULL DEFAULT \'{}\', "price_high_minor" bigint array NOT NULL DEFAULT \'{}\', "refreshed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0b94715ce95ebe27f8f5cae702e" PRIMARY KEY ("creator_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "creator_match_profiles" ADD CONSTRAINT "FK_0b94715ce95ebe27f8f5cae702e" FOREIGN KEY ("creator_id") REFERENCES "creators"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );

    // ---- Written by hand: what entity metadata cannot express.
    await queryRunner.query(COPY_CREATORS);
    for (const [name, event] of [
      ['matching_creators_inserted', 'INSERT'],
      ['matching_creators_updated', 'UPDATE'],
    ]) {
      await queryRunner.query(
        `CREATE TRIGGER ${name} AFTER ${event} ON creators
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION matching_creators_changed()`,
      );
    }
    await queryRunner.query(REFRESH_PROFILES);
    await queryRunner.query(
      `INSERT INTO creator_match_profiles (creator_id, tier, domain_tags, channels, follower_count)
       SELECT id, tier, domain_tags, channels, follower_count FROM creators`,
    );
    await queryRunner.query(`
      SELECT matching_refresh_creators(ARRAY(
        SELECT creator_id FROM orders WHERE status = 'COMPLETED'
        UNION SELECT creator_id FROM offers
        UNION SELECT subject_id FROM reviews WHERE direction = 'OF_CREATOR'))`);
    await queryRunner.query('DROP TABLE "creator_track_records"');
    await queryRunner.query('DROP TABLE "creator_price_ranges"');
    // Only big-V creators are ever candidates: a partial index half the size, and no ORDINARY rows to skip.
    await queryRunner.query(
      `CREATE INDEX "creator_match_profiles_big_v_tags" ON "creator_match_profiles" USING gin ("domain_tags")
       WHERE tier <> 'ORDINARY'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "creator_match_profiles_big_v_tags"');
    await queryRunner.query('DROP TRIGGER matching_creators_updated ON creators');
    await queryRunner.query('DROP TRIGGER matching_creators_inserted ON creators');
    await queryRunner.query('DROP FUNCTION matching_creators_changed()');
    // The read models of migration Matching, with its function, refilled from the facts.
    await queryRunner.query(
      `CREATE TABLE "creator_track_records" ("creator_id" uuid NOT NULL, "completed_orders" integer NOT NULL DEFAULT '0', "on_time_orders" integer NOT NULL DEFAULT '0', "rating_count" integer NOT NULL DEFAULT '0', "rating_sum" integer NOT NULL DEFAULT '0', "refreshed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_99d4836e08e01324d8cd550c32a" PRIMARY KEY ("creator_id"), CONSTRAINT "FK_99d4836e08e01324d8cd550c32a" FOREIGN KEY ("creator_id") REFERENCES "creators"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `CREATE TABLE "creator_price_ranges" ("creator_id" uuid NOT NULL, "currency" "public"."currency_code" NOT NULL, "low_minor" bigint NOT NULL, "typical_minor" bigint NOT NULL, "high_minor" bigint NOT NULL, "samples" integer NOT NULL, CONSTRAINT "PK_3668baa6e569ad0aad0467c8c86" PRIMARY KEY ("creator_id", "currency"), CONSTRAINT "FK_e02a709bfac3a46f46d065dca5b" FOREIGN KEY ("creator_id") REFERENCES "creators"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION matching_refresh_creators(creator_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF creator_ids IS NULL OR cardinality(creator_ids) = 0 THEN
          RETURN;
        END IF;
        INSERT INTO creator_track_records (creator_id)
          SELECT id FROM creators WHERE id = ANY(creator_ids) ORDER BY id
          ON CONFLICT (creator_id) DO NOTHING;
        PERFORM 1 FROM creator_track_records WHERE creator_id = ANY(creator_ids) ORDER BY creator_id FOR UPDATE;
        UPDATE creator_track_records r
           SET completed_orders = s.completed, on_time_orders = s.on_time,
               rating_count = s.rating_count, rating_sum = s.rating_sum, refreshed_at = now()
          FROM (
            SELECT c.id,
                   count(o.id)::int AS completed,
                   count(o.id) FILTER (WHERE first_delivery.at <= o.deliver_by)::int AS on_time,
                   coalesce(min(v.n), 0)::int AS rating_count,
                   coalesce(min(v.total), 0)::int AS rating_sum
              FROM (SELECT DISTINCT unnest(creator_ids) AS id) c
              LEFT JOIN orders o ON o.creator_id = c.id AND o.status = 'COMPLETED'
              LEFT JOIN LATERAL (SELECT min(d.submitted_at) AS at FROM deliverables d WHERE d.order_id = o.id)
                     first_delivery ON true
              LEFT JOIN (SELECT subject_id, count(*) AS n, sum(rating) AS total FROM reviews
                          WHERE direction = 'OF_CREATOR' AND subject_id = ANY(creator_ids) GROUP BY subject_id) v
                     ON v.subject_id = c.id
             GROUP BY c.id
          ) s
         WHERE r.creator_id = s.id;
        DELETE FROM creator_price_ranges WHERE creator_id = ANY(creator_ids);
        INSERT INTO creator_price_ranges (creator_id, currency, low_minor, typical_minor, high_minor, samples)
          SELECT p.creator_id, p.currency,
                 percentile_disc(0.25) WITHIN GROUP (ORDER BY p.price_minor),
                 percentile_disc(0.5) WITHIN GROUP (ORDER BY p.price_minor),
                 percentile_disc(0.75) WITHIN GROUP (ORDER BY p.price_minor),
                 count(*)::int
            FROM (SELECT creator_id, currency, price_minor FROM offers
                   WHERE creator_id = ANY(creator_ids) AND status <> 'CLOSED'
                  UNION ALL
                  SELECT creator_id, currency, price_minor FROM orders
                   WHERE creator_id = ANY(creator_ids) AND status = 'COMPLETED') p
            JOIN creators c ON c.id = p.creator_id
           GROUP BY p.creator_id, p.currency;
      END $$`);
    await queryRunner.query(`
      SELECT matching_refresh_creators(ARRAY(
        SELECT creator_id FROM orders WHERE status = 'COMPLETED'
        UNION SELECT creator_id FROM offers
        UNION SELECT subject_id FROM reviews WHERE direction = 'OF_CREATOR'))`);
    await queryRunner.query(
      'ALTER TABLE "creator_match_profiles" DROP CONSTRAINT "FK_0b94715ce95ebe27f8f5cae702e"',
    );
    await queryRunner.query('DROP TABLE "creator_match_profiles"');
  }
}
