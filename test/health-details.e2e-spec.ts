import request from 'supertest';
import { startTestServer, type TestServer } from './support/harness';

/** HEALTH_DETAILS=on: /health tells a soak run (or an operator) how the process itself is doing. */
describe('GET /health with HEALTH_DETAILS=on', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { HEALTH_DETAILS: 'on' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it("adds the process's memory, event-loop delay and handles to the database's answer", async () => {
    const response = await request(server.url).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      database: { status: 'up', latencyMs: expect.any(Number) },
      process: {
        rssBytes: expect.any(Number),
        heapUsedBytes: expect.any(Number),
        eventLoopDelayP99Ms: expect.any(Number),
        activeHandles: expect.any(Number),
      },
    });
    const details = response.body.process;
    expect(details.rssBytes).toBeGreaterThan(details.heapUsedBytes);
    expect(details.eventLoopDelayP99Ms).toBeGreaterThanOrEqual(0);
    // At least the HTTP server and the database pool's sockets keep the process alive.
    expect(details.activeHandles).toBeGreaterThan(1);
  });

  it('refuses to start with a value other than on or off, saying which values it takes', async () => {
    await expect(startTestServer({ env: { HEALTH_DETAILS: 'yes' } })).rejects.toThrow(
      /HEALTH_DETAILS must be one of on, off, not "yes"/,
    );
  });
});
