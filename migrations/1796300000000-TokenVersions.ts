import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Token revocation (issue 13, defect 2): a bearer token names the user's token version, and a change of
 * role or password bumps it, so every token issued before the change stops working. The bump is a
 * trigger, so every path that changes a role or a password (the API, the admin bootstrap, an operator's
 * SQL) revokes; and each bump is announced on the live-events channel, so every server instance forgets
 * the viewer it cached for that user and the next request checks the new version.
 */
export class TokenVersions1796300000000 implements MigrationInterface {
  name = 'TokenVersions1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // 1 for everyone: tokens issued before this migration carry no version and count as version 1,
    // so nobody is signed out by the upgrade itself.
    await queryRunner.query('ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 1');
    // Never lowered (an old token must not come back to life); an explicit bump, e.g.
    // `UPDATE users SET token_version = token_version + 1` to sign someone out everywhere, is kept.
    await queryRunner.query(`
      CREATE FUNCTION users_token_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.token_version := GREATEST(NEW.token_version, OLD.token_version)
          + CASE WHEN NEW.role IS DISTINCT FROM OLD.role OR NEW.password_hash IS DISTINCT FROM OLD.password_hash
                 THEN 1 ELSE 0 END;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER users_token_version BEFORE UPDATE ON users
        FOR EACH ROW EXECUTE FUNCTION users_token_version()`);
    // Sent inside the writing transaction: delivered only if it commits, to every instance.
    await queryRunner.query(`
      CREATE FUNCTION live_event_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('vtask_live', json_build_object('kind', 'user', 'id', OLD.id)::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER users_live_event AFTER UPDATE ON users
        FOR EACH ROW WHEN (OLD.token_version IS DISTINCT FROM NEW.token_version)
        EXECUTE FUNCTION live_event_user_changed()`);
    await queryRunner.query(`
      CREATE TRIGGER users_deleted_live_event AFTER DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION live_event_user_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER users_deleted_live_event ON users');
    await queryRunner.query('DROP TRIGGER users_live_event ON users');
    await queryRunner.query('DROP FUNCTION live_event_user_changed()');
    await queryRunner.query('DROP TRIGGER users_token_version ON users');
    await queryRunner.query('DROP FUNCTION users_token_version()');
    await queryRunner.query('ALTER TABLE users DROP COLUMN token_version');
  }
}
