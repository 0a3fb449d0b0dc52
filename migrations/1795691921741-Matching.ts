import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The triggers that keep creator_track_records and creator_price_ranges current: which creators a
 * statement touched, from its transition tables (only changes that matter: an order entering or
 * leaving COMPLETED, any review of a creator, an offer's price, currency or status).
 */
const REFRESH_TRIGGERS: Record<
  string,
  { table: string; event: string; referencing: string; creators: string }
> = {
  matching_orders_inserted: {
    table: 'orders',
    event: 'INSERT',
    referencing: 'NEW TABLE AS new_rows',
    creators: "SELECT DISTINCT creator_id FROM new_rows WHERE status = 'COMPLETED'",
  },
  matching_orders_updated: {
    table: 'orders',
    event: 'UPDATE',
    referencing: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
    creators: `SELECT DISTINCT n.creator_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (o.status = 'COMPLETED' OR n.status = 'COMPLETED')
                  AND (o.status, o.price_minor, o.deliver_by, o.creator_id) IS DISTINCT FROM
                      (n.status, n.price_minor, n.deliver_by, n.creator_id)`,
  },
  matching_orders_deleted: {
    table: 'orders',
    event: 'DELETE',
    referencing: 'OLD TABLE AS old_rows',
    creators: "SELECT DISTINCT creator_id FROM old_rows WHERE status = 'COMPLETED'",
  },
  matching_reviews_inserted: {
    table: 'reviews',
    event: 'INSERT',
    referencing: 'NEW TABLE AS new_rows',
    creators: "SELECT DISTINCT subject_id FROM new_rows WHERE direction = 'OF_CREATOR'",
  },
  matching_reviews_updated: {
    table: 'reviews',
    event: 'UPDATE',
    referencing: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
    creators: `SELECT subject_id FROM old_rows WHERE direction = 'OF_CREATOR'
               UNION SELECT subject_id FROM new_rows WHERE direction = 'OF_CREATOR'`,
  },
  matching_reviews_deleted: {
    table: 'reviews',
    event: 'DELETE',
    referencing: 'OLD TABLE AS old_rows',
    creators: "SELECT DISTINCT subject_id FROM old_rows WHERE direction = 'OF_CREATOR'",
  },
  matching_offers_inserted: {
    table: 'offers',
    event: 'INSERT',
    referencing: 'NEW TABLE AS new_rows',
    creators: 'SELECT DISTINCT creator_id FROM new_rows',
  },
  matching_offers_updated: {
    table: 'offers',
    event: 'UPDATE',
    referencing: 'OLD TABLE AS old_rows NEW TABLE AS new_rows',
    creators: `SELECT DISTINCT n.creator_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (o.price_minor, o.currency, o.status, o.creator_id)
                      IS DISTINCT FROM (n.price_minor, n.currency, n.status, n.creator_id)`,
  },
};

export class Matching1795691921741 implements MigrationInterface {
  name = 'Matching1795691921741';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "content_metrics" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "deliverable_id" uuid NOT NULL, "order_id" uuid NOT NULL, "day" date NOT NULL, "views" integer NOT NULL, "clicks" integer NOT NULL, "favorites" integer NOT NULL, "add_to_carts" integer NOT NULL, "order_count" integer NOT NULL, "currency" "public"."currency_code" NOT NULL, "gmv_minor" bigint NOT NULL, "recorded_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "content_metrics_gmv_non_negative" CHECK (gmv_minor >= 0), CONSTRAINT "content_metrics_counts_non_negative" CHECK (views >= 0 AND clicks >= 0 AND favorites >= 0 AND add_to_carts >= 0 AND order_count >= 0), CONSTRAINT "PK_ae4a61c74a5142e2ec754147141" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_9a6a17f8166b1a40a472dee325" ON "content_metrics"  ("order_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_dc5d9fa5b55db8be6e58b7cca3" ON "content_metrics"  ("deliverable_id", "day") ',
    );
    await queryRunner.query(
      'CREATE TABLE "creator_price_ranges" ("creator_id" uuid NOT NULL, "currency" "public"."currency_code" NOT NULL, "low_minor" bigint NOT NULL, "typical_minor" bigint NOT NULL, "high_minor" bigint NOT NULL, "samples" integer NOT NULL, CONSTRAINT "PK_3668baa6e569ad0aad0467c8c86" PRIMARY KEY ("creator_id", "currency"))',
    );
    await queryRunner.query(
      'CREATE TABLE "creator_track_records" ("creator_id" uuid NOT NULL, "completed_orders" integer NOT NULL DEFAULT \'0\', "on_time_orders" integer NOT NULL DEFAULT \'0\', "rating_count" integer NOT NULL DEFAULT \'0\', "rating_sum" integer NOT NULL DEFAULT \'0\', "refreshed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_99d4836e08e01324d8cd550c32a" PRIMARY KEY ("creator_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "content_metrics" ADD CONSTRAINT "FK_407fddbbf7fce48845a63740f81" FOREIGN KEY ("deliverable_id") REFERENCES "deliverables"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "content_metrics" ADD CONSTRAINT "FK_9a6a17f8166b1a40a472dee3250" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "creator_price_ranges" ADD CONSTRAINT "FK_e02a709bfac3a46f46d065dca5b" FOREIGN KEY ("creator_id") REFERENCES "creators"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "creator_track_records" ADD CONSTRAINT "FK_99d4836e08e01324d8cd550c32a" FOREIGN KEY ("creator_id") REFERENCES "creators"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );

    // ---- Written by hand: what entity metadata cannot express.
    // Text search ranks by trigram similarity; the GIN trigram indexes also serve ILIKE '%...%'.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(
      'CREATE INDEX "creators_handle_trgm" ON "creators" USING gin ("handle" gin_trgm_ops)',
    );
    await queryRunner.query('CREATE INDEX "creators_bio_trgm" ON "creators" USING gin ("bio" gin_trgm_ops)');
    await queryRunner.query(
      'CREATE INDEX "users_display_name_trgm" ON "users" USING gin ("display_name" gin_trgm_ops)',
    );
    // Track records and price ranges (read models of matching) are refreshed by PostgreSQL itself, so
    // every path that completes an order, writes a review or prices an offer keeps them right.
    // Concurrent refreshes of one creator queue on its track-record row; each then recomputes from a
    // fresh snapshot (PL/pgSQL statements in READ COMMITTED), so none overwrites another's result.
    await queryRunner.query(`
      CREATE FUNCTION matching_refresh_creators(creator_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
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
    // Statement-level triggers with transition tables: a bulk change refreshes each creator once.
    for (const [name, body] of Object.entries(REFRESH_TRIGGERS)) {
      await queryRunner.query(
        `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           PERFORM matching_refresh_creators(ARRAY(${body.creators}));
           RETURN NULL;
         END $$`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${name} AFTER ${body.event} ON ${body.table} REFERENCING ${body.referencing}
         FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`,
      );
    }
    // Creators with history before this migration.
    await queryRunner.query(`
      SELECT matching_refresh_creators(ARRAY(
        SELECT creator_id FROM orders WHERE status = 'COMPLETED'
        UNION SELECT creator_id FROM offers
        UNION SELECT subject_id FROM reviews WHERE direction = 'OF_CREATOR'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name, body] of Object.entries(REFRESH_TRIGGERS).reverse()) {
      await queryRunner.query(`DROP TRIGGER ${name} ON ${body.table}`);
      await queryRunner.query(`DROP FUNCTION ${name}()`);
    }
    await queryRunner.query('DROP FUNCTION matching_refresh_creators(uuid[])');
    await queryRunner.query('DROP INDEX "users_display_name_trgm"');
    await queryRunner.query('DROP INDEX "creators_bio_trgm"');
    await queryRunner.query('DROP INDEX "creators_handle_trgm"');
    await queryRunner.query(
      'ALTER TABLE "creator_track_records" DROP CONSTRAINT "FK_99d4836e08e01324d8cd550c32a"',
    );
    await queryRunner.query(
      'ALTER TABLE "creator_price_ranges" DROP CONSTRAINT "FK_e02a709bfac3a46f46d065dca5b"',
    );
    await queryRunner.query('ALTER TABLE "content_metrics" DROP CONSTRAINT "FK_9a6a17f8166b1a40a472dee3250"');
    await queryRunner.query('ALTER TABLE "content_metrics" DROP CONSTRAINT "FK_407fddbbf7fce48845a63740f81"');
    await queryRunner.query('DROP TABLE "creator_track_records"');
    await queryRunner.query('DROP TABLE "creator_price_ranges"');
    await queryRunner.query('DROP INDEX "public"."IDX_dc5d9fa5b55db8be6e58b7cca3"');
    await queryRunner.query('DROP INDEX "public"."IDX_9a6a17f8166b1a40a472dee325"');
    await queryRunner.query('DROP TABLE "content_metrics"');
  }
}
