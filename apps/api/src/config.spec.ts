import { ConfigError, loadConfig } from './config';

// JWT_SECRET given, so reading the settings writes no generated secret into a data directory.
const BASE = { JWT_SECRET: 'config-spec-secret', DATA_DIR: '/nonexistent/config-spec' };
const PRODUCTION = { ...BASE, NODE_ENV: 'production', ALLOW_SANDBOX_PAYMENTS: 'true' };

describe('deal-terms settings (SPEC "Configuration")', () => {
  it('keeps real days in production: a smaller DAY_S stops the start', () => {
    expect(loadConfig(PRODUCTION).dayS).toBe(86400);
    expect(() => loadConfig({ ...PRODUCTION, DAY_S: '60' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...PRODUCTION, DAY_S: '60' })).toThrow('DAY_S=60 is for tests only');
    expect(loadConfig({ ...BASE, DAY_S: '60' }).dayS).toBe(60);
  });

  it('reads a kill-fee table of its own and a holdback of its own', () => {
    const config = loadConfig({
      ...BASE,
      CANCELLATION_TERMS: '1000:0,10000:2000',
      RETENTION_HOLDBACK_BPS: '2500',
    });
    expect(config.cancellationTerms).toEqual([
      { untilElapsedBps: 1000, creatorShareBps: 0 },
      { untilElapsedBps: 10000, creatorShareBps: 2000 },
    ]);
    expect(config.retentionHoldbackBps).toBe(2500);
  });

  it('stops the start on a malformed CANCELLATION_TERMS, saying what a row looks like', () => {
    expect(() => loadConfig({ ...BASE, CANCELLATION_TERMS: '50%:10%' })).toThrow(
      'CANCELLATION_TERMS must be untilElapsedBps:creatorShareBps rows such as 5000:1000,10000:3000: "50%:10%" is not',
    );
    expect(() => loadConfig({ ...BASE, RETENTION_HOLDBACK_BPS: '10000' })).toThrow(ConfigError);
  });
});
