import { build, type InlineConfig, type Plugin, type Rolldown } from 'vite';

type Group = 'initial' | 'auth' | 'frame' | 'console';
const GROUPS: Group[] = ['initial', 'auth', 'frame', 'console'];

/** A module the signed-in pages share goes into the console chunk when at least this many pages use it. */
const CONSOLE_SHARE = 10;

const isLoginPage = (id: string) => /[\\/]src[\\/]pages[\\/]auth[\\/]LoginPage\.tsx$/.test(id);
const isFrame = (id: string) => /[\\/]src[\\/]layout[\\/]ConsoleLayout\.tsx$/.test(id);
const isPage = (id: string) => /[\\/]src[\\/]pages[\\/].+Page\.tsx$/.test(id);

/**
 * The console's chunks by who loads them, rather than one per set of importers (rolldown's default, which
 * made the order page fetch 73 files, most under 2 KB: served one after another over the browser's six
 * connections, their count rather than their bytes set how long a page's code took to arrive):
 *
 *   initial   what the entry uses (every page loads it)
 *   auth      what the log-in and sign-up pages use besides: antd's form, input, typography
 *   frame     what the signed-in frame uses besides those (ConsoleLayout: menu, dropdown, bell)
 *   console   what at least CONSOLE_SHARE signed-in pages use besides: cards, selects, descriptions, the
 *             console's small components (a page may load a few KB it does not use)
 *
 * The rest (a page's own code, what few pages share, charts, Stripe, forms loaded on demand) is split as
 * rolldown does by default. Who uses which module is read from a first, unminified build in memory with
 * the default split: it counts what tree-shaking kept (a page importing one component from antd's index
 * uses that component, not all of antd), which the module graph alone does not tell.
 */
export function consoleChunks(): Plugin {
  const groupOf = new Map<string, Group>();
  return {
    name: 'vtask-console-chunks',
    apply: 'build',
    async config(config) {
      const plugins = (config.plugins ?? []).flat().filter((plugin) => {
        const name = plugin && typeof plugin === 'object' && 'name' in plugin ? plugin.name : '';
        return name !== 'vtask-console-chunks' && name !== 'vtask-precompress';
      });
      const firstPass: InlineConfig = {
        ...config,
        configFile: false,
        logLevel: 'silent',
        plugins,
        build: { ...config.build, write: false, minify: false, rolldownOptions: undefined },
      };
      const output = (await build(firstPass)) as Rolldown.RolldownOutput;
      assignGroups(output, groupOf);
      return {
        build: {
          rolldownOptions: {
            output: {
              codeSplitting: {
                groups: GROUPS.map((name) => ({ name, test: (id: string) => groupOf.get(id) === name })),
              },
            },
          },
        },
      };
    },
  };
}

function assignGroups(output: Rolldown.RolldownOutput, groupOf: Map<string, Group>): void {
  groupOf.clear();
  const chunks = output.output.filter((file): file is Rolldown.OutputChunk => file.type === 'chunk');
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const chunkOf = new Map(chunks.flatMap((chunk) => chunk.moduleIds.map((id) => [id, chunk] as const)));
  /** The modules a chunk and the chunks it imports hold: what loading it runs. */
  const loads = (chunk: Rolldown.OutputChunk | undefined): Set<string> => {
    const modules = new Set<string>();
    const seen = new Set<string>();
    const stack = chunk ? [chunk] : [];
    while (stack.length) {
      const next = stack.pop()!;
      if (seen.has(next.fileName)) continue;
      seen.add(next.fileName);
      for (const id of next.moduleIds) modules.add(id);
      for (const file of next.imports) if (byFile.has(file)) stack.push(byFile.get(file)!);
    }
    return modules;
  };
  const modules = [...chunkOf.keys()];
  const loadedWith = (roots: string[]) => new Set(roots.flatMap((id) => [...loads(chunkOf.get(id))]));
  const pages = modules.filter((id) => isPage(id) && !isLoginPage(id));
  const assign = (name: Group, ids: Iterable<string>) => {
    for (const id of ids) if (!groupOf.has(id)) groupOf.set(id, name);
  };
  assign('initial', loads(chunks.find((chunk) => chunk.isEntry)));
  assign('auth', loadedWith(modules.filter(isLoginPage)));
  assign('frame', loadedWith(modules.filter(isFrame)));
  const users = new Map<string, number>();
  for (const page of pages)
    for (const id of loads(chunkOf.get(page))) users.set(id, (users.get(id) ?? 0) + 1);
  assign(
    'console',
    [...users].filter(([, count]) => count >= CONSOLE_SHARE).map(([id]) => id),
  );
  // Each page's own module stays the chunk its route asks for.
  for (const id of modules) if (isPage(id) && groupOf.get(id) !== 'initial') groupOf.delete(id);
}
