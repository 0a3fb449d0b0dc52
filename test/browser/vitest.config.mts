import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:browser`: Chromium (Debian's /usr/bin/chromium) driven by playwright-core against the
// built API serving the built console on its own embedded PostgreSQL with the demo data.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['**/*.browser.test.ts'],
    environment: 'node',
    // One server and one browser for the whole run; the scenarios share them in order.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    globalSetup: ['./support/global-setup.ts'],
  },
});
