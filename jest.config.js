/** Unit specs sit beside the code; service specs (libs/<lib>/test/*.spec.ts, the real modules on a copy of the
 * template database, no HTTP) beside their library; end-to-end specs in test/ drive the API over HTTP. */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: [
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/apps/**/*.spec.ts',
    '<rootDir>/tools/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
  ],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    // Service tests (libs/*/test) load NestJS, which ships as ES modules only.
    '/node_modules/@nestjs/.+\\.js$': '<rootDir>/test/support/esm-to-cjs.transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleNameMapper: { '^@vtask/(.*)$': '<rootDir>/libs/$1/src' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testSequencer: '<rootDir>/test/support/test-sequencer.cjs',
  // Generous: a test that waits on servers and timers must not fail because CI shares its two cores.
  testTimeout: 120_000,
  // Each e2e file mostly waits on its own server process, so more workers than cores pays off.
  maxWorkers: process.env.JEST_MAX_WORKERS || 4,
};
