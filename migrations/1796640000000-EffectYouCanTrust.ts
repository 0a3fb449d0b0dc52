import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Effect you can trust (SPEC "Effect you can trust"): the hosts a merchant's links may point to, tracking
 * links per deliverable, their clicks (no personal data: a keyed, day-scoped visitor hash), the sales
 * shops report with a signed request, and the merchants' conversion keys (encrypted at rest).
 */
export class EffectYouCanTrust1796640000000 implements MigrationInterface {
  name = 'EffectYouCanTrust1796640000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE merchants ADD COLUMN link_domains varchar(253)[] NOT NULL DEFAULT '{}',
        ADD CONSTRAINT merchants_at_most_ten_link_domains CHECK (cardinality(link_domains) <= 10)`);
    await queryRunner.query(`
      CREATE TABLE tracking_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(16) NOT NULL UNIQUE,
        deliverable_id uuid NOT NULL REFERENCES deliverables (id) ON DELETE CASCADE,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        merchant_id uuid NOT NULL REFERENCES merchants (id),
        target_url varchar(2000) NOT NULL,
        currency currency_code NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX tracking_links_deliverable ON tracking_links (deliverable_id, created_at)`,
    );
    await queryRunner.query(`CREATE INDEX tracking_links_order ON tracking_links (order_id)`);
    await queryRunner.query(`
      CREATE TABLE link_clicks (
        id uuid PRIMARY KEY,
        link_id uuid NOT NULL REFERENCES tracking_links (id) ON DELETE CASCADE,
        day date NOT NULL,
        visitor_key varchar(32) NOT NULL,
        clicked_at timestamptz(3) NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX link_clicks_link_day ON link_clicks (link_id, day)`);
    await queryRunner.query(`
      CREATE TABLE link_conversions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        link_id uuid NOT NULL REFERENCES tracking_links (id) ON DELETE CASCADE,
        click_id uuid NULL REFERENCES link_clicks (id) ON DELETE SET NULL,
        merchant_id uuid NOT NULL REFERENCES merchants (id),
        shop_order_id varchar(200) NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency currency_code NOT NULL,
        occurred_at timestamptz(3) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT link_conversions_once_per_shop_order UNIQUE (merchant_id, shop_order_id)
      )`);
    await queryRunner.query(`CREATE INDEX link_conversions_link ON link_conversions (link_id, occurred_at)`);
    await queryRunner.query(`
      CREATE TABLE conversion_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        merchant_id uuid NOT NULL REFERENCES merchants (id),
        prefix varchar(8) NOT NULL,
        secret_encrypted varchar(200) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        superseded_at timestamptz(3) NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX conversion_keys_merchant ON conversion_keys (merchant_id, created_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE conversion_keys`);
    await queryRunner.query(`DROP TABLE link_conversions`);
    await queryRunner.query(`DROP TABLE link_clicks`);
    await queryRunner.query(`DROP TABLE tracking_links`);
    await queryRunner.query(
      `ALTER TABLE merchants DROP CONSTRAINT merchants_at_most_ten_link_domains, DROP COLUMN link_domains`,
    );
  }
}
