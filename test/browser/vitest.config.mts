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
    // expect.poll waits 1 s by default: too short for antd's closing motion while CI's two cores are busy
    // (a date picker's panel was still fading out after its OK). Poll for what a patient user would wait.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    globalSetup: ['./support/global-setup.ts'],
  },
});
