import type { DynamicModule, Provider, Type } from '@nestjs/common';

/**
 * A library's module as the app configures it once (`XModule.forRoot(options)`): its settings, and the
 * one static module every importer shares. Libraries import each other's static module (never
 * `forRoot`), so a domain module is shared without being global.
 *
 * The settings alone are global: they are configuration the composition root gives once (like the
 * database connection), and a static module cannot receive values from the module that imports it.
 */
export function configuredModule(
  module: Type,
  settings: (Provider & { provide: symbol | string })[],
): DynamicModule {
  // One class per library: Nest tells dynamic modules apart by their class.
  const Settings = named(class {}, `${module.name}Settings`);
  const Root = named(class {}, `${module.name}Root`);
  return {
    module: Root,
    imports: [
      { module: Settings, global: true, providers: settings, exports: settings.map((s) => s.provide) },
      module,
    ],
    exports: [module],
  };
}

function named<T extends Type>(type: T, name: string): T {
  return Object.defineProperty(type, 'name', { value: name });
}
