import { FAKE_SECRET_KEY, FakeStripe, WEBHOOK_SECRET } from './support/fake-stripe';
import { startTestServer, type TestServer } from './support/harness';

const PAYMENT_SETTINGS = /* GraphQL */ `
  query {
    paymentSettings {
      provider
      stripePublishableKey
    }
  }
`;
const PUBLISHABLE_KEY = 'pk_test_vtask_console_e2e';

/** What the web console needs to take a card payment itself: the provider and Stripe's publishable key. */
describe('paymentSettings', () => {
  it('answers the sandbox provider and no key by default, to anyone', async () => {
    const server = await startTestServer();
    try {
      const response = await server.gql.request(PAYMENT_SETTINGS);
      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ paymentSettings: { provider: 'sandbox', stripePublishableKey: null } });
    } finally {
      await server.close();
    }
  });

  describe('with PAYMENT_PROVIDER=stripe', () => {
    let fake: FakeStripe;
    let server: TestServer;

    beforeAll(async () => {
      fake = await FakeStripe.start();
      server = await startTestServer({ env: { ...fake.env(), STRIPE_PUBLISHABLE_KEY: PUBLISHABLE_KEY } });
    });
    afterAll(async () => {
      await server?.close();
      await fake?.close();
    });

    it('answers stripe and the publishable key without a sign-in, and never a secret', async () => {
      const response = await server.gql.request(PAYMENT_SETTINGS);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({
        paymentSettings: { provider: 'stripe', stripePublishableKey: PUBLISHABLE_KEY },
      });
      const body = JSON.stringify(response.body);
      expect(body).not.toContain(FAKE_SECRET_KEY);
      expect(body).not.toContain(WEBHOOK_SECRET);
    });

    it('answers a null key when STRIPE_PUBLISHABLE_KEY is unset (the console then says card payment is not set up)', async () => {
      const withoutKey = await startTestServer({
        databaseUrl: server.databaseUrl,
        dropOnClose: false,
        env: { ...fake.env(), STRIPE_PUBLISHABLE_KEY: '' },
      });
      try {
        expect(await withoutKey.gql.ok(PAYMENT_SETTINGS)).toEqual({
          paymentSettings: { provider: 'stripe', stripePublishableKey: null },
        });
      } finally {
        await withoutKey.close();
      }
    });

    it('refuses to start with a key that is not a publishable key, without printing it', async () => {
      const pasted = 'sk_test_pasted_secret_by_mistake';
      const refusal = await startTestServer({
        databaseUrl: server.databaseUrl,
        dropOnClose: false,
        env: { ...fake.env(), STRIPE_PUBLISHABLE_KEY: pasted },
      }).then(
        async (started) => {
          await started.close();
          return new Error('the server started with a secret key as its publishable key');
        },
        (reason: Error) => reason,
      );
      expect(refusal.message).toMatch(
        /cannot start: STRIPE_PUBLISHABLE_KEY must be the publishable key \(pk_test_\.\.\. or pk_live_\.\.\.\)/,
      );
      expect(refusal.message).not.toContain(pasted);
    });

    it('refuses to start with a publishable key of the other mode than the secret key', async () => {
      await expect(
        startTestServer({
          databaseUrl: server.databaseUrl,
          dropOnClose: false,
          env: { ...fake.env(), STRIPE_PUBLISHABLE_KEY: 'pk_live_vtask_console' },
        }),
      ).rejects.toThrow(
        /cannot start: STRIPE_PUBLISHABLE_KEY is a live key but STRIPE_SECRET_KEY is a test key/,
      );
      // The running server is untouched.
      expect((await server.gql.ok(PAYMENT_SETTINGS)).paymentSettings.stripePublishableKey).toBe(
        PUBLISHABLE_KEY,
      );
    });
  });
});
