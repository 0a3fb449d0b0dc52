import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ranking weighs reliability and prefers verified results (SPEC "Matching", "Effect you can trust"):
 * the match profiles gain the creator's broken commitments (orders they cancelled or dropped, late
 * first deliveries, content taken down before its retention window ended) and their completed orders
 * whose figures the platform counted (a tracking-link click or a signed sale). The refresh function
 * writes them with the rest of the row; new triggers call it when one of them can change. Matching
 * reads, besides its own table: orders, deliverables, order_publications, tracking_links, link_clicks
 * and link_conversions.
 *
 * track_score (the square's RELEVANCE key) follows the new track record formula of match-score.sql.ts's
 * trackPartSql, with today's weights written out (a later change of weights needs a migration again).
 */
const TRACK_SCORE = `round((
    0.3::float8 * ((coalesce(on_time_orders, 0) + 1::float8) / (coalesce(completed_orders, 0) + 2::float8))
  + 0.3::float8 * (((coalesce(rating_sum, 0) + 6::float8) / (coalesce(rating_count, 0) + 2::float8)) - 1) / 4
  + 0.15::float8 * LEAST(1, ln(1 + coalesce(completed_orders, 0)) / ln(51::float8))
  + 0.15::float8 * GREATEST(0, 1 - (coalesce(cancelled_orders, 0) + coalesce(late_deliveries, 0) + coalesce(breached_retentions, 0))::float8
                                   / (coalesce(completed_orders, 0) + coalesce(cancelled_orders, 0) + 2::float8))
  + 0.1::float8 * (coalesce(verified_orders, 0)::float8 / (coalesce(completed_orders, 0) + 2::float8)))::numeric, 6)`;

/** The track_score of migration CreatorSquare, restored by `down`. */
const TRACK_SCORE_V2 = `round((0.4::float8 * ((coalesce(on_time_orders, 0) + 1::float8) / (coalesce(completed_orders, 0) + 2::float8))
  + 0.4::float8 * (((coalesce(rating_sum, 0) + 6::float8) / (coalesce(rating_count, 0) + 2::float8)) - 1) / 4
  + 0.2::float8 * LEAST(1, ln(1 + coalesce(completed_orders, 0)) / ln(51::float8)))::numeric, 6)`;

/** The columns this migration adds, as the refresh function sets them. */
const NEW_SETS = `
           cancelled_orders = coalesce(rel.cancelled, 0), late_deliveries = coalesce(rel.late, 0),
           ended_retentions = coalesce(ret.ended, 0), breached_retentions = coalesce(ret.breached, 0),
           verified_orders = coalesce(ver.n, 0),`;

/** Where they come from: one grouped query each over the refreshed creators' rows, no query per order. */
const NEW_JOINS = `
      LEFT JOIN (
        SELECT o.creator_id, count(*) FILTER (WHERE o.cancelled_by_creator)::int AS cancelled,
               count(*) FILTER (WHERE first_delivery.at > o.deliver_by)::int AS late
          FROM orders o
          LEFT JOIN LATERAL (SELECT min(d.submitted_at) AS at FROM deliverables d WHERE d.order_id = o.id)
                 first_delivery ON true
         WHERE o.creator_id = ANY(creator_ids)
         GROUP BY o.creator_id
      ) rel ON rel.creator_id = h.id
      LEFT JOIN (
        SELECT pb.creator_id, count(*)::int AS ended, count(*) FILTER (WHERE pb.status = 'BREACHED')::int AS breached
          FROM order_publications pb JOIN orders o ON o.id = pb.order_id
         WHERE pb.creator_id = ANY(creator_ids) AND pb.status IN ('RETAINED', 'BREACHED') AND o.retention_days > 0
         GROUP BY pb.creator_id
      ) ret ON ret.creator_id = h.id
      LEFT JOIN (
        SELECT o.creator_id, count(*)::int AS n
          FROM orders o
         WHERE o.creator_id = ANY(creator_ids) AND o.status = 'COMPLETED'
           AND EXISTS (SELECT 1 FROM tracking_links l
                        WHERE l.order_id = o.id
                          AND (EXISTS (SELECT 1 FROM link_clicks c WHERE c.link_id = l.id)
                               OR EXISTS (SELECT 1 FROM link_conversions v WHERE v.link_id = l.id)))
         GROUP BY o.creator_id
      ) ver ON ver.creator_id = h.id`;

/** The function of migration CreatorSquare, as it was; `up` extends it, `down` restores it. */
const REFRESH_PROFILES_V2 = `
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
           content_types = coalesce(ct.types, '{}'), active_offers = coalesce(ao.n, 0),/*NEW_SETS*/
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
      ) ao ON ao.creator_id = h.id/*NEW_JOINS*/
     WHERE p.creator_id = h.id;
  END $$`;

const REFRESH_PROFILES = REFRESH_PROFILES_V2.replace('/*NEW_SETS*/', NEW_SETS).replace(
  '/*NEW_JOINS*/',
  NEW_JOINS,
);

/** The condition of migration Matching's orders trigger: an order entering, leaving or changing as COMPLETED. */
const ORDERS_UPDATED_V1 = `SELECT DISTINCT n.creator_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (o.status = 'COMPLETED' OR n.status = 'COMPLETED')
                  AND (o.status, o.price_minor, o.deliver_by, o.creator_id) IS DISTINCT FROM
                      (n.status, n.price_minor, n.deliver_by, n.creator_id)`;

/** ... and now also an order the creator cancelled or dropped, or whose deadline moved, in any status. */
const ORDERS_UPDATED = `${ORDERS_UPDATED_V1}
               UNION SELECT n.creator_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (o.cancelled_by_creator, o.deliver_by, o.creator_id)
                      IS DISTINCT FROM (n.cancelled_by_creator, n.deliver_by, n.creator_id)`;

/** Creators whose first verified figure on a completed order is among new_rows (clicks or sales). */
const firstEvidence = (table: 'link_clicks' | 'link_conversions') => `
  SELECT DISTINCT o.creator_id
    FROM (SELECT DISTINCT link_id FROM new_rows) n
    JOIN tracking_links l ON l.id = n.link_id JOIN orders o ON o.id = l.order_id
   WHERE o.status = 'COMPLETED'
     AND NOT EXISTS (SELECT 1 FROM tracking_links l2 JOIN link_clicks c ON c.link_id = l2.id
                      WHERE l2.order_id = o.id${table === 'link_clicks' ? ' AND c.id NOT IN (SELECT id FROM new_rows)' : ''})
     AND NOT EXISTS (SELECT 1 FROM tracking_links l2 JOIN link_conversions v ON v.link_id = l2.id
                      WHERE l2.order_id = o.id${table === 'link_conversions' ? ' AND v.id NOT IN (SELECT id FROM new_rows)' : ''})`;

/**
 * Statement-level, with transition tables as in migration Matching: a batch of clicks refreshes each
 * creator once, and only when it brings an order's first verified figure (later clicks change nothing
 * the profile holds), so the click path's flushes rarely pay for a refresh.
 */
const NEW_TRIGGERS: Record<string, { table: string; event: string; referencing: string; creators: string }> =
  {
    matching_deliverables_inserted: {
      table: 'deliverables',
      event: 'INSERT',
      referencing: 'NEW TABLE AS new_rows',
      creators: `SELECT DISTINCT o.creator_id FROM new_rows d JOIN orders o ON o.id = d.order_id
                  WHERE d.submitted_at > o.deliver_by`,
    },
    matching_publications_inserted: {
      table: 'order_publications',
      event: 'INSERT',
      referencing: 'NEW TABLE AS new_rows',
      creators: `SELECT DISTINCT creator_id FROM new_rows WHERE status IN ('RETAINED', 'BREACHED')`,
    },
    matching_publications_updated: {
      table: 'order_publications',
      event: 'UPDATE',
      referencing: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
      creators: `SELECT DISTINCT n.creator_id FROM new_rows n JOIN old_rows o ON o.order_id = n.order_id
                  WHERE o.status IS DISTINCT FROM n.status
                    AND (o.status IN ('RETAINED', 'BREACHED') OR n.status IN ('RETAINED', 'BREACHED'))`,
    },
    matching_link_clicks_inserted: {
      table: 'link_clicks',
      event: 'INSERT',
      referencing: 'NEW TABLE AS new_rows',
      creators: firstEvidence('link_clicks'),
    },
    matching_link_conversions_inserted: {
      table: 'link_conversions',
      event: 'INSERT',
      referencing: 'NEW TABLE AS new_rows',
      creators: firstEvidence('link_conversions'),
    },
  };

const refreshFunction = (name: string, creators: string) => `
  CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM matching_refresh_creators(ARRAY(${creators}));
    RETURN NULL;
  END $$`;

export class ReliableRanking1796730000000 implements MigrationInterface {
  name = 'ReliableRanking1796730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX creator_match_profiles_track');
    await queryRunner.query(`
      ALTER TABLE creator_match_profiles
        DROP COLUMN track_score,
        ADD COLUMN cancelled_orders integer NOT NULL DEFAULT 0,
        ADD COLUMN late_deliveries integer NOT NULL DEFAULT 0,
        ADD COLUMN ended_retentions integer NOT NULL DEFAULT 0,
        ADD COLUMN breached_retentions integer NOT NULL DEFAULT 0,
        ADD COLUMN verified_orders integer NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `ALTER TABLE creator_match_profiles ADD COLUMN track_score numeric GENERATED ALWAYS AS (${TRACK_SCORE}) STORED`,
    );
    await queryRunner.query(
      'CREATE INDEX creator_match_profiles_track ON creator_match_profiles (track_score DESC, creator_id DESC)',
    );
    await queryRunner.query(REFRESH_PROFILES);
    await queryRunner.query(refreshFunction('matching_orders_updated', ORDERS_UPDATED));
    for (const [name, body] of Object.entries(NEW_TRIGGERS)) {
      await queryRunner.query(refreshFunction(name, body.creators));
      await queryRunner.query(
        `CREATE TRIGGER ${name} AFTER ${body.event} ON ${body.table} REFERENCING ${body.referencing}
         FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`,
      );
    }
    // Creators with any history the new columns count.
    await queryRunner.query(`
      SELECT matching_refresh_creators(ARRAY(
        SELECT creator_id FROM orders WHERE status = 'COMPLETED' OR cancelled_by_creator
        UNION SELECT o.creator_id FROM orders o JOIN deliverables d ON d.order_id = o.id WHERE d.submitted_at > o.deliver_by
        UNION SELECT creator_id FROM order_publications WHERE status IN ('RETAINED', 'BREACHED')))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name, body] of Object.entries(NEW_TRIGGERS).reverse()) {
      await queryRunner.query(`DROP TRIGGER ${name} ON ${body.table}`);
      await queryRunner.query(`DROP FUNCTION ${name}()`);
    }
    await queryRunner.query(refreshFunction('matching_orders_updated', ORDERS_UPDATED_V1));
    await queryRunner.query(REFRESH_PROFILES_V2.replace('/*NEW_SETS*/', '').replace('/*NEW_JOINS*/', ''));
    await queryRunner.query('DROP INDEX creator_match_profiles_track');
    await queryRunner.query(`
      ALTER TABLE creator_match_profiles
        DROP COLUMN track_score, DROP COLUMN verified_orders, DROP COLUMN breached_retentions,
        DROP COLUMN ended_retentions, DROP COLUMN late_deliveries, DROP COLUMN cancelled_orders`);
    await queryRunner.query(
      `ALTER TABLE creator_match_profiles ADD COLUMN track_score numeric GENERATED ALWAYS AS (${TRACK_SCORE_V2}) STORED`,
    );
    await queryRunner.query(
      'CREATE INDEX creator_match_profiles_track ON creator_match_profiles (track_score DESC, creator_id DESC)',
    );
  }
}
