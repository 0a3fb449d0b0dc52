import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrationsLocked } from '@vtask/database';
import { loadConfig } from '../config';
import { createDataSource, resolveDatabase } from '../database';

/**
 * `npm run migration:run | migration:revert | migration:show | migration:generate -- <Name>`, against the
 * same DataSource and database the API uses (the embedded PostgreSQL when DATABASE_URL is unset).
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  const database = await resolveDatabase(config, () => undefined);
  const dataSource = createDataSource(database.url, 2);
  await dataSource.initialize();
  try {
    switch (command) {
      case 'run': {
        const applied = await runMigrationsLocked(dataSource);
        console.log(
          applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'no pending migrations',
        );
        break;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('reverted the last migration');
        break;
      case 'show': {
        const pending = await dataSource.showMigrations();
        console.log(pending ? 'there are pending migrations' : 'all migrations are applied');
        break;
      }
      case 'generate':
        generate(name, await dataSource.driver.createSchemaBuilder().log());
        break;
      default:
        console.error('usage: migrate run | revert | show | generate <Name>');
        process.exitCode = 2;
    }
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}

/** Writes the schema difference between the entities and the database as a new migration file. */
function generate(name: string | undefined, sql: { upQueries: Query[]; downQueries: Query[] }): void {
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('migration:generate needs a PascalCase name, e.g. npm run migration:generate -- AddOrders');
    process.exitCode = 2;
    return;
  }
  if (!sql.upQueries.length) {
    console.log('no changes: the database matches the entities');
    return;
  }
  // TypeORM emits an enum type shared by several tables (enumName) once per table; keep one of each.
  const up = keepOnce(sql.upQueries, /^CREATE TYPE (\S+)/, 'first');
  const down = keepOnce([...sql.downQueries].reverse(), /^DROP TYPE (\S+)/, 'last');
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const lines = (queries: Query[]) =>
    queries
      .map(
        (q) =>
          `    await queryRunner.query(${JSON.stringify(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`,
      )
      .join('\n');
  const file = join(process.cwd(), 'migrations', `${timestamp}-${name}.ts`);
  writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`,
  );
  console.log(`wrote ${file}; add it to migrations/index.ts and read it before committing`);
}

/** Keeps only the first (or last) query of each name captured by `pattern`; others pass through. */
function keepOnce(queries: Query[], pattern: RegExp, which: 'first' | 'last'): Query[] {
  const ordered = which === 'first' ? queries : [...queries].reverse();
  const seen = new Set<string>();
  const kept = ordered.filter((q) => {
    const name = pattern.exec(q.query)?.[1];
    if (!name) return true;
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  return which === 'first' ? kept : kept.reverse();
}

interface Query {
  query: string;
  parameters?: unknown[];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
