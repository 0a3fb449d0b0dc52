import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchemaSdl } from '../graphql/schema-sdl';

/**
 * `npm run schema`: writes apps/api/schema.gql, which is committed and checked against the contract.
 * An optional path writes elsewhere, so a test can compare what the code generates with the committed
 * file without touching it: `node dist/apps/api/src/cli/print-schema.js /tmp/schema.gql`.
 */
const target = resolve(process.argv[2] ?? 'apps/api/schema.gql');

buildSchemaSdl()
  .then((sdl) => {
    writeFileSync(target, sdl);
    console.log(`wrote ${target}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
