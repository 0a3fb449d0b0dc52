import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The name auth.service.ts gives new admins, written out: a migration never changes once it lands. */
const ADMIN_DISPLAY_NAME = '平台管理员';

/**
 * Admins made at start (ADMIN_EMAIL) were named "Administrator", the one English name the Chinese
 * console showed in its header and wherever an admin acts. Admins still under that default take the
 * Chinese name new admins get; a name someone chose stays.
 */
export class AdminDisplayName1796790000000 implements MigrationInterface {
  name = 'AdminDisplayName1796790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE users SET display_name = $1 WHERE role = 'ADMIN' AND display_name = 'Administrator'`,
      [ADMIN_DISPLAY_NAME],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE users SET display_name = 'Administrator' WHERE role = 'ADMIN' AND display_name = $1`,
      [ADMIN_DISPLAY_NAME],
    );
  }
}
