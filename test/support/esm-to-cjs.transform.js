/**
 * Jest runs CommonJS, and NestJS 12 ships as ES modules only (Node loads them with require(esm), which
 * Jest's module registry cannot do before Node 24.9). Service tests load Nest in Jest, so this turns
 * those packages' files into CommonJS, once per file version (Jest caches the output).
 *
 * `import.meta.url` has no CommonJS form that TypeScript would write: the few Nest files that use it
 * only build a `require` from it, which CommonJS already has.
 */
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- Jest loads transforms as CommonJS, untransformed */
const { createHash } = require('node:crypto');
const ts = require('typescript');

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  allowJs: true,
  esModuleInterop: true,
};

function commonJs(source) {
  return source
    .replace(/^const require = createRequire\(import\.meta\.url\);$/m, '')
    .replace(/createRequire\(import\.meta\.url\)/g, 'require')
    .replace(/import\.meta\.url/g, "require('node:url').pathToFileURL(__filename).href");
}

module.exports = {
  process(source, filename) {
    const output = ts.transpileModule(commonJs(source), {
      fileName: filename,
      compilerOptions: COMPILER_OPTIONS,
    });
    return { code: output.outputText };
  },
  getCacheKey(source, filename) {
    return createHash('sha256')
      .update(ts.version)
      .update('\0')
      .update(filename)
      .update('\0')
      .update(commonJs(source))
      .digest('hex');
  },
};
