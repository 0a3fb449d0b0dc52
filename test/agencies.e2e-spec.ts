import { randomUUID } from 'node:crypto';
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
import { orderIn, setUpParties } from './support/order-fixtures';

const INVITE = `mutation($id: ID!) { inviteToAgency(creatorId: $id) { id name revenueShareBps creators { id } } }`;
const JOIN = `mutation($id: ID!) { joinAgency(agencyId: $id) { id agency { id name creators { id handle } } } }`;
const LEAVE = `mutation { leaveAgency { id agency { id } } }`;
const AGENCY_OF = `query($id: ID!) { creator(id: $id) { agency { id name revenueShareBps creators { id } } } }`;

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

  it('inviteToAgency is for agencies only', async () => {
    const creator = await signUpCreator(server.gql);
    expect((await server.gql.fail(INVITE, { id: creator.profileId })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    for (const token of [merchant.token, creator.token, adminToken]) {
      expect((await server.gql.fail(INVITE, { id: creator.profileId }, token)).extensions?.code).toBe(
        'FORBIDDEN',
      );
    }
    expect(await invitations(creator.profileId)).toEqual([]);
  });

  it('inviteToAgency answers NOT_FOUND for an unknown creator', async () => {
    const agency = await signUpAgency(server.gql);
    for (const id of [randomUUID(), 'nope', merchant.profileId]) {
      expect((await server.gql.fail(INVITE, { id }, agency.token)).extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('joinAgency needs an invitation: CONFLICT without one, NOT_FOUND for an unknown agency', async () => {
    const agency = await signUpAgency(server.gql);
    const creator = await signUpCreator(server.gql);
    const uninvited = await server.gql.fail(JOIN, { id: agency.profileId }, creator.token);
    expect(uninvited.extensions?.code).toBe('CONFLICT');
    expect(uninvited.message).toMatch(/invite/i);
    for (const id of [randomUUID(), 'not-an-id']) {
      expect((await server.gql.fail(JOIN, { id }, creator.token)).extensions?.code).toBe('NOT_FOUND');
    }
    expect(await agencyIdOf(creator.profileId)).toBeNull();
  });

  it('joinAgency and leaveAgency are for creators only', async () => {
    const agency = await signUpAgency(server.gql);
    expect((await server.gql.fail(JOIN, { id: agency.profileId })).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await server.gql.fail(LEAVE)).extensions?.code).toBe('UNAUTHENTICATED');
    for (const token of [merchant.token, agency.token, adminToken]) {
      expect((await server.gql.fail(JOIN, { id: agency.profileId }, token)).extensions?.code).toBe(
        'FORBIDDEN',
      );
      expect((await server.gql.fail(LEAVE, {}, token)).extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('invite, join, list, leave: the whole round', async () => {
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
    // Inviting again is harmless: still one invitation.
    await server.gql.ok(INVITE, { id: first.profileId }, agency.token);
    expect(await invitations(first.profileId)).toEqual([{ agency_id: agency.profileId }]);

    const joined = await server.gql.ok(JOIN, { id: agency.profileId }, first.token);
    expect(joined.joinAgency.id).toBe(first.profileId);
    expect(joined.joinAgency.agency).toMatchObject({ id: agency.profileId, name: 'Test Agency' });
    expect(joined.joinAgency.agency.creators.map((c: { id: string }) => c.id)).toEqual([first.profileId]);
    // The invitation is used up.
    expect(await invitations(first.profileId)).toEqual([]);
    expect(await agencyIdOf(first.profileId)).toBe(agency.profileId);

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

    // Joining again, or being invited while a member, is a CONFLICT.
    expect((await server.gql.fail(JOIN, { id: agency.profileId }, first.token)).extensions?.code).toBe(
      'CONFLICT',
    );
    expect((await server.gql.fail(INVITE, { id: first.profileId }, agency.token)).extensions?.code).toBe(
      'CONFLICT',
    );

    const left = await server.gql.ok(LEAVE, {}, first.token);
    expect(left.leaveAgency).toEqual({ id: first.profileId, agency: null });
    expect(await agencyIdOf(first.profileId)).toBeNull();
    const after = await server.gql.ok(AGENCY_OF, { id: second.profileId });
    expect(after.creator.agency.creators.map((c: { id: string }) => c.id)).toEqual([second.profileId]);

    // Leaving twice is a CONFLICT, and coming back needs a new invitation.
    expect((await server.gql.fail(LEAVE, {}, first.token)).extensions?.code).toBe('CONFLICT');
    expect((await server.gql.fail(JOIN, { id: agency.profileId }, first.token)).extensions?.code).toBe(
      'CONFLICT',
    );
    await server.gql.ok(INVITE, { id: first.profileId }, agency.token);
    await server.gql.ok(JOIN, { id: agency.profileId }, first.token);
    expect(await agencyIdOf(first.profileId)).toBe(agency.profileId);
  });

  it('the creator sees who invites them (and is notified once); the agency sees whom it invited; declining ends it', async () => {
    const agency = await signUpAgency(server.gql, 2000);
    const other = await signUpAgency(server.gql);
    const creator = await signUpCreator(server.gql);
    const MINE = `{ myAgencyInvitations { createdAt agency { id name revenueShareBps } creator { id } } }`;
    const PENDING = `{ me { agency { pendingInvitations { creator { id handle } } } } }`;
    const DECLINE = `mutation($id: ID!) { declineAgencyInvitation(agencyId: $id) }`;
    const notified = async () =>
      (
        await server.gql.ok(`{ notifications(first: 10) { nodes { type message } } }`, {}, creator.token)
      ).notifications.nodes.filter((n: { type: string }) => n.type === 'AGENCY_INVITATION');

    expect((await server.gql.ok(MINE, {}, creator.token)).myAgencyInvitations).toEqual([]);
    await server.gql.ok(INVITE, { id: creator.profileId }, agency.token);
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
    // One notification per agency, however often it invited.
    const messages = (await notified()).map((n: { message: string }) => n.message);
    expect(messages).toHaveLength(2);
    expect(messages).toContain(
      'Test Agency invites you to join it (it takes 20% of each payout). Join or decline on your profile.',
    );

    const pending = await server.gql.ok(PENDING, {}, agency.token);
    expect(
      pending.me.agency.pendingInvitations.map((i: { creator: { id: string } }) => i.creator.id),
    ).toEqual([creator.profileId]);

    expect(
      (await server.gql.ok(DECLINE, { id: other.profileId }, creator.token)).declineAgencyInvitation,
    ).toBe(true);
    expect(await invitations(creator.profileId)).toEqual([{ agency_id: agency.profileId }]);
    // Declined twice, never invited, or not a creator: nothing changes.
    expect((await server.gql.fail(DECLINE, { id: other.profileId }, creator.token)).extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect((await server.gql.fail(DECLINE, { id: agency.profileId }, merchant.token)).extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await server.gql.fail(JOIN, { id: other.profileId }, creator.token)).extensions?.code).toBe(
      'CONFLICT',
    );
    await server.gql.ok(JOIN, { id: agency.profileId }, creator.token);
    expect((await server.gql.ok(MINE, {}, creator.token)).myAgencyInvitations).toEqual([]);
    expect((await server.gql.ok(PENDING, {}, agency.token)).me.agency.pendingInvitations).toEqual([]);
    // Only the agency itself (and admins) sees whom it invited: not another agency, nor its members.
    const peek = await server.gql.fail(
      `query($id: ID!) { creator(id: $id) { agency { pendingInvitations { createdAt } } } }`,
      { id: creator.profileId },
      other.token,
    );
    expect(peek.extensions?.code).toBe('FORBIDDEN');
    const byMember = await server.gql.fail(
      `query($id: ID!) { creator(id: $id) { agency { pendingInvitations { createdAt } } } }`,
      { id: creator.profileId },
      creator.token,
    );
    expect(byMember.extensions?.code).toBe('FORBIDDEN');
    const byAdmin = await server.gql.ok(
      `query($id: ID!) { creator(id: $id) { agency { pendingInvitations { createdAt } } } }`,
      { id: creator.profileId },
      adminToken,
    );
    expect(byAdmin.creator.agency.pendingInvitations).toEqual([]);
  });

  it('the agency renames itself and changes its share, within 0-50%; nobody else may', async () => {
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
    for (const [input, field] of [
      [{ name: 'X', revenueShareBps: 5001 }, 'revenueShareBps'],
      [{ name: 'X', revenueShareBps: -1 }, 'revenueShareBps'],
      [{ name: '   ', revenueShareBps: 1000 }, 'name'],
    ] as const) {
      const refused = await server.gql.fail(UPDATE, { input }, agency.token);
      expect(refused.extensions?.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(refused.extensions?.fields ?? {})).toEqual([field]);
    }
    const creator = await signUpCreator(server.gql);
    for (const token of [merchant.token, creator.token, adminToken]) {
      const refused = await server.gql.fail(
        UPDATE,
        { input: { name: 'Mine now', revenueShareBps: 0 } },
        token,
      );
      expect(refused.extensions?.code).toBe('FORBIDDEN');
    }
    const [row] = await server.sql(`SELECT name, revenue_share_bps FROM agencies WHERE id = $1`, [
      agency.profileId,
    ]);
    expect(row).toEqual({ name: 'Starry Night MCN', revenue_share_bps: 2500 });
  });

  it('a new share applies to orders made after it; each order keeps the share it was made with', async () => {
    const parties = await setUpParties(server, { agencyBps: 2000 });
    const SHARE = `query($id: ID!) { order(id: $id) { agencyShare { amount } } }`;
    const before = await orderIn(parties, 'AWAITING_FUNDING', { price: '1000.00' });
    await server.gql.ok(
      `mutation { updateAgencyProfile(input: { name: "Renamed", revenueShareBps: 4000 }) { id } }`,
      {},
      parties.agency!.token,
    );
    const after = await orderIn(parties, 'AWAITING_FUNDING', { price: '1000.00' });
    // 1000.00 less the 10% fee is 900.00: 20% of it before, 40% after.
    const shareOf = async (id: string) =>
      (await server.gql.ok(SHARE, { id }, parties.merchant.token)).order.agencyShare.amount;
    expect(await shareOf(before)).toBe('180.00');
    expect(await shareOf(after)).toBe('360.00');
  });

  it('a member of one agency must leave it before joining another', async () => {
    const home = await signUpAgency(server.gql);
    const rival = await signUpAgency(server.gql);
    const creator = await signUpCreator(server.gql);
    await server.gql.ok(INVITE, { id: creator.profileId }, home.token);
    await server.gql.ok(JOIN, { id: home.profileId }, creator.token);
    // Another agency may invite: the creator decides.
    await server.gql.ok(INVITE, { id: creator.profileId }, rival.token);
    const error = await server.gql.fail(JOIN, { id: rival.profileId }, creator.token);
    expect(error.extensions?.code).toBe('CONFLICT');
    expect(await agencyIdOf(creator.profileId)).toBe(home.profileId);
    await server.gql.ok(LEAVE, {}, creator.token);
    const moved = await server.gql.ok(JOIN, { id: rival.profileId }, creator.token);
    expect(moved.joinAgency.agency.id).toBe(rival.profileId);
  });
});
