import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The creators table and their match profiles are read by many small requests at once (the square, the
 * directory, profiles), never by one report that has the machine to itself. A parallel plan there starts two workers per statement
 * and, under load, takes cores other requests are waiting for; it also hides from the planner the plan a
 * text search wants: its trigram indexes ORed into one bitmap. With parallel scans on, a count of a word
 * in an eighth of the bios ran as a parallel scan of all 100,000 rows (160 ms over three processes);
 * without, through the bitmap (37 ms on one). PostgreSQL 15, the directory bench (issues 12 and 16).
 */
export class SerialCreatorScans1796800000000 implements MigrationInterface {
  name = 'SerialCreatorScans1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE creators SET (parallel_workers = 0)');
    await queryRunner.query('ALTER TABLE creator_match_profiles SET (parallel_workers = 0)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE creator_match_profiles RESET (parallel_workers)');
    await queryRunner.query('ALTER TABLE creators RESET (parallel_workers)');
  }
}
