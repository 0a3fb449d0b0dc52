import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchemaSdl } from '../graphql/schema-sdl';

/** `npm run schema`: writes apps/api/schema.gql, which is committed and checked against the contract. */
buildSchemaSdl()
  .then((sdl) => {
    const file = join(process.cwd(), 'apps/api/schema.gql');
    writeFileSync(file, sdl);
    console.log(`wrote ${file}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
