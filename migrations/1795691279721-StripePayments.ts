import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StripePayments1795691279721 implements MigrationInterface {
  name = 'StripePayments1795691279721';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "provider_events" ("event_id" character varying(255) NOT NULL, "provider" character varying(20) NOT NULL, "type" character varying(100) NOT NULL, "outcome" character varying(500), "processed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8b35b48a18fb0c95acf4f9352bd" PRIMARY KEY ("event_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "payout_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "provider" character varying(20) NOT NULL, "wallet_account" character varying(100) NOT NULL, "reference" character varying(255) NOT NULL, "ready" boolean NOT NULL DEFAULT false, "ready_as_of" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_79642d5304997f09e3dfc6084d1" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_9563a330e38f270239dd609d6b" ON "payout_accounts"  ("provider", "wallet_account") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_178b9b604fe664a761533e47a3" ON "payout_accounts"  ("provider", "reference") ',
    );
    await queryRunner.query('ALTER TABLE "provider_operations" ADD "charge_operation_id" uuid');
    // Webhooks find a charge by its PaymentIntent id, and payouts by their transfer id.
    await queryRunner.query(
      'CREATE INDEX provider_operations_by_reference ON provider_operations (provider_reference) WHERE provider_reference IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX provider_operations_by_reference');
    await queryRunner.query('ALTER TABLE "provider_operations" DROP COLUMN "charge_operation_id"');
    await queryRunner.query('DROP INDEX "public"."IDX_178b9b604fe664a761533e47a3"');
    await queryRunner.query('DROP INDEX "public"."IDX_9563a330e38f270239dd609d6b"');
    await queryRunner.query('DROP TABLE "payout_accounts"');
    await queryRunner.query('DROP TABLE "provider_events"');
  }
}
