import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { consoleChunks } from './build/console-chunks';
import { precompress } from './build/precompress';

// `npm run dev`: Vite on 5173 with hot reload, /graphql (HTTP and WebSocket) and /health proxied to the API (API_URL,
// default http://localhost:3000). `npm run build:web`: static files in apps/web/dist that the API serves.
const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react(), consoleChunks(), precompress()],
  // es2015: packages' modern builds where they publish one beside ES5 (rxjs, under Apollo Client: native
  // classes instead of tslib's helpers).
  resolve: { conditions: [...defaultClientConditions, 'es2015'] },
  server: {
    port: 5173,
    // ws: subscriptions (graphql-ws) share the /graphql path with HTTP.
    proxy: { '/graphql': { target: api, ws: true }, '/health': api, '/go': api, '/conversions': api },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd and echarts make one large vendor chunk; the console is an internal tool, loaded once.
    chunkSizeWarningLimit: 3000,
  },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    // The first antd render in a fresh jsdom takes seconds on a small machine.
    testTimeout: 20_000,
    // Vitest runs one file at a time on two cores (it keeps a core free: cores - 1), and each file spends
    // its first seconds loading antd into a fresh jsdom on one core: two at once use CI's second core.
    maxWorkers: 2,
  },
});
