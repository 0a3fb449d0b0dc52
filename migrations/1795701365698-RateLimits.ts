import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RateLimits1795701365698 implements MigrationInterface {
  name = 'RateLimits1795701365698';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "rate_limit_windows" ("throttler" character varying(60) NOT NULL, "key" character varying(128) NOT NULL, "hits" integer NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e64968f0582ddb433bdfc1504a7" PRIMARY KEY ("throttler", "key"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_bb630ce6cd280af544bf3cd8f3" ON "rate_limit_windows"  ("expires_at") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_bb630ce6cd280af544bf3cd8f3"');
    await queryRunner.query('DROP TABLE "rate_limit_windows"');
  }
}
