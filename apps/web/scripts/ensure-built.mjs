// `npm start`: builds the web console when apps/web/dist is missing or older than its sources, so a
// fresh checkout serves it at `/` without a separate step, and a started server never serves stale files.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = join(WEB, 'dist/index.html');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const sources = ['src', 'index.html', 'vite.config.mts'].map((name) => join(WEB, name));
if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= Math.max(...sources.map(newest))) {
  console.log('web console: up to date');
} else {
  console.log('web console: building apps/web ...');
  execFileSync('npm', ['run', 'build:web'], { stdio: 'inherit', cwd: resolve(WEB, '../..') });
}
