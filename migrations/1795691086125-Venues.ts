import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Venues1795691086125 implements MigrationInterface {
  name = 'Venues1795691086125';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "type" character varying(60) NOT NULL, "message" character varying(1000) NOT NULL, "order_id" uuid, "task_id" uuid, "venue_id" uuid, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_310667f935698fcd8cb319113a" ON "notifications"  ("user_id", "created_at") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"venue_kind\" AS ENUM('CREATOR', 'LIVE', 'HEADLINE', 'LIST')",
    );
    await queryRunner.query(
      'CREATE TABLE "venues" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(120) NOT NULL, "kind" "public"."venue_kind" NOT NULL, "event" character varying(120) NOT NULL, "description" character varying(5000), "domain_tags" character varying array NOT NULL DEFAULT \'{}\', "min_tier" "public"."creator_tier" NOT NULL, "recruitment_opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recruitment_closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "submission_deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "go_live_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "capacity" integer NOT NULL, "lineup_published_at" TIMESTAMP WITH TIME ZONE, "lineup_published_by_user_id" uuid, "deadline_reminder_sent_at" TIMESTAMP WITH TIME ZONE, "created_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "venues_capacity_range" CHECK (capacity BETWEEN 1 AND 500), CONSTRAINT "venues_timeline_order" CHECK (recruitment_opens_at < recruitment_closes_at AND recruitment_closes_at <= submission_deadline AND submission_deadline <= go_live_at AND go_live_at < ends_at), CONSTRAINT "PK_cb0f885278d12384eb7a81818be" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_5c87ad65d48a29c53afa3f9acd" ON "venues"  ("created_at") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"venue_enrollment_status\" AS ENUM('PENDING', 'APPROVED', 'REJECTED')",
    );
    await queryRunner.query(
      'CREATE TABLE "venue_enrollments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "venue_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" "public"."venue_enrollment_status" NOT NULL DEFAULT \'PENDING\', "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_user_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bd30eaf0fe0ca09f7234ab8519c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_c7a73f75cc9b9193eaef827702" ON "venue_enrollments"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_03488cc14101ccde0c5efcd520" ON "venue_enrollments"  ("venue_id", "status", "created_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "venue_enrollments_one_per_user" ON "venue_enrollments"  ("venue_id", "user_id") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"venue_submission_status\" AS ENUM('SUBMITTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN')",
    );
    await queryRunner.query(
      'CREATE TABLE "venue_submissions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "venue_id" uuid NOT NULL, "order_id" uuid NOT NULL, "deliverable_id" uuid NOT NULL, "submitted_by_user_id" uuid NOT NULL, "status" "public"."venue_submission_status" NOT NULL DEFAULT \'SUBMITTED\', "reason" character varying(500), "submitted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_user_id" uuid, "lineup_position" integer, CONSTRAINT "venue_submissions_lineup_accepted" CHECK (lineup_position IS NULL OR (status = \'ACCEPTED\' AND lineup_position >= 1)), CONSTRAINT "PK_60f0f5948e0a5d623d9330b50da" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_e772578a6fa6a957102a0a62c3" ON "venue_submissions"  ("order_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_9d3d1aa2c58e7f8dfa6af2f421" ON "venue_submissions"  ("submitted_by_user_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_754df8cf89f4723ee7e4f43821" ON "venue_submissions"  ("venue_id", "status", "submitted_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "tasks" ADD CONSTRAINT "FK_f310d1775ec2b0899820e1f00f1" FOREIGN KEY ("venue_id") REFERENCES "venues"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "venues" ADD CONSTRAINT "FK_0fcee35d15048d236a7a025bd59" FOREIGN KEY ("created_by_user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "venue_enrollments" ADD CONSTRAINT "FK_fa9b4be491f89346c7b5db19432" FOREIGN KEY ("venue_id") REFERENCES "venues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "venue_enrollments" ADD CONSTRAINT "FK_c7a73f75cc9b9193eaef827702a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "venue_submissions" ADD CONSTRAINT "FK_35d2e38ada2c9f3a137a76270d9" FOREIGN KEY ("venue_id") REFERENCES "venues"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "venue_submissions" ADD CONSTRAINT "FK_e772578a6fa6a957102a0a62c3e" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "venue_submissions" ADD CONSTRAINT "FK_e4289119f3a2452b58775b8ce14" FOREIGN KEY ("deliverable_id") REFERENCES "deliverables"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "venue_submissions" ADD CONSTRAINT "FK_9d3d1aa2c58e7f8dfa6af2f4213" FOREIGN KEY ("submitted_by_user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    // ---- Written by hand: what entity metadata cannot express.
    await queryRunner.query('CREATE INDEX "venues_domain_tags_gin" ON "venues" USING gin ("domain_tags")');
    // One submission per order per venue; a withdrawn one may be entered again.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "venue_submissions_one_per_order" ON "venue_submissions" ("venue_id", "order_id") WHERE status <> 'WITHDRAWN'`,
    );
    // The lineup: one submission per place in each venue (the CHECK keeps it to ACCEPTED submissions).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "venue_submissions_lineup_position" ON "venue_submissions" ("venue_id", "lineup_position") WHERE lineup_position IS NOT NULL`,
    );
    // Unread notifications of a user, newest first: the badge count and the unreadOnly list.
    await queryRunner.query(
      `CREATE INDEX "notifications_unread_by_user" ON "notifications" ("user_id", "created_at") WHERE read_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "notifications_unread_by_user"');
    await queryRunner.query('DROP INDEX "venue_submissions_lineup_position"');
    await queryRunner.query('DROP INDEX "venue_submissions_one_per_order"');
    await queryRunner.query('DROP INDEX "venues_domain_tags_gin"');
    await queryRunner.query(
      'ALTER TABLE "venue_submissions" DROP CONSTRAINT "FK_9d3d1aa2c58e7f8dfa6af2f4213"',
    );
    await queryRunner.query(
      'ALTER TABLE "venue_submissions" DROP CONSTRAINT "FK_e4289119f3a2452b58775b8ce14"',
    );
    await queryRunner.query(
      'ALTER TABLE "venue_submissions" DROP CONSTRAINT "FK_e772578a6fa6a957102a0a62c3e"',
    );
    await queryRunner.query(
      'ALTER TABLE "venue_submissions" DROP CONSTRAINT "FK_35d2e38ada2c9f3a137a76270d9"',
    );
    await queryRunner.query(
      'ALTER TABLE "venue_enrollments" DROP CONSTRAINT "FK_c7a73f75cc9b9193eaef827702a"',
    );
    await queryRunner.query(
      'ALTER TABLE "venue_enrollments" DROP CONSTRAINT "FK_fa9b4be491f89346c7b5db19432"',
    );
    await queryRunner.query('ALTER TABLE "venues" DROP CONSTRAINT "FK_0fcee35d15048d236a7a025bd59"');
    await queryRunner.query('ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"');
    await queryRunner.query('ALTER TABLE "tasks" DROP CONSTRAINT "FK_f310d1775ec2b0899820e1f00f1"');
    await queryRunner.query('DROP INDEX "public"."IDX_754df8cf89f4723ee7e4f43821"');
    await queryRunner.query('DROP INDEX "public"."IDX_9d3d1aa2c58e7f8dfa6af2f421"');
    await queryRunner.query('DROP INDEX "public"."IDX_e772578a6fa6a957102a0a62c3"');
    await queryRunner.query('DROP TABLE "venue_submissions"');
    await queryRunner.query('DROP TYPE "public"."venue_submission_status"');
    await queryRunner.query('DROP INDEX "public"."venue_enrollments_one_per_user"');
    await queryRunner.query('DROP INDEX "public"."IDX_03488cc14101ccde0c5efcd520"');
    await queryRunner.query('DROP INDEX "public"."IDX_c7a73f75cc9b9193eaef827702"');
    await queryRunner.query('DROP TABLE "venue_enrollments"');
    await queryRunner.query('DROP TYPE "public"."venue_enrollment_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_5c87ad65d48a29c53afa3f9acd"');
    await queryRunner.query('DROP TABLE "venues"');
    await queryRunner.query('DROP TYPE "public"."venue_kind"');
    await queryRunner.query('DROP INDEX "public"."IDX_310667f935698fcd8cb319113a"');
    await queryRunner.query('DROP TABLE "notifications"');
  }
}
