import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The creator square (找达人, version 2): what the square filters and sorts by, kept on the match
 * profiles so that 100k creators stay one indexed read; the portfolio's marks on orders; shortlists.
 *
 * Profiles gain the content types a creator works in (their open offers' and completed orders') and
 * their count of ACTIVE offers, written by the same refresh function as the rest of the row (its
 * triggers already fire on offers and completed orders). The sort keys are stored generated columns,
 * each with an index in its sort order: the track record (the formula of match-score.sql.ts's
 * trackPartSql with the weights of today; a later change of weights needs a migration here too), the
 * average rating, and the typical price per currency.
 */
const TRACK_SCORE = `round((0.4::float8 * ((coalesce(on_time_orders, 0) + 1::float8) / (coalesce(completed_orders, 0) + 2::float8))
  + 0.4::float8 * (((coalesce(rating_sum, 0) + 6::float8) / (coalesce(rating_count, 0) + 2::float8)) - 1) / 4
  + 0.2::float8 * LEAST(1, ln(1 + coalesce(completed_orders, 0)) / ln(51::float8)))::numeric, 6)`;

const REFRESH_PROFILES = `
  CREATE OR REPLACE FUNCTION matching_refresh_creators(creator_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF creator_ids IS NULL OR cardinality(creator_ids) = 0 THEN
      RETURN;
    END IF;
    PERFORM 1 FROM creator_match_profiles WHERE creator_id = ANY(creator_ids) ORDER BY creator_id FOR UPDATE;
    UPDATE creator_match_profiles p
       SET completed_orders = h.completed, on_time_orders = h.on_time,
           rating_count = h.rating_count, rating_sum = h.rating_sum,
           price_currencies = coalesce(pr.currencies, '{}'), price_low_minor = coalesce(pr.lows, '{}'),
           price_typical_minor = coalesce(pr.typicals, '{}'), price_high_minor = coalesce(pr.highs, '{}'),
           content_types = coalesce(ct.types, '{}'), active_offers = coalesce(ao.n, 0),
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
      LEFT JOIN (
        SELECT creator_id, array_agg(DISTINCT content_type ORDER BY content_type) AS types
          FROM (SELECT creator_id, content_type FROM offers
                 WHERE creator_id = ANY(creator_ids) AND status <> 'CLOSED'
                UNION ALL
                SELECT creator_id, content_type FROM orders
                 WHERE creator_id = ANY(creator_ids) AND status = 'COMPLETED') kinds
         GROUP BY creator_id
      ) ct ON ct.creator_id = h.id
      LEFT JOIN (
        SELECT creator_id, count(*)::int AS n FROM offers
         WHERE creator_id = ANY(creator_ids) AND status = 'ACTIVE' GROUP BY creator_id
      ) ao ON ao.creator_id = h.id
     WHERE p.creator_id = h.id;
  END $$`;

/** The version 1 function, restored by `down`. */
const REFRESH_PROFILES_V1 = REFRESH_PROFILES.replace(
  /\s*content_types = coalesce\(ct\.types, '\{\}'\), active_offers = coalesce\(ao\.n, 0\),/,
  '',
).replace(
  /\s*LEFT JOIN \(\s*SELECT creator_id, array_agg\(DISTINCT[\s\S]*?\) ao ON ao\.creator_id = h\.id/,
  '',
);

/** Orders completed from now on enter their creator's portfolio: marked when they complete. */
const MARK_PORTFOLIO = `
  CREATE FUNCTION orders_mark_portfolio() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW.portfolio_completed_at := now();
    RETURN NEW;
  END $$`;

export class CreatorSquare1796620000000 implements MigrationInterface {
  name = 'CreatorSquare1796620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE creator_match_profiles
        ADD COLUMN content_types content_type[] NOT NULL DEFAULT '{}',
        ADD COLUMN active_offers integer NOT NULL DEFAULT 0,
        ADD COLUMN track_score numeric GENERATED ALWAYS AS (${TRACK_SCORE}) STORED,
        ADD COLUMN rating_average numeric GENERATED ALWAYS AS
          (round(CASE WHEN rating_count > 0 THEN rating_sum::numeric / rating_count ELSE 0 END, 4)) STORED,
        ADD COLUMN typical_cny_minor bigint GENERATED ALWAYS AS
          (price_typical_minor[array_position(price_currencies, 'CNY'::currency_code)]) STORED,
        ADD COLUMN typical_usd_minor bigint GENERATED ALWAYS AS
          (price_typical_minor[array_position(price_currencies, 'USD'::currency_code)]) STORED`);
    await queryRunner.query(REFRESH_PROFILES);
    await queryRunner.query(`
      SELECT matching_refresh_creators(ARRAY(
        SELECT creator_id FROM orders WHERE status = 'COMPLETED' UNION SELECT creator_id FROM offers))`);
    // One index per sort of the square, in its order with the id as the tie-break.
    await queryRunner.query(
      'CREATE INDEX creator_match_profiles_track ON creator_match_profiles (track_score DESC, creator_id DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX creator_match_profiles_followers ON creator_match_profiles (follower_count DESC, creator_id DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX creator_match_profiles_rating ON creator_match_profiles (rating_average DESC, creator_id DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX creator_match_profiles_completed ON creator_match_profiles (completed_orders DESC, creator_id DESC)',
    );
    for (const currency of ['cny', 'usd']) {
      await queryRunner.query(
        `CREATE INDEX creator_match_profiles_price_${currency} ON creator_match_profiles
           ((coalesce(typical_${currency}_minor, 9223372036854775807)), creator_id)`,
      );
    }

    await queryRunner.query(`
      ALTER TABLE orders
        ADD COLUMN portfolio_completed_at timestamptz(3),
        ADD COLUMN portfolio_hidden boolean NOT NULL DEFAULT false`);
    await queryRunner.query(MARK_PORTFOLIO);
    await queryRunner.query(`
      CREATE TRIGGER orders_mark_portfolio BEFORE UPDATE OF status ON orders FOR EACH ROW
        WHEN (NEW.status = 'COMPLETED' AND OLD.status <> 'COMPLETED')
        EXECUTE FUNCTION orders_mark_portfolio()`);
    await queryRunner.query(`
      CREATE INDEX orders_portfolio ON orders (creator_id, portfolio_completed_at DESC, id DESC)
        WHERE portfolio_completed_at IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE shortlists (
        id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
        merchant_id uuid NOT NULL REFERENCES merchants(id) ON DELETE CASCADE,
        name varchar(60) NOT NULL,
        size integer NOT NULL DEFAULT 0 CONSTRAINT shortlists_size_non_negative CHECK (size >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now())`);
    await queryRunner.query('CREATE INDEX shortlists_merchant ON shortlists (merchant_id, created_at, id)');
    await queryRunner.query(`
      CREATE TABLE shortlist_members (
        shortlist_id uuid NOT NULL REFERENCES shortlists(id) ON DELETE CASCADE,
        creator_id uuid NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
        added_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (shortlist_id, creator_id))`);
    await queryRunner.query(
      'CREATE INDEX shortlist_members_list_order ON shortlist_members (shortlist_id, added_at DESC, creator_id DESC)',
    );
    await queryRunner.query('CREATE INDEX shortlist_members_creator ON shortlist_members (creator_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE shortlist_members');
    await queryRunner.query('DROP TABLE shortlists');
    await queryRunner.query('DROP INDEX orders_portfolio');
    await queryRunner.query('DROP TRIGGER orders_mark_portfolio ON orders');
    await queryRunner.query('DROP FUNCTION orders_mark_portfolio()');
    await queryRunner.query(
      'ALTER TABLE orders DROP COLUMN portfolio_hidden, DROP COLUMN portfolio_completed_at',
    );
    await queryRunner.query(REFRESH_PROFILES_V1);
    await queryRunner.query(`
      ALTER TABLE creator_match_profiles
        DROP COLUMN typical_usd_minor, DROP COLUMN typical_cny_minor, DROP COLUMN rating_average,
        DROP COLUMN track_score, DROP COLUMN active_offers, DROP COLUMN content_types`);
  }
}
