// Typed operations for the console: `npm run codegen`.
// The schema is the API's committed apps/api/schema.gql plus, while they are still being built, the
// contract's types and fields that the served schema does not have yet (../shared/contract, when that
// folder is there). Pages that use those parts ask for them in queries of their own and hide or
// explain the section while the API does not answer them (see src/graphql/optional.ts).
import { codegen } from '@graphql-codegen/core';
import * as typedDocumentNode from '@graphql-codegen/typed-document-node';
import * as typescriptOperations from '@graphql-codegen/typescript-operations';
import { buildSchema, Kind, parse, print, validate } from 'graphql';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(WEB, '../..');
const SERVED = join(ROOT, 'apps/api/schema.gql');
const CONTRACT = join(ROOT, '../shared/contract/schema.graphql');
const OPERATIONS = join(WEB, 'src/graphql/operations');
const OUTPUT = join(WEB, 'src/graphql/generated.ts');
// One module of documents per operations file: a page's chunk then carries only the documents it sends
// (one module of all of them was 350 KB that every page loaded first). generated.ts re-exports them,
// so code imports types and documents from one place and the bundler still keeps each module with the
// pages that use it.
const DOCUMENTS = join(WEB, 'src/graphql/documents');

/** The contract's definitions (and fields of existing types) that the served schema lacks, as SDL. */
function notYetServed(servedSdl, contractSdl) {
  const served = buildSchema(servedSdl);
  const additions = [];
  for (const definition of parse(contractSdl).definitions) {
    if (!('name' in definition) || !definition.name || definition.kind === Kind.SCHEMA_DEFINITION) continue;
    const name = definition.name.value;
    if (name === 'Subscription') continue; // the console does not subscribe (yet)
    const existing = served.getType(name);
    if (!existing) {
      additions.push(print(definition));
      continue;
    }
    if (
      definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION
    ) {
      const have = existing.getFields();
      const missing = definition.fields.filter((field) => !have[field.name.value]);
      if (missing.length === 0) continue;
      const kind =
        definition.kind === Kind.OBJECT_TYPE_DEFINITION
          ? Kind.OBJECT_TYPE_EXTENSION
          : Kind.INPUT_OBJECT_TYPE_EXTENSION;
      additions.push(print({ kind, name: definition.name, fields: missing }));
    } else if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      const have = new Set(existing.getValues().map((value) => value.name));
      const missing = definition.values.filter((value) => !have.has(value.name.value));
      if (missing.length)
        additions.push(print({ kind: Kind.ENUM_TYPE_EXTENSION, name: definition.name, values: missing }));
    }
  }
  return additions;
}

function operationFiles(dir) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => join(dir, name));
}

const servedSdl = readFileSync(SERVED, 'utf8');
const borrowed = existsSync(CONTRACT) ? notYetServed(servedSdl, readFileSync(CONTRACT, 'utf8')) : [];
const schema = buildSchema([servedSdl, ...borrowed].join('\n\n'));
const schemaAst = parse([servedSdl, ...borrowed].join('\n\n'));

const documents = operationFiles(OPERATIONS).map((file) => ({
  location: relative(ROOT, file),
  document: parse(readFileSync(file, 'utf8')),
}));
const allDefinitions = { kind: Kind.DOCUMENT, definitions: documents.flatMap((d) => d.document.definitions) };
const problems = validate(schema, allDefinitions);
if (problems.length) {
  for (const problem of problems) console.error(`codegen: ${problem.message}`);
  process.exit(1);
}

const config = {
  enumType: 'const',
  scalars: { ID: 'string', DateTime: 'string', Decimal: 'string' },
  useTypeImports: true,
  avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: true },
  nonOptionalTypename: false,
  skipTypename: true,
  dedupeFragments: true,
};

const types = await codegen({
  filename: OUTPUT,
  schema: schemaAst,
  documents,
  plugins: [{ typescriptOperations: {} }],
  pluginMap: { typescriptOperations },
  config,
});

/** Fragments of every file, for the documents of another file that spread them (each document inlines its own). */
const fragmentsOf = (document, location) =>
  document.definitions
    .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
    .map((definition) => ({
      node: definition,
      name: definition.name.value,
      onType: definition.typeCondition.name.value,
      isExternal: true,
      importFrom: location,
    }));

const moduleName = (location) => basename(location, '.graphql');
rmSync(DOCUMENTS, { recursive: true, force: true });
mkdirSync(DOCUMENTS, { recursive: true });
const banner = (source) =>
  ['/* eslint-disable */', `// Generated by \`npm run codegen\` from ${source}; do not edit.`, ''].join('\n');
for (const { location, document } of documents) {
  const others = documents.filter((other) => other.location !== location);
  const output = await codegen({
    filename: join(DOCUMENTS, `${moduleName(location)}.ts`),
    schema: schemaAst,
    documents: [{ location, document }],
    plugins: [{ typedDocumentNode: {} }],
    pluginMap: { typedDocumentNode },
    config: {
      ...config,
      importOperationTypesFrom: 'Types',
      externalFragments: others.flatMap((other) => fragmentsOf(other.document, other.location)),
    },
  });
  writeFileSync(
    join(DOCUMENTS, `${moduleName(location)}.ts`),
    `${banner(`src/graphql/operations/${basename(location)}`)}import type * as Types from '../generated';\n${output}`,
  );
}

const header = [
  '/* eslint-disable */',
  '// Generated by `npm run codegen` from apps/api/schema.gql and src/graphql/operations; do not edit.',
  borrowed.length
    ? `// Not served yet, taken from the contract: ${borrowed.length} definitions (see scripts/codegen.mjs).`
    : '// Every type used is served by the API.',
  '',
].join('\n');
const reexports = documents
  .map(({ location }) => `export * from './documents/${moduleName(location)}';`)
  .join('\n');
writeFileSync(OUTPUT, `${header}${types}\n${reexports}\n`);
console.log(
  `codegen: ${relative(ROOT, OUTPUT)} and ${documents.length} modules of documents in ${relative(ROOT, DOCUMENTS)} ` +
    `from ${documents.length} files (${borrowed.length} contract additions)`,
);
