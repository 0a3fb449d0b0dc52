import { ADMIN_ENV, logInAdmin, signUpCreator, signUpMerchant } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';

const DAY = 86_400_000;

describe('emails are shown only to their owner and admins', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
  });
  afterAll(() => server.close());

  it('masks a merchant email reached through a task for everyone else', async () => {
    const merchant = await signUpMerchant(server.gql, { email: 'shopkeeper@example.com' });
    expect(merchant.email).toBe('shopkeeper@example.com');
    const posted = await server.gql.ok(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      {
        input: {
          title: 'Lamp review',
          brief: 'Show the lamp at night.',
          contentType: 'POST',
          channels: ['HEADLINES'],
          domainTags: ['home.decor'],
          budget: { amount: '100.00', currencyCode: 'CNY' },
          slots: 1,
          applyBy: new Date(Date.now() + DAY).toISOString(),
          deliverBy: new Date(Date.now() + 2 * DAY).toISOString(),
          publish: true,
        },
      },
      merchant.token,
    );
    const query = `query($id: ID!) { task(id: $id) { merchant { user { email } } } }`;
    const emailAs = async (token?: string) =>
      (await server.gql.ok(query, { id: posted.postTask.id }, token)).task.merchant.user.email;

    const creator = await signUpCreator(server.gql);
    expect(await emailAs()).toBe('s*********@example.com');
    expect(await emailAs(creator.token)).toBe('s*********@example.com');
    expect(await emailAs(merchant.token)).toBe('shopkeeper@example.com');
    expect(await emailAs(await logInAdmin(server.gql))).toBe('shopkeeper@example.com');
  });
});
