import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { startTestServer, type TestServer } from './support/harness';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const COMMITTED = join(ROOT, 'apps/api/schema.gql');

// The contract itself lives beside the clone (../shared), so `.ci/run` checks it; `npm test` runs from a clone alone.
describe('the schema', () => {
  let server: TestServer;
  let scratch: string;
  beforeAll(async () => {
    server = await startTestServer();
    scratch = mkdtempSync(join(tmpdir(), 'vtask-schema-'));
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await server.close();
  });

  it('committed in apps/api/schema.gql is what the code generates (run `npm run schema` after changing it)', async () => {
    const generated = join(scratch, 'schema.gql');
    await run(process.execPath, [join(ROOT, 'dist/apps/api/src/cli/print-schema.js'), generated], {
      cwd: ROOT,
    });
    expect(readFileSync(generated, 'utf8')).toBe(readFileSync(COMMITTED, 'utf8'));
  });

  it('served over HTTP is the committed one', async () => {
    const data = await server.gql.ok<IntrospectionQuery>(getIntrospectionQuery({ descriptions: true }));
    const served = printSchema(lexicographicSortSchema(buildClientSchema(data)));
    const committed = printSchema(lexicographicSortSchema(buildSchema(readFileSync(COMMITTED, 'utf8'))));
    expect(served).toBe(committed);
  });
});
