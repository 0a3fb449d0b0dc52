// @ts-check
/**
 * The house's import rules (run by `npm run lint`): layers, public faces, no foreign entities.
 * The SQL side of the same rules ("no foreign table") is the ESLint rule house/no-foreign-table.
 */

/** Layers, bottom to top: a library may import only libraries in a lower layer. */
const LAYERS = [
  ['core', 'jobs'],
  // The ledger keeps its rows with the database's helpers (transitions, lists, the clock).
  ['database'],
  ['ledger'],
  ['accounts'],
  ['notifications'],
  ['orders'],
  ['marketplace'],
  ['venues', 'matching', 'insights', 'conversations'],
  // Sessions pair a task with creators by matching's score, and make the order as the market does.
  ['matchmaking'],
];

const below = (lib) =>
  LAYERS.slice(
    0,
    LAYERS.findIndex((layer) => layer.includes(lib)),
  ).flat();

/**
 * TEMPORARY: imports that break a rule today, each a debt to pay, by rule name. Paths are regular
 * expressions on the importing file. Remove an entry when its file is fixed.
 */
const ALLOWANCES = {
  'no-foreign-entity': [],
};

const allowed = (rule) => (ALLOWANCES[rule]?.length ? { pathNot: ALLOWANCES[rule] } : {});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...LAYERS.flat().map((lib) => ({
      name: 'layer-order',
      comment: `${lib} may import only libraries below it: ${below(lib).join(', ') || 'none'}.`,
      severity: 'error',
      from: { path: `^libs/${lib}/src/` },
      to: { path: '^libs/([^/]+)/', pathNot: [`^libs/(${[lib, ...below(lib)].join('|')})/`] },
    })),
    {
      name: 'public-face-only',
      comment: 'Another library is reached through its index.ts (`@vtask/<lib>`), never a file inside it.',
      severity: 'error',
      from: { path: '^(libs/([^/]+)|apps)/' },
      to: { path: '^libs/([^/]+)/src/', pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'no-foreign-entity',
      comment: "A library never imports another library's entities: ask its service or a read port.",
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/', ...allowed('no-foreign-entity') },
      to: { path: '^libs/[^/]+/src/entities/', pathNot: ['^libs/$1/'] },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
