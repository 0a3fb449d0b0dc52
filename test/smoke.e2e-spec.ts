import { startTestServer, type TestServer } from './support/harness';

describe('the API on a real database', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('serves the domain taxonomy from the migrations', async () => {
    const data = await server.gql.ok(`{ domainTags { slug parent { slug } children { slug } } }`);
    const home = data.domainTags.find((tag: { slug: string }) => tag.slug === 'home');
    expect(home.children.map((c: { slug: string }) => c.slug)).toContain('home.furniture');
    expect(
      data.domainTags.filter((tag: { parent: unknown }) => tag.parent === null).length,
    ).toBeGreaterThanOrEqual(8);
  });
});
