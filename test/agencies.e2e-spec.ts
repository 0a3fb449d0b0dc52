import { expectWellFormedErrors } from './support/errors';
import {
  ADMIN_ENV,
  logInAdmin,
  signUpAgency,
  signUpCreator,
  signUpMerchant,
  type Account,
} from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';

const INVITE = `mutation($id: ID!) { inviteToAgency(creatorId: $id) { id name revenueShareBps creators { id } } }`;
const JOIN = `mutation($id: ID!) { joinAgency(agencyId: $id) { id agency { id name creators { id handle } } } }`;
const LEAVE = `mutation { leaveAgency { id agency { id } } }`;
const AGENCY_OF = `query($id: ID!) { creator(id: $id) { agency { id name revenueShareBps creators { id } } } }`;

// What a client sees of agency membership: the mutations' and queries' shapes, signed-out callers,
// malformed ids, errors on the wire. Who may invite, join, leave or decline, and what each step leaves
// behind, is in libs/accounts/test/agencies.spec.ts.

describe('agency membership', () => {
  let server: TestServer;
  let adminToken: string;
  let merchant: Account;
  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    adminToken = await logInAdmin(server.gql);
    merchant = await signUpMerchant(server.gql);
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  const invitations = (creatorId: string) =>
    server.sql(`SELECT agency_id FROM agency_invitations WHERE creator_id = $1`, [creatorId]);
  const agencyIdOf = async (creatorId: string) =>
    (await server.sql(`SELECT agency_id FROM creators WHERE id = $1`, [creatorId]))[0].agency_id;

  it('signed-out callers and malformed ids are refused before any rule', async () => {
    const creator = await signUpCreator(server.gql);
    const agency = await signUpAgency(server.gql);
    expect((await server.gql.fail(INVITE, { id: creator.profileId })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await server.gql.fail(JOIN, { id: agency.profileId })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.gql.fail(LEAVE)).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.gql.fail(INVITE, { id: 'nope' }, agency.token)).extensions?.code).toBe('NOT_FOUND');
    expect((await server.gql.fail(JOIN, { id: 'not-an-id' }, creator.token)).extensions?.code).toBe(
      'NOT_FOUND',
    );
    const uninvited = await server.gql.fail(JOIN, { id: agency.profileId }, creator.token);
    expect(uninvited.extensions?.code).toBe('CONFLICT');
    expect((await server.gql.fail(INVITE, { id: creator.profileId }, merchant.token)).extensions?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('invite, join, list, leave: what each mutation and query answers', async () => {
    const agency = await signUpAgency(server.gql, 1500);
    const first = await signUpCreator(server.gql);
    const second = await signUpCreator(server.gql);

    const invited = await server.gql.ok(INVITE, { id: first.profileId }, agency.token);
    expect(invited.inviteToAgency).toEqual({
      id: agency.profileId,
      name: 'Test Agency',
      revenueShareBps: 1500,
      creators: [],
    });
    const joined = await server.gql.ok(JOIN, { id: agency.profileId }, first.token);
    expect(joined.joinAgency.id).toBe(first.profileId);
    expect(joined.joinAgency.agency).toMatchObject({ id: agency.profileId, name: 'Test Agency' });
    expect(joined.joinAgency.agency.creators.map((c: { id: string }) => c.id)).toEqual([first.profileId]);

    await server.gql.ok(INVITE, { id: second.profileId }, agency.token);
    await server.gql.ok(JOIN, { id: agency.profileId }, second.token);
    const listed = await server.gql.ok(AGENCY_OF, { id: second.profileId });
    expect(listed.creator.agency.creators.map((c: { id: string }) => c.id).sort()).toEqual(
      [first.profileId, second.profileId].sort(),
    );
    const me = await server.gql.ok(`{ me { agency { creators { id } } } }`, {}, agency.token);
    expect(me.me.agency.creators).toHaveLength(2);
    const filtered = await server.gql.ok(
      `query($id: ID!) { creators(filter: { agencyId: $id }) { totalCount nodes { id } } }`,
      { id: agency.profileId },
    );
    expect(filtered.creators.totalCount).toBe(2);

    const left = await server.gql.ok(LEAVE, {}, first.token);
    expect(left.leaveAgency).toEqual({ id: first.profileId, agency: null });
    expect(await agencyIdOf(first.profileId)).toBeNull();
  });

  it('invitations as the creator and the agency read them; only the agency (or an admin) reads its pending ones', async () => {
    const agency = await signUpAgency(server.gql, 2000);
    const other = await signUpAgency(server.gql);
    const creator = await signUpCreator(server.gql);
    const MINE = `{ myAgencyInvitations { createdAt agency { id name revenueShareBps } creator { id } } }`;
    const PENDING = `{ me { agency { pendingInvitations { creator { id handle } } } } }`;
    const DECLINE = `mutation($id: ID!) { declineAgencyInvitation(agencyId: $id) }`;

    await server.gql.ok(INVITE, { id: creator.profileId }, agency.token);
    await server.gql.ok(INVITE, { id: creator.profileId }, other.token);
    const mine = (await server.gql.ok(MINE, {}, creator.token)).myAgencyInvitations;
    expect(mine.map((i: { agency: { id: string } }) => i.agency.id)).toEqual([
      other.profileId,
      agency.profileId,
    ]);
    expect(mine[1]).toMatchObject({
      agency: { name: 'Test Agency', revenueShareBps: 2000 },
      creator: { id: creator.profileId },
    });
    const notified = await server.gql.ok(
      `{ notifications(first: 10) { nodes { type } } }`,
      {},
      creator.token,
    );
    expect(
      notified.notifications.nodes.filter((n: { type: string }) => n.type === 'AGENCY_INVITATION'),
    ).toHaveLength(2);
    const pending = await server.gql.ok(PENDING, {}, agency.token);
    expect(
      pending.me.agency.pendingInvitations.map((i: { creator: { id: string } }) => i.creator.id),
    ).toEqual([creator.profileId]);
    expect(
      (await server.gql.ok(DECLINE, { id: other.profileId }, creator.token)).declineAgencyInvitation,
    ).toBe(true);
    expect(await invitations(creator.profileId)).toEqual([{ agency_id: agency.profileId }]);

    await server.gql.ok(JOIN, { id: agency.profileId }, creator.token);
    const PEEK = `query($id: ID!) { creator(id: $id) { agency { pendingInvitations { createdAt } } } }`;
    expect((await server.gql.fail(PEEK, { id: creator.profileId }, other.token)).extensions?.code).toBe(
      'FORBIDDEN',
    );
    const byAdmin = await server.gql.ok(PEEK, { id: creator.profileId }, adminToken);
    expect(byAdmin.creator.agency.pendingInvitations).toEqual([]);
  });

  it('updateAgencyProfile answers the trimmed profile, and input errors name their field', async () => {
    const agency = await signUpAgency(server.gql, 1500);
    const UPDATE = `mutation($input: AgencyProfileInput!) { updateAgencyProfile(input: $input) { id name revenueShareBps } }`;
    const updated = await server.gql.ok(
      UPDATE,
      { input: { name: '  Starry Night MCN ', revenueShareBps: 2500 } },
      agency.token,
    );
    expect(updated.updateAgencyProfile).toEqual({
      id: agency.profileId,
      name: 'Starry Night MCN',
      revenueShareBps: 2500,
    });
    const refused = await server.gql.fail(
      UPDATE,
      { input: { name: 'X', revenueShareBps: 5001 } },
      agency.token,
    );
    expect(refused.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { revenueShareBps: expect.any(String) },
    });
  });
});
