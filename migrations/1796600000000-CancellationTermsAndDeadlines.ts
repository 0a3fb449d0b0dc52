import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deal terms, part 1 (issue 15): each order keeps the kill-fee table it was made with
 * (`cancellation_terms`) and when it was funded (the fee's stage is measured from there); who a
 * cancellation counts against; the revision and dispute deadlines; and mutual cancellation proposals,
 * at most one PENDING per order (a unique partial index, so two racing proposals cannot both stand).
 * Orders made before keep the default table; funded ones take their funding time from the timeline.
 */
export class CancellationTermsAndDeadlines1796600000000 implements MigrationInterface {
  name = 'CancellationTermsAndDeadlines1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The SPEC default stays as the column's default: the service writes the terms of the moment on
    // every order it makes, and rows loaded in bulk (the bench seeder) carry the standard terms.
    await queryRunner.query(
      `ALTER TABLE orders
         ADD COLUMN cancellation_terms jsonb NOT NULL
           DEFAULT '[{"untilElapsedBps":5000,"creatorShareBps":1000},{"untilElapsedBps":10000,"creatorShareBps":3000}]',
         ADD COLUMN funded_at timestamptz,
         ADD COLUMN cancelled_by_creator boolean NOT NULL DEFAULT false,
         ADD COLUMN revision_due_by timestamptz,
         ADD COLUMN dispute_decide_by timestamptz`,
    );
    await queryRunner.query(
      `UPDATE orders o SET funded_at = e.at
         FROM (SELECT order_id, min(at) AS at FROM order_events WHERE type = 'FUNDED' GROUP BY order_id) e
        WHERE e.order_id = o.id`,
    );
    await queryRunner.query(
      `UPDATE orders SET dispute_decide_by = updated_at + interval '5 days' WHERE status = 'DISPUTED'`,
    );
    await queryRunner.query(
      `CREATE INDEX orders_disputes_by_deadline ON orders (dispute_decide_by, id) WHERE status = 'DISPUTED'`,
    );
    await queryRunner.query(
      `CREATE TYPE cancellation_proposal_status AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')`,
    );
    await queryRunner.query(
      `CREATE TABLE cancellation_proposals (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         order_id uuid NOT NULL REFERENCES orders(id),
         proposed_by_user_id uuid NOT NULL,
         creator_amount_minor bigint NOT NULL CHECK (creator_amount_minor >= 0),
         currency currency_code NOT NULL,
         reason varchar(2000) NOT NULL,
         status cancellation_proposal_status NOT NULL DEFAULT 'PENDING',
         created_at timestamptz(3) NOT NULL DEFAULT now(),
         responded_at timestamptz
       )`,
    );
    await queryRunner.query(
      'CREATE INDEX cancellation_proposals_order ON cancellation_proposals (order_id, created_at)',
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX cancellation_proposals_one_pending ON cancellation_proposals (order_id) WHERE status = 'PENDING'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE cancellation_proposals');
    await queryRunner.query('DROP TYPE cancellation_proposal_status');
    await queryRunner.query('DROP INDEX orders_disputes_by_deadline');
    await queryRunner.query(
      `ALTER TABLE orders DROP COLUMN cancellation_terms, DROP COLUMN funded_at, DROP COLUMN cancelled_by_creator,
         DROP COLUMN revision_due_by, DROP COLUMN dispute_decide_by`,
    );
  }
}
