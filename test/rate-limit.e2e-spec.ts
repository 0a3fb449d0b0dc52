import { request as httpRequest } from 'node:http';
import { expectWellFormedErrors } from './support/errors';
import { PASSWORD, signUpMerchant, unique, type Account } from './support/fixtures';
import { startTestServer, type GqlError, type TestServer } from './support/harness';

const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }`;

/**
 * Log-in from a given loopback address (127.0.0.0/8 all reaches this host), so one test can act as
 * several clients: the limit is per email and per address.
 */
function logInFrom(
  server: TestServer,
  address: string,
  email: string,
  password = 'wrong-password-123',
): Promise<{ data: any; errors?: GqlError[] }> {
  const url = new URL('/graphql', server.url);
  const body = JSON.stringify({ query: LOG_IN, variables: { email, password } });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: address,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          const parsed = JSON.parse(text);
          if (parsed.errors) server.gql.errorsSeen.push(...parsed.errors);
          resolve(parsed);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const codeOf = (response: { errors?: GqlError[] }) => response.errors?.[0]?.extensions?.code ?? 'OK';

describe('log-in rate limit (LOGIN_ATTEMPTS_PER_MINUTE unset: 10 a minute)', () => {
  let server: TestServer;
  let account: Account;
  beforeAll(async () => {
    // The harness raises the limit for other suites; empty means unset, so the default applies.
    server = await startTestServer({ env: { LOGIN_ATTEMPTS_PER_MINUTE: '' } });
    account = await signUpMerchant(server.gql);
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  it('allows 10 tries for one email, from anywhere, and refuses the 11th with RATE_LIMITED', async () => {
    const codes: string[] = [];
    // Ten tries spread over five addresses, so no address reaches its own limit.
    for (let i = 0; i < 10; i++)
      codes.push(codeOf(await logInFrom(server, `127.0.1.${1 + (i % 5)}`, account.email)));
    expect(codes).toEqual(Array(10).fill('UNAUTHENTICATED'));

    // From a fresh address, in another letter case, and even with the right password: still limited.
    const eleventh = await logInFrom(server, '127.0.1.99', account.email.toUpperCase(), PASSWORD);
    expect(codeOf(eleventh)).toBe('RATE_LIMITED');
    expect(eleventh.errors?.[0]?.message).toMatch(/minute/);
    expect(eleventh.data?.logIn ?? null).toBeNull();

    // Other emails from that address are not affected.
    const other = await signUpMerchant(server.gql);
    const ok = await logInFrom(server, '127.0.1.99', other.email, PASSWORD);
    expect(codeOf(ok)).toBe('OK');
    expect(ok.data.logIn.token).toEqual(expect.any(String));
  });

  it('allows 10 tries from one address, whatever the emails, and refuses the 11th with RATE_LIMITED', async () => {
    const address = '127.0.2.1';
    const codes: string[] = [];
    for (let i = 0; i < 10; i++)
      codes.push(codeOf(await logInFrom(server, address, `${unique('spray')}@example.com`)));
    expect(codes).toEqual(Array(10).fill('UNAUTHENTICATED'));

    const fresh = await signUpMerchant(server.gql);
    expect(codeOf(await logInFrom(server, address, fresh.email, PASSWORD))).toBe('RATE_LIMITED');
    // The same account from another address signs in.
    expect(codeOf(await logInFrom(server, '127.0.2.2', fresh.email, PASSWORD))).toBe('OK');
  });

  it('does not limit other operations from a limited address', async () => {
    const address = '127.0.3.1';
    for (let i = 0; i < 11; i++) await logInFrom(server, address, `${unique('busy')}@example.com`);
    expect(codeOf(await logInFrom(server, address, `${unique('busy')}@example.com`))).toBe('RATE_LIMITED');
    // Sign-up and queries are not log-in attempts (the harness client uses 127.0.0.1).
    const account = await signUpMerchant(server.gql);
    expect((await server.gql.ok(`{ me { id } }`, {}, account.token)).me.id).toBe(account.userId);
  });
});
