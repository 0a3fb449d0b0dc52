import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Marketplace scale (issue "200k tasks, 100k creators, 1M bids"):
 * 1. The public feed's totals as counters kept by the database itself, so `tasks { totalCount }` is one
 *    indexed read instead of a count over every open task, and stays right on every path that changes a
 *    task (posting, publishing, closing, cancelling, completing, and any reopening added later).
 * 2. Indexes for the feed's orders and text search, the creator directory and the admin's order list.
 * 3. No running balance for `external:*` and `platform:*`: every FUND updated `external:<provider>` and
 *    every RELEASE `platform:fees`, one row each, which serialized all orders; and money outside the
 *    platform has no balance to guard, while one merchant's volume could push that row past bigint
 *    (SPEC "Ledger"). Their balance is the sum of their entries when someone asks.
 */
export class ScaleCountersAndLedger1796000000000 implements MigrationInterface {
  name = 'ScaleCountersAndLedger1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // 1. Feed counters: public tasks per status and filter tag ('' = any tag). A tag filter matches a
    //    task carrying the tag or one of its children (TagsService.expand), so each task counts under its
    //    own tags and their parents. Rows are striped (8 per key) so concurrent changes rarely wait on
    //    one row; a read sums the stripes.
    await queryRunner.query(`
      CREATE TABLE task_feed_counters (
        tag varchar(60) NOT NULL,
        status varchar(20) NOT NULL,
        stripe smallint NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (tag, status, stripe)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION task_feed_keys(tags varchar[]) RETURNS SETOF varchar LANGUAGE sql STABLE AS $$
        SELECT ''::varchar
        UNION SELECT unnest(tags)
        UNION SELECT parent_slug FROM domain_tags WHERE slug = ANY(tags) AND parent_slug IS NOT NULL
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION task_feed_count() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_counts boolean := TG_OP <> 'INSERT' AND OLD.visibility = 'PUBLIC';
        new_counts boolean := TG_OP <> 'DELETE' AND NEW.visibility = 'PUBLIC';
        old_status text := CASE WHEN TG_OP <> 'INSERT' THEN OLD.status::text END;
        new_status text := CASE WHEN TG_OP <> 'DELETE' THEN NEW.status::text END;
        old_tags varchar[] := CASE WHEN TG_OP <> 'INSERT' THEN OLD.domain_tags END;
        new_tags varchar[] := CASE WHEN TG_OP <> 'DELETE' THEN NEW.domain_tags END;
      BEGIN
        IF old_counts = new_counts AND old_status = new_status AND old_tags = new_tags THEN
          RETURN NULL;
        END IF;
        -- One statement, keys in a fixed order: two transactions take the counter rows in the same order.
        INSERT INTO task_feed_counters (tag, status, stripe, n)
        SELECT tag, status, floor(random() * 8)::smallint, sum(delta)
          FROM (
            SELECT key AS tag, old_status AS status, -1 AS delta FROM task_feed_keys(old_tags) key WHERE old_counts
            UNION ALL
            SELECT key, new_status, 1 FROM task_feed_keys(new_tags) key WHERE new_counts
          ) deltas
         GROUP BY tag, status
        HAVING sum(delta) <> 0
         ORDER BY tag, status
        ON CONFLICT (tag, status, stripe) DO UPDATE SET n = task_feed_counters.n + EXCLUDED.n;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER task_feed_count AFTER INSERT OR UPDATE OR DELETE ON tasks
        FOR EACH ROW EXECUTE FUNCTION task_feed_count()`);
    await queryRunner.query(`
      INSERT INTO task_feed_counters (tag, status, stripe, n)
      SELECT key, t.status::text, 0, count(*)
        FROM tasks t CROSS JOIN LATERAL task_feed_keys(t.domain_tags) key
       WHERE t.visibility = 'PUBLIC'
       GROUP BY key, t.status`);

    // The public cache of anonymous reads forgets its answers when any task is written (live events).
    await queryRunner.query(`
      CREATE FUNCTION live_event_task_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('vtask_live', json_build_object('kind', 'task', 'id', NEW.id)::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER tasks_live_event AFTER INSERT OR UPDATE ON tasks
        FOR EACH ROW EXECUTE FUNCTION live_event_task_changed()`);

    // 2. The feed walks an index in each of its orders and stops after a page; text search uses trigrams.
    await queryRunner.query(`
      CREATE INDEX tasks_public_feed_newest ON tasks (status, created_at DESC, id DESC)
        WHERE visibility = 'PUBLIC'`);
    await queryRunner.query(`
      CREATE INDEX tasks_public_feed_apply_by ON tasks (status, apply_by, id) WHERE visibility = 'PUBLIC'`);
    await queryRunner.query(`
      CREATE INDEX tasks_public_feed_budget ON tasks (status, budget_minor DESC, id DESC)
        WHERE visibility = 'PUBLIC'`);
    await queryRunner.query(`
      CREATE INDEX tasks_text_trgm ON tasks USING gin ((title || ' ' || brief) gin_trgm_ops)`);
    await queryRunner.query('CREATE INDEX creators_newest ON creators (created_at DESC, id DESC)');
    await queryRunner.query('CREATE INDEX orders_newest ON orders (created_at DESC, id DESC)');

    // 3. Running balances only where a balance is guarded or read on the hot path.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ledger_apply_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.account LIKE 'external:%' OR NEW.account LIKE 'platform:%' THEN
          RETURN NEW;
        END IF;
        -- Update first: INSERT ... ON CONFLICT checks the CHECK constraint on the proposed row (a debit)
        -- before it finds the conflict, so it cannot be the path for an existing balance.
        UPDATE ledger_balances SET balance_minor = balance_minor + NEW.amount_minor
          WHERE account = NEW.account AND currency = NEW.currency;
        IF NOT FOUND THEN
          INSERT INTO ledger_balances (account, currency, balance_minor)
            VALUES (NEW.account, NEW.currency, NEW.amount_minor)
            ON CONFLICT (account, currency) DO UPDATE SET balance_minor = ledger_balances.balance_minor + EXCLUDED.balance_minor;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `DELETE FROM ledger_balances WHERE account LIKE 'external:%' OR account LIKE 'platform:%'`,
    );
    await queryRunner.query('ALTER TABLE ledger_balances DROP CONSTRAINT ledger_balances_non_negative');
    await queryRunner.query(`
      ALTER TABLE ledger_balances ADD CONSTRAINT ledger_balances_non_negative CHECK (balance_minor >= 0)`);
    await queryRunner.query(`
      ALTER TABLE ledger_balances ADD CONSTRAINT ledger_balances_kept_accounts
        CHECK (account NOT LIKE 'external:%' AND account NOT LIKE 'platform:%')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE ledger_balances DROP CONSTRAINT ledger_balances_kept_accounts');
    await queryRunner.query('ALTER TABLE ledger_balances DROP CONSTRAINT ledger_balances_non_negative');
    await queryRunner.query(`
      ALTER TABLE ledger_balances ADD CONSTRAINT ledger_balances_non_negative
        CHECK (account LIKE 'external:%' OR balance_minor >= 0)`);
    await queryRunner.query(`
      INSERT INTO ledger_balances (account, currency, balance_minor)
      SELECT account, currency, sum(amount_minor) FROM ledger_entries
       WHERE account LIKE 'external:%' OR account LIKE 'platform:%'
       GROUP BY account, currency`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ledger_apply_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE ledger_balances SET balance_minor = balance_minor + NEW.amount_minor
          WHERE account = NEW.account AND currency = NEW.currency;
        IF NOT FOUND THEN
          INSERT INTO ledger_balances (account, currency, balance_minor)
            VALUES (NEW.account, NEW.currency, NEW.amount_minor)
            ON CONFLICT (account, currency) DO UPDATE SET balance_minor = ledger_balances.balance_minor + EXCLUDED.balance_minor;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query('DROP INDEX orders_newest');
    await queryRunner.query('DROP INDEX creators_newest');
    await queryRunner.query('DROP INDEX tasks_text_trgm');
    await queryRunner.query('DROP INDEX tasks_public_feed_budget');
    await queryRunner.query('DROP INDEX tasks_public_feed_apply_by');
    await queryRunner.query('DROP INDEX tasks_public_feed_newest');
    await queryRunner.query('DROP TRIGGER tasks_live_event ON tasks');
    await queryRunner.query('DROP FUNCTION live_event_task_changed()');
    await queryRunner.query('DROP TRIGGER task_feed_count ON tasks');
    await queryRunner.query('DROP FUNCTION task_feed_count()');
    await queryRunner.query('DROP FUNCTION task_feed_keys(varchar[])');
    await queryRunner.query('DROP TABLE task_feed_counters');
  }
}
