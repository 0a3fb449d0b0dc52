// @ts-check
/**
 * The house rules that dependency-cruiser cannot see, as a small local ESLint plugin.
 *
 * - `no-foreign-table`: a library's SQL (string and template literals) names only its own tables, or
 *   tables it is explicitly allowed to read (a read model, listed with why in eslint.config.mjs).
 *   Renaming a column in orders must not silently break SQL in another library.
 * - `no-entity-export`: a library's index.ts is its public face and does not export entity classes
 *   (types are fine: `export type`), so no other library can reach into its tables through it.
 *
 * CommonJS so that both eslint.config.mjs and the Jest spec (which runs in CommonJS) can load it.
 */
const fs = require('node:fs');
const path = require('node:path');

/** The owning library of each table, read from the `@Entity('name')` decorators under libs/<lib>/src. */
function readTableOwners(rootDir) {
  /** @type {Record<string, string>} */
  const owners = {};
  const libsDir = path.join(rootDir, 'libs');
  for (const lib of fs.readdirSync(libsDir)) {
    const srcDir = path.join(libsDir, lib, 'src');
    if (!fs.existsSync(srcDir)) continue;
    for (const file of walk(srcDir)) {
      if (!file.endsWith('.entity.ts')) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/@Entity\(\s*['"]([a-z0-9_]+)['"]/g)) owners[match[1]] = lib;
    }
  }
  return owners;
}

/** The entity classes of each library, read from `@Entity(...) export class XEntity` under libs/<lib>/src. */
function readEntityClasses(rootDir) {
  /** @type {Record<string, string[]>} */
  const classes = {};
  const libsDir = path.join(rootDir, 'libs');
  for (const lib of fs.readdirSync(libsDir)) {
    const srcDir = path.join(libsDir, lib, 'src');
    if (!fs.existsSync(srcDir)) continue;
    for (const file of walk(srcDir)) {
      if (!file.endsWith('.entity.ts')) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/@Entity\([^)]*\)[^]*?export class (\w+)/g))
        (classes[lib] ??= []).push(match[1]);
    }
  }
  return classes;
}

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** The library a file belongs to, from its path (`libs/<lib>/src/...`), or undefined outside libs. */
function libOf(filename) {
  const match = /(?:^|[\\/])libs[\\/]([^\\/]+)[\\/]src[\\/]/.exec(filename);
  return match ? match[1] : undefined;
}

// SQL keywords that name a table right after them. Upper case: the house writes SQL keywords in capitals,
// which keeps English prose ("remove it from orders") out of the rule's way.
const TABLE_NAME = String.raw`(?:"?public"?\.)?"?[a-z_][a-z0-9_]*\b"?(?!\s*\()`;
const TABLE_ALIAS = String.raw`(?:\s+(?:AS\s+)?(?!ON\b|WHERE\b|JOIN\b|USING\b|SET\b|LEFT\b|INNER\b)[a-z_][a-z0-9_]*)?`;
// A keyword, then one table or a comma-separated list of them (`FROM merchants m, creators c`).
const TABLE_REFERENCE = new RegExp(
  String.raw`\b(?:FROM|JOIN|UPDATE|INTO|TABLE|USING)\s+(?:ONLY\s+)?(${TABLE_NAME}${TABLE_ALIAS}(?:\s*,\s*${TABLE_NAME}${TABLE_ALIAS})*)`,
  'g',
);

/** @type {import('eslint').Rule.RuleModule} */
const noForeignTable = {
  meta: {
    type: 'problem',
    docs: { description: "A library's SQL names only its own tables, or the tables its read model lists." },
    schema: [
      {
        type: 'object',
        properties: {
          tables: { type: 'object', additionalProperties: { type: 'string' } },
          readModels: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                lib: { type: 'string' },
                files: { type: 'array', items: { type: 'string' } },
                tables: { type: 'array', items: { type: 'string' } },
                why: { type: 'string' },
              },
              required: ['lib', 'tables', 'why'],
              additionalProperties: false,
            },
          },
        },
        required: ['tables'],
        additionalProperties: false,
      },
    ],
    messages: {
      foreignTable:
        "Library '{{lib}}' names table '{{table}}' of library '{{owner}}' in SQL: ask {{owner}}'s service or a read port (or list a read model with why).",
    },
  },
  create(context) {
    const lib = libOf(context.filename);
    if (!lib) return {};
    const { tables, readModels = [] } = context.options[0] ?? { tables: {} };
    const relative = path.relative(context.cwd, context.filename).split(path.sep).join('/');
    const allowed = new Set(
      readModels
        .filter(
          (model) =>
            model.lib === lib && (!model.files || model.files.some((file) => relative.endsWith(file))),
        )
        .flatMap((model) => model.tables),
    );

    /** @param {import('estree').Node} node @param {string} text */
    function check(node, text) {
      const named = [...text.matchAll(TABLE_REFERENCE)].flatMap((match) =>
        match[1].split(',').map((part) =>
          part
            .trim()
            .split(/\s+/)[0]
            .replace(/^"?public"?\./, '')
            .replace(/"/g, ''),
        ),
      );
      for (const table of new Set(named)) {
        const owner = tables[table];
        if (owner && owner !== lib && !allowed.has(table)) {
          context.report({ node, messageId: 'foreignTable', data: { lib, table, owner } });
        }
      }
    }

    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateLiteral(node) {
        // `${...}` parts are joined with a space so that `FROM ${alias}` never glues to a neighbour.
        check(node, node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join(' '));
      },
    };
  },
};

/** @type {import('eslint').Rule.RuleModule} */
const noEntityExport = {
  meta: {
    type: 'problem',
    docs: { description: "A library's index.ts does not export its entities." },
    schema: [],
    messages: {
      entityExport:
        "index.ts is the library's public face: export services, commands, ports and types, not entities ('{{what}}'). Use `export type` for a type others need.",
    },
  },
  create(context) {
    if (!libOf(context.filename) || path.basename(context.filename) !== 'index.ts') return {};
    if (/[\\/]entities[\\/]index\.ts$/.test(context.filename)) return {};
    const fromEntities = (/** @type {any} */ node) =>
      /(^|\/)entities(\/|$)/.test(String(node.source?.value ?? ''));
    return {
      ExportAllDeclaration(node) {
        if (fromEntities(node))
          context.report({ node, messageId: 'entityExport', data: { what: 'export *' } });
      },
      /** @param {any} node */
      ExportNamedDeclaration(node) {
        if (node.exportKind === 'type') return;
        for (const specifier of node.specifiers ?? []) {
          if (specifier.exportKind === 'type') continue;
          const name = specifier.exported.name ?? specifier.exported.value;
          if (/Entity$/.test(name)) {
            context.report({ node: specifier, messageId: 'entityExport', data: { what: name } });
          }
        }
      },
    };
  },
};

/** @type {import('eslint').Rule.RuleModule} */
const noForeignEntity = {
  meta: {
    type: 'problem',
    docs: { description: "A library does not use another library's entity classes (a type import is fine)." },
    schema: [{ type: 'object', properties: { entities: { type: 'object' } }, additionalProperties: false }],
    messages: {
      foreignEntity:
        "Library '{{lib}}' uses entity {{name}} of library '{{owner}}': ask {{owner}}'s service or a read port (`import type` for its shape).",
    },
  },
  create(context) {
    const lib = libOf(context.filename) ?? (/(^|[\\/])apps[\\/]/.test(context.filename) ? 'apps' : undefined);
    if (!lib) return {};
    /** @type {Record<string, string[]>} */
    const entities = context.options[0]?.entities ?? {};
    return {
      /** @param {any} node */
      ImportDeclaration(node) {
        const owner = /^@vtask\/([a-z-]+)$/.exec(String(node.source.value))?.[1];
        if (!owner || owner === lib || node.importKind === 'type') return;
        for (const specifier of node.specifiers) {
          if (specifier.type !== 'ImportSpecifier' || specifier.importKind === 'type') continue;
          const name = specifier.imported.name ?? specifier.imported.value;
          if (entities[owner]?.includes(name))
            context.report({ node: specifier, messageId: 'foreignEntity', data: { lib, name, owner } });
        }
      },
    };
  },
};

module.exports = {
  meta: { name: 'vtask-house' },
  rules: {
    'no-foreign-table': noForeignTable,
    'no-entity-export': noEntityExport,
    'no-foreign-entity': noForeignEntity,
  },
  readTableOwners,
  readEntityClasses,
};
