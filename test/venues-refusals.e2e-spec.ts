import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV, logInAdmin, signUpMerchant, type Account } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { internalErrors } from './support/order-fixtures';
import { codeOf, createVenue, timeline, venueCalls, type VenueCalls } from './support/venue-fixtures';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

// How venue refusals reach a client: codes and fields on the wire, and what the API itself refuses
// (signed-out callers, malformed ids, unknown enum values). Which calls the services refuse, and why,
// is in libs/venues/test/venue-refusals.spec.ts.

describe('venue refusals', () => {
  let server: TestServer;
  let admin: string;
  let merchant: Account;
  let calls: VenueCalls;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    admin = await logInAdmin(server.gql);
    merchant = await signUpMerchant(server.gql);
    calls = venueCalls(server.gql);
  }, 90_000);
  afterAll(async () => {
    expect(internalErrors(server.gql)).toEqual([]);
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  it('createVenue: signed in, input errors with their fields, known kinds', async () => {
    expect(codeOf(await calls.create(null))).toBe('UNAUTHENTICATED');
    expect(codeOf(await calls.create(merchant.token))).toBe('FORBIDDEN');
    const outOfOrder = await calls.create(admin, timeline(10, 5, 4, 3, 3));
    expect(outOfOrder.errors?.[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: {
        recruitmentClosesAt: expect.any(String),
        submissionDeadline: expect.any(String),
        goLiveAt: expect.any(String),
        endsAt: expect.any(String),
      },
    });
    expect(codeOf(await calls.create(admin, { kind: 'STADIUM' }))).toBe('BAD_USER_INPUT');
  });

  it('venue and venues: unknown ids are null, malformed ones NOT_FOUND, bad pages are input errors', async () => {
    const gql = server.gql;
    expect((await gql.ok(`query($id: ID!) { venue(id: $id) { id } }`, { id: NO_SUCH_ID })).venue).toBeNull();
    expect(await gql.fail(`{ venue(id: "not-a-uuid") { id } }`)).toMatchObject({
      message: 'No venue with this id.',
      extensions: { code: 'NOT_FOUND' },
    });
    const tooMany = await gql.request(`{ venues(first: 101) { totalCount } }`);
    expect(tooMany.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { first: expect.any(String) },
    });
    const cursor = await gql.request(`{ venues(after: "garbage") { totalCount } }`);
    expect(cursor.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { after: expect.any(String) },
    });
  });

  it('the participation mutations: signed in, well-formed ids', async () => {
    const venue = await createVenue(server.gql, admin);
    expect(codeOf(await calls.enroll(null, venue.id))).toBe('UNAUTHENTICATED');
    expect(codeOf(await calls.enroll(merchant.token, 'not-a-uuid'))).toBe('NOT_FOUND');
    expect(codeOf(await calls.submit(null, { venueId: venue.id, orderId: NO_SUCH_ID }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(codeOf(await calls.submit(merchant.token, { venueId: venue.id, orderId: 'not-a-uuid' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await calls.setLineup(admin, venue.id, ['not-a-uuid']))).toBe('BAD_USER_INPUT');
    // A rejection without a reason: the service's input error reaches the client with its field.
    const noReason = await calls.decide(admin, NO_SUCH_ID, 'REJECT');
    expect(noReason.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { reason: expect.any(String) },
    });
  });
});
