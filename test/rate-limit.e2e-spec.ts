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
  headers: Record<string, string> = {},
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
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
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
    // Sent without Accept-Language: the answer reads as the Chinese console's.
    expect(eleventh.errors?.[0]?.message).toBe('尝试次数过多，请一分钟后再试。');
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

describe('log-in rate limit across instances and behind proxies', () => {
  let a: TestServer;
  let b: TestServer;
  let behindProxy: TestServer | null = null;
  beforeAll(async () => {
    a = await startTestServer({ env: { LOGIN_ATTEMPTS_PER_MINUTE: '5' } });
    b = await startTestServer({ databaseUrl: a.databaseUrl, env: { LOGIN_ATTEMPTS_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    expectWellFormedErrors([...a.gql.errorsSeen, ...b.gql.errorsSeen]);
    await behindProxy?.close();
    await b?.close();
    await a?.close();
  });

  it('counts the tries on every instance together, in the database', async () => {
    const account = await signUpMerchant(a.gql);
    const codes: string[] = [];
    // Alternating instances and addresses: five tries in all, none of them limited.
    for (let i = 0; i < 5; i++)
      codes.push(codeOf(await logInFrom(i % 2 ? b : a, `127.0.4.${1 + i}`, account.email)));
    expect(codes).toEqual(Array(5).fill('UNAUTHENTICATED'));
    // The sixth is refused on either instance, even with the right password.
    expect(codeOf(await logInFrom(a, '127.0.4.9', account.email, PASSWORD))).toBe('RATE_LIMITED');
    expect(codeOf(await logInFrom(b, '127.0.4.9', account.email, PASSWORD))).toBe('RATE_LIMITED');
    const [window] = await a.sql(
      `SELECT hits FROM rate_limit_windows WHERE throttler = 'login-email' ORDER BY hits DESC LIMIT 1`,
    );
    expect(window.hits).toBe(7);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY says so: a client cannot pick its own address', async () => {
    const address = '127.0.5.1';
    const spoofed = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i}` });
    for (let i = 0; i < 5; i++)
      await logInFrom(a, address, `${unique('spoof')}@example.com`, undefined, spoofed(i));
    const next = await logInFrom(a, address, `${unique('spoof')}@example.com`, undefined, spoofed(99));
    expect(codeOf(next)).toBe('RATE_LIMITED');
  });

  it('behind a trusted proxy (TRUST_PROXY=loopback), limits each forwarded client on its own', async () => {
    behindProxy = await startTestServer({
      databaseUrl: a.databaseUrl,
      dropOnClose: false,
      env: { LOGIN_ATTEMPTS_PER_MINUTE: '5', TRUST_PROXY: 'loopback' },
    });
    const proxy = '127.0.6.1';
    const client = { 'x-forwarded-for': '198.51.100.7' };
    for (let i = 0; i < 5; i++)
      await logInFrom(behindProxy, proxy, `${unique('proxied')}@example.com`, undefined, client);
    const limited = await logInFrom(
      behindProxy,
      proxy,
      `${unique('proxied')}@example.com`,
      undefined,
      client,
    );
    expect(codeOf(limited)).toBe('RATE_LIMITED');
    // Another client behind the same proxy is not.
    const other = await logInFrom(behindProxy, proxy, `${unique('proxied')}@example.com`, undefined, {
      'x-forwarded-for': '198.51.100.8',
    });
    expect(codeOf(other)).toBe('UNAUTHENTICATED');
  });

  it('refuses to start with a TRUST_PROXY it cannot read', async () => {
    await expect(
      startTestServer({
        databaseUrl: a.databaseUrl,
        dropOnClose: false,
        env: { TRUST_PROXY: 'the load balancer' },
      }),
    ).rejects.toThrow(/cannot start: TRUST_PROXY must be true, false, a number of hops, or addresses/);
  });
});
