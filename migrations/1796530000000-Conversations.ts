import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages between the parties of bids and orders (SPEC "Language and conversation"): the messages,
 * what each reader has read of each thread, a live event per message, and the index an order uses to
 * find the bid its conversation began on.
 */
export class Conversations1796530000000 implements MigrationInterface {
  name = 'Conversations1796530000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        thread_id uuid NOT NULL,
        bid_id uuid NULL REFERENCES bids (id),
        order_id uuid NULL REFERENCES orders (id),
        author_user_id uuid NOT NULL REFERENCES users (id),
        body varchar(4000) NOT NULL,
        attachments text[] NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT messages_in_a_thread CHECK (bid_id IS NOT NULL OR order_id IS NOT NULL),
        CONSTRAINT messages_at_most_ten_attachments CHECK (cardinality(attachments) <= 10)
      )`);
    await queryRunner.query(`CREATE INDEX messages_thread_order ON messages (thread_id, created_at, id)`);
    await queryRunner.query(`
      CREATE TABLE message_thread_readers (
        thread_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id),
        read_up_to timestamptz(3) NULL,
        read_at timestamptz(3) NULL,
        noticed_at timestamptz(3) NULL,
        PRIMARY KEY (thread_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX bids_order_id ON bids (order_id) WHERE order_id IS NOT NULL`);
    // Sent inside the writing transaction: delivered to every instance only if the message commits.
    await queryRunner.query(`
      CREATE FUNCTION live_event_message_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('vtask_live', json_build_object('kind', 'message', 'id', NEW.id, 'threadId', NEW.thread_id)::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER messages_live_event AFTER INSERT ON messages
        FOR EACH ROW EXECUTE FUNCTION live_event_message_added()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER messages_live_event ON messages`);
    await queryRunner.query(`DROP FUNCTION live_event_message_added()`);
    await queryRunner.query(`DROP INDEX bids_order_id`);
    await queryRunner.query(`DROP TABLE message_thread_readers`);
    await queryRunner.query(`DROP TABLE messages`);
  }
}
