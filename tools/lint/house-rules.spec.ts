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

/** ESLint's messages for this source, linted as if it lived at `filePath` in the repository. */
function eslint(filePath: string, source: string): EslintMessage[] {
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/eslint/bin/eslint.js'),
      '--stdin',
      '--stdin-filename',
      filePath,
      '--format',
      'json',
    ],
    { cwd: ROOT, input: source, encoding: 'utf8' },
  );
  if (run.status !== 0 && run.status !== 1) throw new Error(`eslint failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { messages: EslintMessage[] }[])[0].messages;
}

const houseRules = (messages: EslintMessage[]) =>
  messages.filter((m) => m.ruleId?.startsWith('house/')).map((m) => `${m.ruleId}: ${m.message}`);

describe('house/no-foreign-table', () => {
  it("fails on another library's table named in SQL, in strings and template literals", () => {
    const found = houseRules(
      eslint(
        'libs/venues/src/fixture.ts',
        [
          "export const a = 'SELECT 1 FROM orders o WHERE o.id = $1';",
          'export const b = (id: string) => `SELECT * FROM venues v JOIN tasks t ON t.id = ${id}`;',
          "export const c = 'UPDATE bids SET status = $1';",
          "export const d = 'SELECT m.user_id FROM merchants m, creators c WHERE m.id = $1';",
        ].join('\n'),
      ),
    );
    expect(found).toEqual([
      expect.stringMatching(/house\/no-foreign-table: .*'orders' of library 'orders'/),
      expect.stringMatching(/house\/no-foreign-table: .*'tasks' of library 'marketplace'/),
      expect.stringMatching(/house\/no-foreign-table: .*'bids' of library 'marketplace'/),
      expect.stringMatching(/house\/no-foreign-table: .*'merchants' of library 'accounts'/),
      expect.stringMatching(/house\/no-foreign-table: .*'creators' of library 'accounts'/),
    ]);
  });

  it('lets a library name its own tables, and leaves prose alone', () => {
    const found = houseRules(
      eslint(
        'libs/venues/src/fixture.ts',
        "export const a = 'SELECT * FROM venues v JOIN venue_submissions s ON s.venue_id = v.id';\n" +
          "export const b = 'Remove it from orders first.';\n",
      ),
    );
    expect(found).toEqual([]);
  });

  it('lets a listed read model read the tables it lists, in the files it lists only', () => {
    const sql = "export const a = 'SELECT t.id FROM tasks t JOIN bids b ON b.task_id = t.id';\n";
    expect(houseRules(eslint('libs/matching/src/matching.service.ts', sql))).toEqual([]);
    expect(houseRules(eslint('libs/matching/src/elsewhere.ts', sql))).toHaveLength(2);
  });
});

describe('house/no-foreign-entity and house/no-entity-export', () => {
  it("fails on another library's entity class imported as a value, not on its type", () => {
    const found = houseRules(
      eslint(
        'libs/venues/src/fixture.ts',
        "import { CreatorEntity, meetsTier } from '@vtask/accounts';\n" +
          "import type { UserEntity } from '@vtask/accounts';\n" +
          'export const use = (u: UserEntity) => [CreatorEntity, meetsTier, u];\n',
      ),
    );
    expect(found).toEqual([
      expect.stringMatching(/house\/no-foreign-entity: .*CreatorEntity of library 'accounts'/),
    ]);
  });

  it("fails on a library's index.ts exporting its entities", () => {
    const found = houseRules(
      eslint(
        'libs/venues/src/index.ts',
        "export * from './entities';\nexport { VenueEntity } from './entities/venue.entity';\n" +
          "export type { VenueSubmissionEntity } from './entities/venue-submission.entity';\n",
      ),
    );
    expect(found).toEqual([
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
