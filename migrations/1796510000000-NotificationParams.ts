import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications in the reader's language (issue 18): a notification keeps its facts (`params`, per
 * type) and its message is written from them when read, in the reader's language and time zone. Rows
 * stored before keep their English text (params null).
 */
export class NotificationParams1796510000000 implements MigrationInterface {
  name = 'NotificationParams1796510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE notifications ADD COLUMN params jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE notifications DROP COLUMN params');
  }
}
