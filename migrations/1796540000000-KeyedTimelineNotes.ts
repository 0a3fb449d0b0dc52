import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Timeline entries and payout notes in the reader's language (issue 18): a note the server writes is
 * kept as a code and its facts (`note_key`, `note_params`; a payout's `failure_key`, `failure_params`,
 * and the `provider` that labels its reference) and worded when read. Rows stored before keep their
 * English text (key null); a person's words stay in `note` as typed.
 */
export class KeyedTimelineNotes1796540000000 implements MigrationInterface {
  name = 'KeyedTimelineNotes1796540000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE order_events ADD COLUMN note_key varchar(40), ADD COLUMN note_params jsonb',
    );
    await queryRunner.query(
      'ALTER TABLE payouts ADD COLUMN provider varchar(20), ADD COLUMN failure_key varchar(40), ADD COLUMN failure_params jsonb',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE payouts DROP COLUMN provider, DROP COLUMN failure_key, DROP COLUMN failure_params',
    );
    await queryRunner.query('ALTER TABLE order_events DROP COLUMN note_key, DROP COLUMN note_params');
  }
}
