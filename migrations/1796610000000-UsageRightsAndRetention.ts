import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a task, offer or order says when nothing was chosen: no reuse, no paid ads, no exclusivity. */
const NO_RIGHTS = `'{"reuseDays":0,"channels":[],"paidAds":false,"exclusivityDays":0}'::jsonb`;

/**
 * Deal terms, part 2 (issue 15): usage rights and retention on tasks, offers and orders; each order's
 * publication (its retention window, takedown and restore deadlines, and the exclusivity it imposes);
 * and escrow in parts: an order's escrow leaves at most once per part (MAIN, HOLDBACK), not once per order.
 * Orders made before keep no retention (0 days, no holdback); tasks and offers default to 30 days.
 */
export class UsageRightsAndRetention1796610000000 implements MigrationInterface {
  name = 'UsageRightsAndRetention1796610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['tasks', 'offers']) {
      await queryRunner.query(
        `ALTER TABLE ${table} ADD COLUMN usage_rights jsonb NOT NULL DEFAULT ${NO_RIGHTS},
           ADD COLUMN retention_days int NOT NULL DEFAULT 30,
           ADD CONSTRAINT ${table}_retention_days_range CHECK (retention_days BETWEEN 0 AND 365)`,
      );
    }
    await queryRunner.query(
      `ALTER TABLE orders ADD COLUMN usage_rights jsonb NOT NULL DEFAULT ${NO_RIGHTS},
         ADD COLUMN retention_days int NOT NULL DEFAULT 0,
         ADD COLUMN holdback_minor bigint NOT NULL DEFAULT 0,
         ADD CONSTRAINT orders_retention_days_range CHECK (retention_days BETWEEN 0 AND 365),
         ADD CONSTRAINT orders_holdback_in_range CHECK (holdback_minor >= 0 AND holdback_minor < price_minor)`,
    );
    await queryRunner.query(
      `CREATE TYPE publication_status AS ENUM ('UNPUBLISHED', 'LIVE', 'REPORTED_DOWN', 'RETAINED', 'BREACHED')`,
    );
    await queryRunner.query(`
      CREATE TABLE order_publications (
        order_id uuid PRIMARY KEY REFERENCES orders (id),
        creator_id uuid NOT NULL REFERENCES creators (id),
        status publication_status NOT NULL DEFAULT 'UNPUBLISHED',
        url varchar(2000),
        accepted_at timestamptz NOT NULL,
        publish_by timestamptz,
        published_at timestamptz,
        retain_until timestamptz,
        restore_by timestamptz,
        exclusive_until timestamptz,
        ended_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX order_publications_exclusivity ON order_publications (creator_id, exclusive_until)
         WHERE exclusive_until IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX order_publications_ended ON order_publications (creator_id) WHERE status IN ('RETAINED', 'BREACHED')`,
    );
    // Escrow parts. ADD COLUMN with a default writes no row, so the immutable journal keeps its trigger.
    await queryRunner.query(
      `ALTER TABLE ledger_transactions ADD COLUMN escrow_part varchar(10) NOT NULL DEFAULT 'MAIN',
         ADD CONSTRAINT ledger_transactions_escrow_part_known CHECK (escrow_part IN ('MAIN', 'HOLDBACK'))`,
    );
    await queryRunner.query('DROP INDEX ledger_transactions_one_settlement_per_order');
    await queryRunner.query(`
      CREATE UNIQUE INDEX ledger_transactions_one_settlement_per_order_part ON ledger_transactions (order_id, escrow_part)
        WHERE kind IN ('RELEASE', 'REFUND', 'SPLIT')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ledger_transactions_one_settlement_per_order_part');
    await queryRunner.query(`
      CREATE UNIQUE INDEX ledger_transactions_one_settlement_per_order ON ledger_transactions (order_id)
        WHERE kind IN ('RELEASE', 'REFUND', 'SPLIT')`);
    await queryRunner.query(
      'ALTER TABLE ledger_transactions DROP CONSTRAINT ledger_transactions_escrow_part_known, DROP COLUMN escrow_part',
    );
    await queryRunner.query('DROP TABLE order_publications');
    await queryRunner.query('DROP TYPE publication_status');
    await queryRunner.query(
      `ALTER TABLE orders DROP CONSTRAINT orders_holdback_in_range, DROP CONSTRAINT orders_retention_days_range,
         DROP COLUMN holdback_minor, DROP COLUMN retention_days, DROP COLUMN usage_rights`,
    );
    for (const table of ['tasks', 'offers']) {
      await queryRunner.query(
        `ALTER TABLE ${table} DROP CONSTRAINT ${table}_retention_days_range, DROP COLUMN retention_days, DROP COLUMN usage_rights`,
      );
    }
  }
}
