import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersAndLedger1795690146721 implements MigrationInterface {
  name = 'OrdersAndLedger1795690146721';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "operation" character varying(40) NOT NULL, "request_hash" character varying(64) NOT NULL, "response" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "ledger_balances" ("account" character varying(100) NOT NULL, "currency" "public"."currency_code" NOT NULL, "balance_minor" bigint NOT NULL DEFAULT \'0\', CONSTRAINT "PK_11b1e8b9264c5a736bd59a991f7" PRIMARY KEY ("account", "currency"))',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"posting_kind\" AS ENUM('FUND', 'RELEASE', 'FEE', 'AGENCY_SHARE', 'REFUND', 'SPLIT', 'PAYOUT', 'PAYOUT_REVERSAL')",
    );
    await queryRunner.query(
      'CREATE TABLE "ledger_transactions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."posting_kind" NOT NULL, "order_id" uuid, "payout_id" uuid, "currency" "public"."currency_code" NOT NULL, "memo" character varying(500), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_633d103c9e415d615aacf9b1929" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_33d758ca1167671998e5b86f16" ON "ledger_transactions"  ("order_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2b5476301f7fb7478cc0828923" ON "ledger_transactions"  ("payout_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "ledger_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "transaction_id" uuid NOT NULL, "account" character varying(100) NOT NULL, "kind" "public"."posting_kind" NOT NULL, "currency" "public"."currency_code" NOT NULL, "amount_minor" bigint NOT NULL, "order_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6efcb84411d3f08b08450ae75d5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_b26c5ef5853fd6e0a8680427f6" ON "ledger_entries"  ("transaction_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d929e48320de9fe7f6ed47478f" ON "ledger_entries"  ("order_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_96a3d0a015832a4eee03a440de" ON "ledger_entries"  ("account", "created_at") ',
    );
    await queryRunner.query("CREATE TYPE \"public\".\"payout_status\" AS ENUM('PENDING', 'PAID', 'FAILED')");
    await queryRunner.query(
      'CREATE TABLE "payouts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account" character varying(100) NOT NULL, "requested_by_user_id" uuid NOT NULL, "currency" "public"."currency_code" NOT NULL, "amount_minor" bigint NOT NULL, "status" "public"."payout_status" NOT NULL DEFAULT \'PENDING\', "provider_reference" character varying(200), "failure_reason" character varying(500), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_76855dc4f0a6c18c72eea302e87" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_cf6e834eedefdd24ba06e01d21" ON "payouts"  ("account", "created_at") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"provider_operation_kind\" AS ENUM('CHARGE', 'REFUND', 'TRANSFER', 'PAYOUT')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"provider_operation_status\" AS ENUM('PENDING', 'SUCCEEDED', 'REQUIRES_ACTION', 'FAILED')",
    );
    await queryRunner.query(
      'CREATE TABLE "provider_operations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "provider" character varying(20) NOT NULL, "kind" "public"."provider_operation_kind" NOT NULL, "idempotency_key" character varying(200) NOT NULL, "order_id" uuid, "payout_id" uuid, "currency" "public"."currency_code" NOT NULL, "amount_minor" bigint NOT NULL, "status" "public"."provider_operation_status" NOT NULL DEFAULT \'PENDING\', "provider_reference" character varying(200), "client_secret" character varying(300), "failure_reason" character varying(500), "attempts" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_873fbe97f247543ce1122289d63" UNIQUE ("idempotency_key"), CONSTRAINT "PK_8634d6a28b908031edd86026efc" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a3c564dc5eaa9dbcc73946dd16" ON "provider_operations"  ("order_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5cc0b36f34a9a15f1686f1b337" ON "provider_operations"  ("payout_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"deliverable_status\" AS ENUM('SUBMITTED', 'APPROVED', 'CHANGES_REQUESTED')",
    );
    await queryRunner.query(
      'CREATE TABLE "deliverables" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "version" integer NOT NULL, "title" character varying(120) NOT NULL, "body" character varying(20000) NOT NULL, "media_urls" character varying array NOT NULL DEFAULT \'{}\', "published_url" character varying(2000), "status" "public"."deliverable_status" NOT NULL DEFAULT \'SUBMITTED\', "feedback" character varying(5000), "submitted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_13367f7b271fb2b95ccb18d78a3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_d5bf27e8f6aa346fd34fa701bc" ON "deliverables"  ("order_id", "version") ',
    );
    await queryRunner.query(
      'CREATE TYPE "public"."review_direction" AS ENUM(\'OF_CREATOR\', \'OF_MERCHANT\')',
    );
    await queryRunner.query(
      'CREATE TABLE "reviews" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "direction" "public"."review_direction" NOT NULL, "subject_id" uuid NOT NULL, "rating" integer NOT NULL, "comment" character varying(2000), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reviews_rating_range" CHECK (rating BETWEEN 1 AND 5), CONSTRAINT "PK_231ae565c273ee700b283f15c1d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6d54170ea0125078bf922e8964" ON "reviews"  ("subject_id", "direction") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_053e05aaa67f41986ef13e7b9a" ON "reviews"  ("order_id", "direction") ',
    );
    await queryRunner.query(
      'ALTER TABLE "ledger_entries" ADD CONSTRAINT "FK_b26c5ef5853fd6e0a8680427f60" FOREIGN KEY ("transaction_id") REFERENCES "ledger_transactions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "deliverables" ADD CONSTRAINT "FK_938511a362f2a6b1df4e8813b56" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "reviews" ADD CONSTRAINT "FK_e4b0ed40bdd0f318108612c2851" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    // ---- Written by hand: the ledger's invariants, enforced by the database itself (SPEC "Ledger").
    // 1. Entries are never updated or deleted.
    await queryRunner.query(`
      CREATE FUNCTION ledger_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger entries are immutable: post a correcting transaction instead'
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON ledger_entries
        FOR EACH ROW EXECUTE FUNCTION ledger_entries_immutable()`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_transactions_immutable BEFORE UPDATE OR DELETE ON ledger_transactions
        FOR EACH ROW EXECUTE FUNCTION ledger_entries_immutable()`);
    // 2. Every transaction sums to zero, in one currency: checked at commit, after all its entries are in.
    await queryRunner.query(`
      CREATE FUNCTION ledger_transaction_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE total numeric; currencies int;
      BEGIN
        SELECT coalesce(sum(amount_minor), 0), count(DISTINCT currency) INTO total, currencies
          FROM ledger_entries WHERE transaction_id = NEW.transaction_id;
        IF total <> 0 OR currencies > 1 THEN
          RAISE EXCEPTION 'ledger transaction % is unbalanced (sum %, % currencies)', NEW.transaction_id, total, currencies
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER ledger_transaction_balanced AFTER INSERT ON ledger_entries
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balanced()`);
    // 3. Running balances; only external: accounts (money outside the platform) may go below zero.
    await queryRunner.query(`
      ALTER TABLE ledger_balances ADD CONSTRAINT ledger_balances_non_negative
        CHECK (account LIKE 'external:%' OR balance_minor >= 0)`);
    await queryRunner.query(`
      CREATE FUNCTION ledger_apply_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Update first: INSERT ... ON CONFLICT checks the CHECK constraint on the proposed row (a debit)
        -- before it finds the conflict, so it cannot be the path for an existing balance.
        UPDATE ledger_balances SET balance_minor = balance_minor + NEW.amount_minor
          WHERE account = NEW.account AND currency = NEW.currency;
        IF NOT FOUND THEN
          INSERT INTO ledger_balances (account, currency, balance_minor)
            VALUES (NEW.account, NEW.currency, NEW.amount_minor)
            ON CONFLICT (account, currency) DO UPDATE SET balance_minor = ledger_balances.balance_minor + EXCLUDED.balance_minor;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_apply_entry AFTER INSERT ON ledger_entries
        FOR EACH ROW EXECUTE FUNCTION ledger_apply_entry()`);
    // 4. Escrow leaves an order at most once: one release, one refund or one split.
    await queryRunner.query(`
      CREATE UNIQUE INDEX ledger_transactions_one_settlement_per_order ON ledger_transactions (order_id)
        WHERE kind IN ('RELEASE', 'REFUND', 'SPLIT')`);
    // One charge in flight or done per order: concurrent fundOrder calls cannot both charge.
    await queryRunner.query(`
      CREATE UNIQUE INDEX provider_operations_one_live_charge_per_order ON provider_operations (order_id)
        WHERE kind = 'CHARGE' AND status IN ('PENDING', 'REQUIRES_ACTION', 'SUCCEEDED')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX provider_operations_one_live_charge_per_order');
    await queryRunner.query('DROP INDEX ledger_transactions_one_settlement_per_order');
    await queryRunner.query('DROP TRIGGER ledger_apply_entry ON ledger_entries');
    await queryRunner.query('DROP FUNCTION ledger_apply_entry()');
    await queryRunner.query('ALTER TABLE ledger_balances DROP CONSTRAINT ledger_balances_non_negative');
    await queryRunner.query('DROP TRIGGER ledger_transaction_balanced ON ledger_entries');
    await queryRunner.query('DROP FUNCTION ledger_transaction_balanced()');
    await queryRunner.query('DROP TRIGGER ledger_transactions_immutable ON ledger_transactions');
    await queryRunner.query('DROP TRIGGER ledger_entries_immutable ON ledger_entries');
    await queryRunner.query('DROP FUNCTION ledger_entries_immutable()');
    await queryRunner.query('ALTER TABLE "reviews" DROP CONSTRAINT "FK_e4b0ed40bdd0f318108612c2851"');
    await queryRunner.query('ALTER TABLE "deliverables" DROP CONSTRAINT "FK_938511a362f2a6b1df4e8813b56"');
    await queryRunner.query('ALTER TABLE "ledger_entries" DROP CONSTRAINT "FK_b26c5ef5853fd6e0a8680427f60"');
    await queryRunner.query('DROP INDEX "public"."IDX_053e05aaa67f41986ef13e7b9a"');
    await queryRunner.query('DROP INDEX "public"."IDX_6d54170ea0125078bf922e8964"');
    await queryRunner.query('DROP TABLE "reviews"');
    await queryRunner.query('DROP TYPE "public"."review_direction"');
    await queryRunner.query('DROP INDEX "public"."IDX_d5bf27e8f6aa346fd34fa701bc"');
    await queryRunner.query('DROP TABLE "deliverables"');
    await queryRunner.query('DROP TYPE "public"."deliverable_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_5cc0b36f34a9a15f1686f1b337"');
    await queryRunner.query('DROP INDEX "public"."IDX_a3c564dc5eaa9dbcc73946dd16"');
    await queryRunner.query('DROP TABLE "provider_operations"');
    await queryRunner.query('DROP TYPE "public"."provider_operation_status"');
    await queryRunner.query('DROP TYPE "public"."provider_operation_kind"');
    await queryRunner.query('DROP INDEX "public"."IDX_cf6e834eedefdd24ba06e01d21"');
    await queryRunner.query('DROP TABLE "payouts"');
    await queryRunner.query('DROP TYPE "public"."payout_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_96a3d0a015832a4eee03a440de"');
    await queryRunner.query('DROP INDEX "public"."IDX_d929e48320de9fe7f6ed47478f"');
    await queryRunner.query('DROP INDEX "public"."IDX_b26c5ef5853fd6e0a8680427f6"');
    await queryRunner.query('DROP TABLE "ledger_entries"');
    await queryRunner.query('DROP INDEX "public"."IDX_2b5476301f7fb7478cc0828923"');
    await queryRunner.query('DROP INDEX "public"."IDX_33d758ca1167671998e5b86f16"');
    await queryRunner.query('DROP TABLE "ledger_transactions"');
    await queryRunner.query('DROP TYPE "public"."posting_kind"');
    await queryRunner.query('DROP TABLE "ledger_balances"');
    await queryRunner.query('DROP TABLE "idempotency_keys"');
  }
}
