import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live changes for subscriptions, across server instances (libs/notifications LiveEvents): every
 * notification stored and every order status change sends a NOTIFY on channel `vtask_live` with ids
 * only. Sent by triggers, inside the writing transaction: PostgreSQL delivers a NOTIFY only when its
 * transaction commits, and no writer (a service, a bulk update, a timer, a repair script) can forget it.
 */
export class LiveEvents1795694300000 implements MigrationInterface {
  name = 'LiveEvents1795694300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION live_event_notification_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('vtask_live', json_build_object('kind', 'notification', 'id', NEW.id, 'userId', NEW.user_id)::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER notifications_live_event AFTER INSERT ON notifications
        FOR EACH ROW EXECUTE FUNCTION live_event_notification_added()`);
    await queryRunner.query(`
      CREATE FUNCTION live_event_order_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('vtask_live', json_build_object('kind', 'order', 'id', NEW.id)::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER orders_live_event AFTER UPDATE OF status ON orders
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION live_event_order_updated()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER orders_live_event ON orders`);
    await queryRunner.query(`DROP FUNCTION live_event_order_updated()`);
    await queryRunner.query(`DROP TRIGGER notifications_live_event ON notifications`);
    await queryRunner.query(`DROP FUNCTION live_event_notification_added()`);
  }
}
