import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795689022623 implements MigrationInterface {
  name = 'Foundation1795689022623';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"user_role\" AS ENUM('MERCHANT', 'CREATOR', 'AGENCY', 'ADMIN')",
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "password_hash" character varying(200) NOT NULL, "display_name" character varying(80) NOT NULL, "role" "public"."user_role" NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "agencies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "revenue_share_bps" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_cc83bd7f85841212760a1d87f2" UNIQUE ("user_id"), CONSTRAINT "agencies_revenue_share_bps_range" CHECK (revenue_share_bps BETWEEN 0 AND 5000), CONSTRAINT "PK_8ab1f1f53f56c8255b0d7e68b28" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"creator_tier\" AS ENUM('ORDINARY', 'CREATOR', 'EXPERT', 'CELEBRITY')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"channel\" AS ENUM('HEADLINES', 'GOOD_FINDS', 'STROLL', 'LIST', 'MUST_BUY', 'HOT_MARKET', 'LIVE', 'COMMUNITY', 'EXTERNAL')",
    );
    await queryRunner.query(
      'CREATE TABLE "creators" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "handle" character varying(30) NOT NULL, "bio" character varying(2000), "tier" "public"."creator_tier" NOT NULL DEFAULT \'ORDINARY\', "domain_tags" character varying array NOT NULL, "channels" "public"."channel" array NOT NULL, "follower_count" integer NOT NULL, "agency_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_864c435572b9eccb3e6d9e3fb0" UNIQUE ("user_id"), CONSTRAINT "creators_follower_count_non_negative" CHECK (follower_count >= 0), CONSTRAINT "PK_b27dd693f7df17bbfc21f00166a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_ff37c8970eb7eae6782396d422" ON "creators"  ("tier") ');
    await queryRunner.query('CREATE INDEX "IDX_2330505d4de973ecef61b56ca4" ON "creators"  ("agency_id") ');
    await queryRunner.query(
      'CREATE TABLE "agency_invitations" ("agency_id" uuid NOT NULL, "creator_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_64478c7fad55e21cea57c8d1b64" PRIMARY KEY ("agency_id", "creator_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "domain_tags" ("slug" character varying(60) NOT NULL, "name" character varying(80) NOT NULL, "parent_slug" character varying(60), "position" integer NOT NULL DEFAULT \'0\', CONSTRAINT "PK_04ef27e689371836ff55b5253d0" PRIMARY KEY ("slug"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_7979d95e1c4bcfed3a0b745cf6" ON "domain_tags"  ("parent_slug") ',
    );
    await queryRunner.query(
      'CREATE TABLE "merchants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "shop_name" character varying(120) NOT NULL, "industry_slug" character varying(60), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_698f612a3134c503f711479a4e" UNIQUE ("user_id"), CONSTRAINT "PK_4fd312ef25f8e05ad47bfe7ed25" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "creator_tier_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "creator_id" uuid NOT NULL, "from_tier" "public"."creator_tier" NOT NULL, "to_tier" "public"."creator_tier" NOT NULL, "reason" character varying(500) NOT NULL, "actor_user_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8eb925677591e27febed8da2ce8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_f26ff34b97428eb8a8e064b9fa" ON "creator_tier_changes"  ("creator_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "agencies" ADD CONSTRAINT "FK_cc83bd7f85841212760a1d87f27" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "creators" ADD CONSTRAINT "FK_864c435572b9eccb3e6d9e3fb0d" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "creators" ADD CONSTRAINT "FK_2330505d4de973ecef61b56ca42" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "agency_invitations" ADD CONSTRAINT "FK_453a40f8fe98bc9b4f2ec47daad" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "agency_invitations" ADD CONSTRAINT "FK_bf7b581508c01a38bae7fd14b50" FOREIGN KEY ("creator_id") REFERENCES "creators"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "domain_tags" ADD CONSTRAINT "FK_7979d95e1c4bcfed3a0b745cf6c" FOREIGN KEY ("parent_slug") REFERENCES "domain_tags"("slug") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "merchants" ADD CONSTRAINT "FK_698f612a3134c503f711479a4e5" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "merchants" ADD CONSTRAINT "FK_4b60188ff71c3558a90ffad0823" FOREIGN KEY ("industry_slug") REFERENCES "domain_tags"("slug") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "creator_tier_changes" ADD CONSTRAINT "FK_f26ff34b97428eb8a8e064b9fa0" FOREIGN KEY ("creator_id") REFERENCES "creators"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "creator_tier_changes" ADD CONSTRAINT "FK_f82de26e3d2e59fd062b58c71d8" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
    // Written by hand: what entity metadata cannot express.
    await queryRunner.query('CREATE UNIQUE INDEX "users_email_lower_key" ON "users" (lower("email"))');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "creators_handle_lower_key" ON "creators" (lower("handle"))',
    );
    await queryRunner.query(
      'CREATE INDEX "creators_domain_tags_gin" ON "creators" USING gin ("domain_tags")',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "creators_domain_tags_gin"');
    await queryRunner.query('DROP INDEX "creators_handle_lower_key"');
    await queryRunner.query('DROP INDEX "users_email_lower_key"');
    await queryRunner.query(
      'ALTER TABLE "creator_tier_changes" DROP CONSTRAINT "FK_f82de26e3d2e59fd062b58c71d8"',
    );
    await queryRunner.query(
      'ALTER TABLE "creator_tier_changes" DROP CONSTRAINT "FK_f26ff34b97428eb8a8e064b9fa0"',
    );
    await queryRunner.query('ALTER TABLE "merchants" DROP CONSTRAINT "FK_4b60188ff71c3558a90ffad0823"');
    await queryRunner.query('ALTER TABLE "merchants" DROP CONSTRAINT "FK_698f612a3134c503f711479a4e5"');
    await queryRunner.query('ALTER TABLE "domain_tags" DROP CONSTRAINT "FK_7979d95e1c4bcfed3a0b745cf6c"');
    await queryRunner.query(
      'ALTER TABLE "agency_invitations" DROP CONSTRAINT "FK_bf7b581508c01a38bae7fd14b50"',
    );
    await queryRunner.query(
      'ALTER TABLE "agency_invitations" DROP CONSTRAINT "FK_453a40f8fe98bc9b4f2ec47daad"',
    );
    await queryRunner.query('ALTER TABLE "creators" DROP CONSTRAINT "FK_2330505d4de973ecef61b56ca42"');
    await queryRunner.query('ALTER TABLE "creators" DROP CONSTRAINT "FK_864c435572b9eccb3e6d9e3fb0d"');
    await queryRunner.query('ALTER TABLE "agencies" DROP CONSTRAINT "FK_cc83bd7f85841212760a1d87f27"');
    await queryRunner.query('DROP INDEX "public"."IDX_f26ff34b97428eb8a8e064b9fa"');
    await queryRunner.query('DROP TABLE "creator_tier_changes"');
    await queryRunner.query('DROP TABLE "merchants"');
    await queryRunner.query('DROP INDEX "public"."IDX_7979d95e1c4bcfed3a0b745cf6"');
    await queryRunner.query('DROP TABLE "domain_tags"');
    await queryRunner.query('DROP TABLE "agency_invitations"');
    await queryRunner.query('DROP INDEX "public"."IDX_2330505d4de973ecef61b56ca4"');
    await queryRunner.query('DROP INDEX "public"."IDX_ff37c8970eb7eae6782396d422"');
    await queryRunner.query('DROP TABLE "creators"');
    await queryRunner.query('DROP TYPE "public"."channel"');
    await queryRunner.query('DROP TYPE "public"."creator_tier"');
    await queryRunner.query('DROP TABLE "agencies"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP TYPE "public"."user_role"');
  }
}
