import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Marketplace1795689551212 implements MigrationInterface {
  name = 'Marketplace1795689551212';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"order_source\" AS ENUM('BID', 'INVITATION', 'OFFER')");
    await queryRunner.query(
      "CREATE TYPE \"public\".\"content_type\" AS ENUM('POST', 'LIST', 'OUTFIT', 'VIDEO', 'LIVE')",
    );
    await queryRunner.query('CREATE TYPE "public"."currency_code" AS ENUM(\'CNY\', \'USD\')');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"order_status\" AS ENUM('AWAITING_FUNDING', 'IN_PROGRESS', 'DELIVERED', 'REVISION_REQUESTED', 'COMPLETED', 'CANCELLED', 'DISPUTED', 'RESOLVED')",
    );
    await queryRunner.query(
      'CREATE TABLE "orders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source" "public"."order_source" NOT NULL, "task_id" uuid, "offer_id" uuid, "merchant_id" uuid NOT NULL, "creator_id" uuid NOT NULL, "agency_id" uuid, "brief" character varying(5000) NOT NULL, "content_type" "public"."content_type" NOT NULL, "currency" "public"."currency_code" NOT NULL, "price_minor" bigint NOT NULL, "platform_fee_bps" integer NOT NULL, "platform_fee_minor" bigint NOT NULL, "agency_share_bps" integer NOT NULL, "agency_share_minor" bigint NOT NULL, "creator_payout_minor" bigint NOT NULL, "status" "public"."order_status" NOT NULL DEFAULT \'AWAITING_FUNDING\', "funding_deadline" TIMESTAMP WITH TIME ZONE, "deliver_by" TIMESTAMP WITH TIME ZONE NOT NULL, "review_deadline" TIMESTAMP WITH TIME ZONE, "max_revisions" integer NOT NULL, "revisions_used" integer NOT NULL DEFAULT \'0\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "orders_revisions_in_range" CHECK (revisions_used BETWEEN 0 AND max_revisions), CONSTRAINT "orders_split_adds_up" CHECK (platform_fee_minor + agency_share_minor + creator_payout_minor = price_minor), CONSTRAINT "orders_price_positive" CHECK (price_minor > 0), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_c12b6fdd52639058078339a5ff" ON "orders"  ("task_id") ');
    await queryRunner.query('CREATE INDEX "IDX_78d625807c4cd2f0d96d4dbd04" ON "orders"  ("offer_id") ');
    await queryRunner.query('CREATE INDEX "IDX_2474866c8f8e9196ff227a7cbb" ON "orders"  ("merchant_id") ');
    await queryRunner.query('CREATE INDEX "IDX_7bbb60d1339c786f56b3cd6fd4" ON "orders"  ("creator_id") ');
    await queryRunner.query('CREATE INDEX "IDX_b0d2da86a9d1482cc9a6c9eeaf" ON "orders"  ("agency_id") ');
    await queryRunner.query('CREATE INDEX "IDX_775c9f06fc27ae3ff8fb26f2c4" ON "orders"  ("status") ');
    await queryRunner.query(
      'CREATE TABLE "order_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "type" character varying(40) NOT NULL, "actor_user_id" uuid, "note" character varying(2000), "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cc1b82b0fcf1be577d9d7ecbf8b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a79633aa7bf0a322c1940495f9" ON "order_events"  ("order_id", "at") ',
    );
    await queryRunner.query('CREATE TYPE "public"."task_visibility" AS ENUM(\'PUBLIC\', \'INVITE_ONLY\')');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"task_status\" AS ENUM('DRAFT', 'OPEN', 'CLOSED', 'COMPLETED', 'CANCELLED')",
    );
    await queryRunner.query(
      'CREATE TABLE "tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "merchant_id" uuid NOT NULL, "title" character varying(120) NOT NULL, "brief" character varying(5000) NOT NULL, "content_type" "public"."content_type" NOT NULL, "channels" "public"."channel" array NOT NULL, "domain_tags" character varying array NOT NULL, "min_tier" "public"."creator_tier" NOT NULL, "currency" "public"."currency_code" NOT NULL, "budget_minor" bigint NOT NULL, "slots" integer NOT NULL, "slots_filled" integer NOT NULL DEFAULT \'0\', "apply_by" TIMESTAMP WITH TIME ZONE NOT NULL, "deliver_by" TIMESTAMP WITH TIME ZONE NOT NULL, "max_revisions" integer NOT NULL, "visibility" "public"."task_visibility" NOT NULL, "status" "public"."task_status" NOT NULL, "venue_id" uuid, "cancel_reason" character varying(500), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "tasks_deliver_after_apply" CHECK (deliver_by > apply_by), CONSTRAINT "tasks_max_revisions_range" CHECK (max_revisions BETWEEN 0 AND 10), CONSTRAINT "tasks_budget_positive" CHECK (budget_minor > 0), CONSTRAINT "tasks_slots_filled_range" CHECK (slots_filled BETWEEN 0 AND slots), CONSTRAINT "tasks_slots_range" CHECK (slots BETWEEN 1 AND 1000), CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_f8846634f9abe4d7eb1f09537e" ON "tasks"  ("merchant_id") ');
    await queryRunner.query('CREATE INDEX "IDX_f310d1775ec2b0899820e1f00f" ON "tasks"  ("venue_id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_083ecd3a62a057f0619152e8fb" ON "tasks"  ("status", "apply_by") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_3475e2168af8b9473748ed713a" ON "tasks"  ("status", "created_at") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"bid_status\" AS ENUM('PENDING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'EXPIRED')",
    );
    await queryRunner.query(
      'CREATE TABLE "bids" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "creator_id" uuid NOT NULL, "currency" "public"."currency_code" NOT NULL, "price_minor" bigint NOT NULL, "pitch" character varying(2000) NOT NULL, "status" "public"."bid_status" NOT NULL DEFAULT \'PENDING\', "reject_reason" character varying(500), "order_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "bids_price_positive" CHECK (price_minor > 0), CONSTRAINT "PK_7950d066d322aab3a488ac39fe5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_01d3babbb6fef65cc57bbd2957" ON "bids"  ("creator_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1d5e2162eeaeb9d39b5c690e39" ON "bids"  ("task_id", "status") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"invitation_status\" AS ENUM('PENDING', 'ACCEPTED', 'DECLINED', 'EXPIRED')",
    );
    await queryRunner.query(
      'CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "creator_id" uuid NOT NULL, "currency" "public"."currency_code" NOT NULL, "price_minor" bigint NOT NULL, "message" character varying(2000), "status" "public"."invitation_status" NOT NULL DEFAULT \'PENDING\', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "order_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "invitations_price_positive" CHECK (price_minor > 0), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_c30504111ea421623c16f3060b" ON "invitations"  ("task_id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_ee661b260ebea55ac0b43ac8c3" ON "invitations"  ("creator_id", "status") ',
    );
    await queryRunner.query("CREATE TYPE \"public\".\"offer_status\" AS ENUM('ACTIVE', 'PAUSED', 'CLOSED')");
    await queryRunner.query(
      'CREATE TABLE "offers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "creator_id" uuid NOT NULL, "title" character varying(120) NOT NULL, "description" character varying(5000) NOT NULL, "content_type" "public"."content_type" NOT NULL, "channels" "public"."channel" array NOT NULL, "domain_tags" character varying array NOT NULL, "currency" "public"."currency_code" NOT NULL, "price_minor" bigint NOT NULL, "slots" integer NOT NULL, "slots_booked" integer NOT NULL DEFAULT \'0\', "turnaround_days" integer NOT NULL, "scheduled_at" TIMESTAMP WITH TIME ZONE, "book_by" TIMESTAMP WITH TIME ZONE, "status" "public"."offer_status" NOT NULL DEFAULT \'ACTIVE\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "offers_turnaround_range" CHECK (turnaround_days BETWEEN 1 AND 365), CONSTRAINT "offers_slots_booked_range" CHECK (slots_booked BETWEEN 0 AND slots), CONSTRAINT "offers_slots_range" CHECK (slots BETWEEN 1 AND 1000), CONSTRAINT "offers_price_positive" CHECK (price_minor > 0), CONSTRAINT "PK_4c88e956195bba85977da21b8f4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_22ce35175f86883130eda10c9c" ON "offers"  ("creator_id") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_3bfc36fa5bbe1f6287abdca5b5" ON "offers"  ("status", "created_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "orders" ADD CONSTRAINT "FK_2474866c8f8e9196ff227a7cbbd" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "orders" ADD CONSTRAINT "FK_7bbb60d1339c786f56b3cd6fd43" FOREIGN KEY ("creator_id") REFERENCES "creators"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "orders" ADD CONSTRAINT "FK_b0d2da86a9d1482cc9a6c9eeaf0" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "order_events" ADD CONSTRAINT "FK_b33cbf9a59cbee112d94bcb59de" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "tasks" ADD CONSTRAINT "FK_f8846634f9abe4d7eb1f09537ea" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "bids" ADD CONSTRAINT "FK_92da29813dc123bdebabe9d074b" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "bids" ADD CONSTRAINT "FK_8ef05d9c864f9242b37d8db711d" FOREIGN KEY ("creator_id") REFERENCES "creators"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "invitations" ADD CONSTRAINT "FK_c30504111ea421623c16f3060b5" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "invitations" ADD CONSTRAINT "FK_a1a872dd755b39a59771871f755" FOREIGN KEY ("creator_id") REFERENCES "creators"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "offers" ADD CONSTRAINT "FK_22ce35175f86883130eda10c9c6" FOREIGN KEY ("creator_id") REFERENCES "creators"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    // Written by hand: what entity metadata cannot express.
    await queryRunner.query('CREATE INDEX "tasks_domain_tags_gin" ON "tasks" USING gin ("domain_tags")');
    await queryRunner.query('CREATE INDEX "offers_domain_tags_gin" ON "offers" USING gin ("domain_tags")');
    // One live bid per creator per task: pending or accepted (withdrawn, rejected and expired ones may repeat).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "bids_one_live_per_creator" ON "bids" ("task_id", "creator_id") WHERE status IN ('PENDING', 'ACCEPTED')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "invitations_one_pending_per_creator" ON "invitations" ("task_id", "creator_id") WHERE status = 'PENDING'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "invitations_one_pending_per_creator"');
    await queryRunner.query('DROP INDEX "bids_one_live_per_creator"');
    await queryRunner.query('DROP INDEX "offers_domain_tags_gin"');
    await queryRunner.query('DROP INDEX "tasks_domain_tags_gin"');
    await queryRunner.query('ALTER TABLE "offers" DROP CONSTRAINT "FK_22ce35175f86883130eda10c9c6"');
    await queryRunner.query('ALTER TABLE "invitations" DROP CONSTRAINT "FK_a1a872dd755b39a59771871f755"');
    await queryRunner.query('ALTER TABLE "invitations" DROP CONSTRAINT "FK_c30504111ea421623c16f3060b5"');
    await queryRunner.query('ALTER TABLE "bids" DROP CONSTRAINT "FK_8ef05d9c864f9242b37d8db711d"');
    await queryRunner.query('ALTER TABLE "bids" DROP CONSTRAINT "FK_92da29813dc123bdebabe9d074b"');
    await queryRunner.query('ALTER TABLE "tasks" DROP CONSTRAINT "FK_f8846634f9abe4d7eb1f09537ea"');
    await queryRunner.query('ALTER TABLE "order_events" DROP CONSTRAINT "FK_b33cbf9a59cbee112d94bcb59de"');
    await queryRunner.query('ALTER TABLE "orders" DROP CONSTRAINT "FK_b0d2da86a9d1482cc9a6c9eeaf0"');
    await queryRunner.query('ALTER TABLE "orders" DROP CONSTRAINT "FK_7bbb60d1339c786f56b3cd6fd43"');
    await queryRunner.query('ALTER TABLE "orders" DROP CONSTRAINT "FK_2474866c8f8e9196ff227a7cbbd"');
    await queryRunner.query('DROP INDEX "public"."IDX_3bfc36fa5bbe1f6287abdca5b5"');
    await queryRunner.query('DROP INDEX "public"."IDX_22ce35175f86883130eda10c9c"');
    await queryRunner.query('DROP TABLE "offers"');
    await queryRunner.query('DROP TYPE "public"."offer_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_ee661b260ebea55ac0b43ac8c3"');
    await queryRunner.query('DROP INDEX "public"."IDX_c30504111ea421623c16f3060b"');
    await queryRunner.query('DROP TABLE "invitations"');
    await queryRunner.query('DROP TYPE "public"."invitation_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_1d5e2162eeaeb9d39b5c690e39"');
    await queryRunner.query('DROP INDEX "public"."IDX_01d3babbb6fef65cc57bbd2957"');
    await queryRunner.query('DROP TABLE "bids"');
    await queryRunner.query('DROP TYPE "public"."bid_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_3475e2168af8b9473748ed713a"');
    await queryRunner.query('DROP INDEX "public"."IDX_083ecd3a62a057f0619152e8fb"');
    await queryRunner.query('DROP INDEX "public"."IDX_f310d1775ec2b0899820e1f00f"');
    await queryRunner.query('DROP INDEX "public"."IDX_f8846634f9abe4d7eb1f09537e"');
    await queryRunner.query('DROP TABLE "tasks"');
    await queryRunner.query('DROP TYPE "public"."task_status"');
    await queryRunner.query('DROP TYPE "public"."task_visibility"');
    await queryRunner.query('DROP INDEX "public"."IDX_a79633aa7bf0a322c1940495f9"');
    await queryRunner.query('DROP TABLE "order_events"');
    await queryRunner.query('DROP INDEX "public"."IDX_775c9f06fc27ae3ff8fb26f2c4"');
    await queryRunner.query('DROP INDEX "public"."IDX_b0d2da86a9d1482cc9a6c9eeaf"');
    await queryRunner.query('DROP INDEX "public"."IDX_7bbb60d1339c786f56b3cd6fd4"');
    await queryRunner.query('DROP INDEX "public"."IDX_2474866c8f8e9196ff227a7cbb"');
    await queryRunner.query('DROP INDEX "public"."IDX_78d625807c4cd2f0d96d4dbd04"');
    await queryRunner.query('DROP INDEX "public"."IDX_c12b6fdd52639058078339a5ff"');
    await queryRunner.query('DROP TABLE "orders"');
    await queryRunner.query('DROP TYPE "public"."order_status"');
    await queryRunner.query('DROP TYPE "public"."currency_code"');
    await queryRunner.query('DROP TYPE "public"."content_type"');
    await queryRunner.query('DROP TYPE "public"."order_source"');
  }
}
