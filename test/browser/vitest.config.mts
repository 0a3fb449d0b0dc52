import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:browser`: Chromium (Debian's /usr/bin/chromium) driven by playwright-core against the
// built API serving the built console on its own embedded PostgreSQL with the demo data.

// Scenarios run two at a time, each worker on its own API (see support/global-setup.ts): most of a
// scenario's time is spent waiting (on deadlines, timers, toasts), so two overlap on CI's two cores.
// BROWSER_TEST_WORKERS=1 runs them one after another on one server (for a single file, say).
const WORKERS = Number(process.env.BROWSER_TEST_WORKERS || 2);

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['**/*.browser.test.ts'],
    environment: 'node',
    // Each file launches its own browser and logs in its own sessions; each worker has its own server.
    fileParallelism: WORKERS > 1,
    maxWorkers: WORKERS,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll waits 1 s by default: too short for antd's closing motion while CI's two cores are busy
    // (a date picker's panel was still fading out after its OK). Poll for what a patient user would wait.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    globalSetup: ['./support/global-setup.ts'],
  },
});
