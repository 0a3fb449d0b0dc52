import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 定向匹配会 (SPEC "Matchmaking sessions"): sessions with their timeline, who joined each (merchants
 * with a task, creators), and the pairings the proposal timer makes, each answered by both sides.
 */
export class MatchmakingSessions1796630000000 implements MigrationInterface {
  name = 'MatchmakingSessions1796630000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE matchmaking_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(120) NOT NULL,
        industry varchar(64) NOT NULL REFERENCES domain_tags (slug),
        description varchar(5000) NULL,
        signup_opens_at timestamptz NOT NULL,
        matching_starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        pairings_per_task int NOT NULL,
        pairings_proposed_at timestamptz NULL,
        created_by_user_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT matchmaking_sessions_timeline_order
          CHECK (signup_opens_at < matching_starts_at AND matching_starts_at < ends_at),
        CONSTRAINT matchmaking_sessions_pairings_per_task_range CHECK (pairings_per_task BETWEEN 1 AND 20)
      )`);
    await queryRunner.query(
      `CREATE INDEX matchmaking_sessions_created_at ON matchmaking_sessions (created_at, id)`,
    );
    await queryRunner.query(`
      CREATE TABLE matchmaking_participants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES matchmaking_sessions (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id),
        merchant_id uuid NULL REFERENCES merchants (id),
        task_id uuid NULL REFERENCES tasks (id),
        creator_id uuid NULL REFERENCES creators (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT matchmaking_participants_one_side CHECK (
          (merchant_id IS NOT NULL AND task_id IS NOT NULL AND creator_id IS NULL)
          OR (creator_id IS NOT NULL AND merchant_id IS NULL AND task_id IS NULL))
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX matchmaking_participants_one_per_task
        ON matchmaking_participants (session_id, task_id) WHERE task_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX matchmaking_participants_one_per_creator
        ON matchmaking_participants (session_id, creator_id) WHERE creator_id IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX matchmaking_participants_user ON matchmaking_participants (user_id, session_id)`,
    );
    await queryRunner.query(
      `CREATE TYPE pairing_status AS ENUM ('PROPOSED', 'MATCHED', 'DECLINED', 'EXPIRED')`,
    );
    await queryRunner.query(`
      CREATE TABLE matchmaking_pairings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES matchmaking_sessions (id) ON DELETE CASCADE,
        task_id uuid NOT NULL REFERENCES tasks (id),
        merchant_id uuid NOT NULL REFERENCES merchants (id),
        creator_id uuid NOT NULL REFERENCES creators (id),
        score float8 NOT NULL,
        reasons jsonb NOT NULL,
        merchant_accepted boolean NULL,
        creator_accepted boolean NULL,
        status pairing_status NOT NULL DEFAULT 'PROPOSED',
        order_id uuid NULL REFERENCES orders (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT matchmaking_pairings_matched_has_order CHECK ((status = 'MATCHED') = (order_id IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX matchmaking_pairings_one_per_creator_and_task
        ON matchmaking_pairings (session_id, task_id, creator_id)`);
    await queryRunner.query(
      `CREATE INDEX matchmaking_pairings_session ON matchmaking_pairings (session_id, created_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX matchmaking_pairings_merchant ON matchmaking_pairings (merchant_id, session_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX matchmaking_pairings_creator ON matchmaking_pairings (creator_id, session_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE matchmaking_pairings`);
    await queryRunner.query(`DROP TYPE pairing_status`);
    await queryRunner.query(`DROP TABLE matchmaking_participants`);
    await queryRunner.query(`DROP TABLE matchmaking_sessions`);
  }
}
