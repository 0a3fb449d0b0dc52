import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The creator directory's totals as counters the database keeps (issue "200k tasks, 100k creators"):
 * `creators(filter: { domainTags: [tag], minTier })` is what merchants ask most, and its exact count
 * over 100,000 creators cost as much as the page itself. Each creator counts under every tier-and-key
 * pair of its tier and its tags, their parents and '' (any tag), as the feed's counters do
 * (`task_feed_keys`, migration ScaleCountersAndLedger), so every path that signs a creator up, changes
 * their tags or tier, or deletes them keeps the totals right.
 */
export class CreatorDirectoryCounters1796010000000 implements MigrationInterface {
  name = 'CreatorDirectoryCounters1796010000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE creator_directory_counters (
        tag varchar(60) NOT NULL,
        tier varchar(20) NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (tag, tier)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION creator_directory_count() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_tier text := CASE WHEN TG_OP <> 'INSERT' THEN OLD.tier::text END;
        new_tier text := CASE WHEN TG_OP <> 'DELETE' THEN NEW.tier::text END;
        old_tags varchar[] := CASE WHEN TG_OP <> 'INSERT' THEN OLD.domain_tags END;
        new_tags varchar[] := CASE WHEN TG_OP <> 'DELETE' THEN NEW.domain_tags END;
      BEGIN
        IF old_tier = new_tier AND old_tags = new_tags THEN
          RETURN NULL;
        END IF;
        -- One statement, keys in a fixed order: two transactions take the counter rows in the same order.
        INSERT INTO creator_directory_counters (tag, tier, n)
        SELECT tag, tier, sum(delta)
          FROM (
            SELECT key AS tag, old_tier AS tier, -1 AS delta FROM task_feed_keys(old_tags) key WHERE old_tier IS NOT NULL
            UNION ALL
            SELECT key, new_tier, 1 FROM task_feed_keys(new_tags) key WHERE new_tier IS NOT NULL
          ) deltas
         GROUP BY tag, tier
        HAVING sum(delta) <> 0
         ORDER BY tag, tier
        ON CONFLICT (tag, tier) DO UPDATE SET n = creator_directory_counters.n + EXCLUDED.n;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER creator_directory_count AFTER INSERT OR UPDATE OR DELETE ON creators
        FOR EACH ROW EXECUTE FUNCTION creator_directory_count()`);
    await queryRunner.query(`
      INSERT INTO creator_directory_counters (tag, tier, n)
      SELECT key, c.tier::text, count(*)
        FROM creators c CROSS JOIN LATERAL task_feed_keys(c.domain_tags) key
       GROUP BY key, c.tier`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER creator_directory_count ON creators');
    await queryRunner.query('DROP FUNCTION creator_directory_count()');
    await queryRunner.query('DROP TABLE creator_directory_counters');
  }
}
