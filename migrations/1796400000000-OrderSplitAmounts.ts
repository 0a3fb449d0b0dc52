import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After a dispute split an order shows what actually moved (issue 13, defect 7): its fee, agency share
 * and creator payout become those of the part released, and `refunded_minor` holds the part that went
 * back to the merchant, so the four still add up to the price. Orders already split are corrected from
 * their SPLIT transaction in the ledger.
 */
export class OrderSplitAmounts1796400000000 implements MigrationInterface {
  name = 'OrderSplitAmounts1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orders ADD COLUMN refunded_minor bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE orders DROP CONSTRAINT orders_split_adds_up`);
    await queryRunner.query(`
      UPDATE orders o SET
        platform_fee_minor = moved.fee,
        agency_share_minor = moved.share,
        creator_payout_minor = moved.payout,
        refunded_minor = moved.refunded
      FROM (
        SELECT t.order_id,
               coalesce(sum(e.amount_minor) FILTER (WHERE e.kind = 'FEE'), 0) AS fee,
               coalesce(sum(e.amount_minor) FILTER (WHERE e.kind = 'AGENCY_SHARE'), 0) AS share,
               coalesce(sum(e.amount_minor) FILTER (WHERE e.kind = 'RELEASE'), 0) AS payout,
               coalesce(sum(e.amount_minor) FILTER (WHERE e.kind = 'REFUND'), 0) AS refunded
          FROM ledger_transactions t
          JOIN ledger_entries e ON e.transaction_id = t.id
         WHERE t.kind = 'SPLIT' AND t.order_id IS NOT NULL
         GROUP BY t.order_id
      ) moved
      WHERE o.id = moved.order_id`);
    await queryRunner.query(`
      ALTER TABLE orders ADD CONSTRAINT orders_split_adds_up
        CHECK (platform_fee_minor + agency_share_minor + creator_payout_minor + refunded_minor = price_minor)`);
    await queryRunner.query(
      `ALTER TABLE orders ADD CONSTRAINT orders_refunded_in_range CHECK (refunded_minor BETWEEN 0 AND price_minor)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orders DROP CONSTRAINT orders_refunded_in_range`);
    await queryRunner.query(`ALTER TABLE orders DROP CONSTRAINT orders_split_adds_up`);
    // The full-price split fixed at creation, as before this migration.
    await queryRunner.query(`
      UPDATE orders SET
        platform_fee_minor = price_minor * platform_fee_bps / 10000,
        agency_share_minor = CASE WHEN agency_id IS NULL THEN 0
                                  ELSE (price_minor - price_minor * platform_fee_bps / 10000) * agency_share_bps / 10000 END,
        creator_payout_minor = price_minor - price_minor * platform_fee_bps / 10000
          - CASE WHEN agency_id IS NULL THEN 0
                 ELSE (price_minor - price_minor * platform_fee_bps / 10000) * agency_share_bps / 10000 END
      WHERE refunded_minor > 0`);
    await queryRunner.query(`ALTER TABLE orders DROP COLUMN refunded_minor`);
    await queryRunner.query(`
      ALTER TABLE orders ADD CONSTRAINT orders_split_adds_up
        CHECK (platform_fee_minor + agency_share_minor + creator_payout_minor = price_minor)`);
  }
}
