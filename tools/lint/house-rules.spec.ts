import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The house rules fail when they should. Both tools run as `npm run lint` runs them, on the repository's
 * own configuration (eslint.config.mjs, .dependency-cruiser.cjs), over small fixture sources.
 */
const ROOT = resolve(__dirname, '../..');

interface EslintMessage {
  ruleId: string | null;
  message: string;
}

interface LintCase {
  filePath: string;
  source: string;
  messages?: EslintMessage[];
}

/** The cases the specs below declare; all are linted in one ESLint process before the first spec runs. */
const lintCases: LintCase[] = [];

/** A source to lint as if it lived at `filePath` in the repository; its messages are read in a spec. */
function lintCase(filePath: string, source: string): () => EslintMessage[] {
  const declared: LintCase = { filePath, source };
  lintCases.push(declared);
  return () => {
    if (!declared.messages) throw new Error(`not linted: ${filePath}`);
    return declared.messages;
  };
}

beforeAll(() => {
  const run = spawnSync(process.execPath, [join(ROOT, 'tools/lint/lint-texts.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(lintCases.map(({ filePath, source }) => ({ filePath, source }))),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  const messages = JSON.parse(run.stdout) as EslintMessage[][];
  lintCases.forEach((declared, i) => (declared.messages = messages[i]));
});

const houseRules = (messages: EslintMessage[]) =>
  messages.filter((m) => m.ruleId?.startsWith('house/')).map((m) => `${m.ruleId}: ${m.message}`);

describe('house/no-foreign-table', () => {
  const foreignTables = lintCase(
    'libs/venues/src/fixture.ts',
    [
      "export const a = 'SELECT 1 FROM orders o WHERE o.id = $1';",
      'export const b = (id: string) => `SELECT * FROM venues v JOIN tasks t ON t.id = ${id}`;',
      "export const c = 'UPDATE bids SET status = $1';",
      "export const d = 'SELECT m.user_id FROM merchants m, creators c WHERE m.id = $1';",
    ].join('\n'),
  );
  it("fails on another library's table named in SQL, in strings and template literals", () => {
    expect(houseRules(foreignTables())).toEqual([
      expect.stringMatching(/house\/no-foreign-table: .*'orders' of library 'orders'/),
      expect.stringMatching(/house\/no-foreign-table: .*'tasks' of library 'marketplace'/),
      expect.stringMatching(/house\/no-foreign-table: .*'bids' of library 'marketplace'/),
      expect.stringMatching(/house\/no-foreign-table: .*'merchants' of library 'accounts'/),
      expect.stringMatching(/house\/no-foreign-table: .*'creators' of library 'accounts'/),
    ]);
  });

  const ownTablesAndProse = lintCase(
    'libs/venues/src/fixture.ts',
    "export const a = 'SELECT * FROM venues v JOIN venue_submissions s ON s.venue_id = v.id';\n" +
      "export const b = 'Remove it from orders first.';\n",
  );
  it('lets a library name its own tables, and leaves prose alone', () => {
    expect(houseRules(ownTablesAndProse())).toEqual([]);
  });

  const readModelSql = "export const a = 'SELECT t.id FROM tasks t JOIN bids b ON b.task_id = t.id';\n";
  const inListedFile = lintCase('libs/matching/src/matching.service.ts', readModelSql);
  const elsewhere = lintCase('libs/matching/src/elsewhere.ts', readModelSql);
  it('lets a listed read model read the tables it lists, in the files it lists only', () => {
    expect(houseRules(inListedFile())).toEqual([]);
    expect(houseRules(elsewhere())).toHaveLength(2);
  });
});

describe('house/no-foreign-entity and house/no-entity-export', () => {
  const foreignEntity = lintCase(
    'libs/venues/src/fixture.ts',
    "import { CreatorEntity, meetsTier } from '@vtask/accounts';\n" +
      "import type { UserEntity } from '@vtask/accounts';\n" +
      'export const use = (u: UserEntity) => [CreatorEntity, meetsTier, u];\n',
  );
  it("fails on another library's entity class imported as a value, not on its type", () => {
    expect(houseRules(foreignEntity())).toEqual([
      expect.stringMatching(/house\/no-foreign-entity: .*CreatorEntity of library 'accounts'/),
    ]);
  });

  const entityExports = lintCase(
    'libs/venues/src/index.ts',
    "export * from './entities';\nexport { VenueEntity } from './entities/venue.entity';\n" +
      "export type { VenueSubmissionEntity } from './entities/venue-submission.entity';\n",
  );
  it("fails on a library's index.ts exporting its entities", () => {
    expect(houseRules(entityExports())).toEqual([
      expect.stringMatching(/house\/no-entity-export: .*'export \*'/),
      expect.stringMatching(/house\/no-entity-export: .*'VenueEntity'/),
    ]);
  });
});

describe('dependency-cruiser rules', () => {
  let fixture: string;

  beforeAll(() => {
    fixture = mkdtempSync(join(tmpdir(), 'vtask-depcruise-'));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          baseUrl: '.',
          paths: { '@vtask/orders': ['libs/orders/src'], '@vtask/venues': ['libs/venues/src'] },
        },
      }),
      'libs/orders/src/entities/order.entity.ts': 'export class OrderEntity {}\n',
      'libs/orders/src/order-status.ts': "export const COMPLETED = 'COMPLETED';\n",
      'libs/orders/src/index.ts': "export { COMPLETED } from './order-status';\n",
      // A foreign entity, reached past the public face.
      'libs/venues/src/submissions.ts':
        "import { OrderEntity } from '../../orders/src/entities/order.entity';\nexport const x = OrderEntity;\n",
      // Another file inside orders, past its index.ts.
      'libs/venues/src/status.ts':
        "import { COMPLETED } from '../../orders/src/order-status';\nexport const y = COMPLETED;\n",
      'libs/venues/src/index.ts': "export const VENUES = 'venues';\n",
      // Upward: orders sits below venues.
      'libs/orders/src/upward.ts': "import { VENUES } from '@vtask/venues';\nexport const z = VENUES;\n",
      // Downward, through the index: allowed.
      'libs/venues/src/fine.ts': "import { COMPLETED } from '@vtask/orders';\nexport const w = COMPLETED;\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(fixture, path)), { recursive: true });
      writeFileSync(join(fixture, path), text);
    }
  });

  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('fails on a foreign entity import, an import past a public face and an upward import', () => {
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
        'libs',
        '--config',
        join(ROOT, '.dependency-cruiser.cjs'),
        '--output-type',
        'json',
      ],
      { cwd: fixture, encoding: 'utf8' },
    );
    const result = JSON.parse(run.stdout) as {
      summary: { violations: { rule: { name: string }; from: string; to: string }[] };
    };
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
    expect(violations).toEqual([
      'layer-order: libs/orders/src/upward.ts -> libs/venues/src/index.ts',
      'no-foreign-entity: libs/venues/src/submissions.ts -> libs/orders/src/entities/order.entity.ts',
      'public-face-only: libs/venues/src/status.ts -> libs/orders/src/order-status.ts',
      'public-face-only: libs/venues/src/submissions.ts -> libs/orders/src/entities/order.entity.ts',
    ]);
  });
});
