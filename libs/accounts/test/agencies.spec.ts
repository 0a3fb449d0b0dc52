import { randomUUID } from 'node:crypto';
import { AgenciesService, CreatorsService, CreatorTier, ProfilesService } from '@vtask/accounts';
import type { Viewer } from '@vtask/core';
import { OrdersService } from '@vtask/orders';
import { startServiceTest, type ServiceTestContext } from '../../../test/support/service-harness';
import {
  bookedOrders,
  codeOf,
  ensureAdmin,
  refusal,
  signUpAgency,
  signUpCreator,
  signUpCreatorWithTier,
  signUpMerchant,
} from '../../../test/support/service-fixtures';

// Agency membership as AgenciesService and ProfilesService decide it: who may invite, join, leave and
// decline, and what each step leaves behind. What a client sees of it (fields, signed-out callers,
// malformed ids) is in test/agencies.e2e-spec.ts.

describe('agency membership (services)', () => {
  let context: ServiceTestContext;
  let agencies: AgenciesService;
  let admin: Viewer;
  let merchant: Viewer;

  const invitations = (creatorId: string) =>
    context.sql(`SELECT agency_id FROM agency_invitations WHERE creator_id = $1`, [creatorId]);
  const agencyIdOf = async (creatorId: string) =>
    (await context.get(CreatorsService).findById(creatorId)).agencyId;

  beforeAll(async () => {
    context = await startServiceTest();
    agencies = context.get(AgenciesService);
    admin = await ensureAdmin(context);
    merchant = await signUpMerchant(context);
  });
  afterAll(() => context?.close());

  it('invite is for agencies only, of creators that exist', async () => {
    const creator = await signUpCreator(context);
    for (const viewer of [merchant, creator, admin]) {
      expect(await codeOf(agencies.invite(viewer, creator.creatorId!))).toBe('FORBIDDEN');
    }
    expect(await invitations(creator.creatorId!)).toEqual([]);
    const agency = await signUpAgency(context);
    for (const id of [randomUUID(), merchant.merchantId!]) {
      expect(await codeOf(agencies.invite(agency, id))).toBe('NOT_FOUND');
    }
  });

  it('join needs an invitation (CONFLICT without one, NOT_FOUND for no agency); join and leave are for creators', async () => {
    const agency = await signUpAgency(context);
    const creator = await signUpCreator(context);
    expect(await codeOf(agencies.join(creator, agency.agencyId!))).toBe('CONFLICT');
    expect(await codeOf(agencies.join(creator, randomUUID()))).toBe('NOT_FOUND');
    expect(await agencyIdOf(creator.creatorId!)).toBeNull();
    for (const viewer of [merchant, agency, admin]) {
      expect(await codeOf(agencies.join(viewer, agency.agencyId!))).toBe('FORBIDDEN');
      expect(await codeOf(agencies.leave(viewer))).toBe('FORBIDDEN');
    }
  });

  it('invite, join, leave: the whole round, each step once', async () => {
    const agency = await signUpAgency(context, 1500);
    const first = await signUpCreator(context);
    const second = await signUpCreator(context);
    const members = async () =>
      (await context.get(CreatorsService).findByAgency([agency.agencyId!])).map((c) => c.id).sort();

    expect(await agencies.invite(agency, first.creatorId!)).toMatchObject({
      id: agency.agencyId,
      name: 'Test Agency',
      revenueShareBps: 1500,
    });
    // Inviting again is harmless: still one invitation.
    await agencies.invite(agency, first.creatorId!);
    expect(await invitations(first.creatorId!)).toEqual([{ agency_id: agency.agencyId }]);

    expect(await agencies.join(first, agency.agencyId!)).toMatchObject({
      id: first.creatorId,
      agencyId: agency.agencyId,
    });
    // The invitation is used up.
    expect(await invitations(first.creatorId!)).toEqual([]);
    await agencies.invite(agency, second.creatorId!);
    await agencies.join(second, agency.agencyId!);
    expect(await members()).toEqual([first.creatorId, second.creatorId].sort());

    // Joining again, or being invited while a member, is a CONFLICT.
    expect(await codeOf(agencies.join(first, agency.agencyId!))).toBe('CONFLICT');
    expect(await codeOf(agencies.invite(agency, first.creatorId!))).toBe('CONFLICT');

    expect(await agencies.leave(first)).toMatchObject({ id: first.creatorId, agencyId: null });
    expect(await agencyIdOf(first.creatorId!)).toBeNull();
    expect(await members()).toEqual([second.creatorId]);
    // Leaving twice is a CONFLICT, and coming back needs a new invitation.
    expect(await codeOf(agencies.leave(first))).toBe('CONFLICT');
    expect(await codeOf(agencies.join(first, agency.agencyId!))).toBe('CONFLICT');
    await agencies.invite(agency, first.creatorId!);
    await agencies.join(first, agency.agencyId!);
    expect(await agencyIdOf(first.creatorId!)).toBe(agency.agencyId);
  });

  it('invitations: newest first, one notification per agency, declined once; only the agency or an admin sees its own', async () => {
    const agency = await signUpAgency(context, 2000);
    const other = await signUpAgency(context);
    const creator = await signUpCreator(context);
    const notified = () =>
      context.sql(`SELECT message FROM notifications WHERE user_id = $1 AND type = 'AGENCY_INVITATION'`, [
        creator.userId,
      ]);

    expect(await agencies.invitationsForCreator(creator)).toEqual([]);
    await agencies.invite(agency, creator.creatorId!);
    await agencies.invite(agency, creator.creatorId!);
    await agencies.invite(other, creator.creatorId!);
    const mine = await agencies.invitationsForCreator(creator);
    expect(mine.map((invitation) => invitation.agencyId)).toEqual([other.agencyId, agency.agencyId]);
    // One notification per agency, however often it invited; it names the share the agency takes.
    const messages = await notified();
    expect(messages).toHaveLength(2);
    expect(messages.some(({ message }) => message.includes('20%'))).toBe(true);

    expect((await agencies.pendingInvitationsOf(agency, agency.agencyId!)).map((i) => i.creatorId)).toEqual([
      creator.creatorId,
    ]);
    await agencies.decline(creator, other.agencyId!);
    expect(await invitations(creator.creatorId!)).toEqual([{ agency_id: agency.agencyId }]);
    // Declined twice, or not a creator: nothing changes; a declined invitation cannot be joined.
    expect(await codeOf(agencies.decline(creator, other.agencyId!))).toBe('NOT_FOUND');
    expect(await codeOf(agencies.decline(merchant, agency.agencyId!))).toBe('FORBIDDEN');
    expect(await codeOf(agencies.join(creator, other.agencyId!))).toBe('CONFLICT');
    await agencies.join(creator, agency.agencyId!);
    expect(await agencies.invitationsForCreator(creator)).toEqual([]);
    expect(await agencies.pendingInvitationsOf(agency, agency.agencyId!)).toEqual([]);
    // Only the agency itself (and admins) sees whom it invited: not another agency, nor its members.
    expect(await codeOf(agencies.pendingInvitationsOf(other, agency.agencyId!))).toBe('FORBIDDEN');
    expect(await codeOf(agencies.pendingInvitationsOf(creator, agency.agencyId!))).toBe('FORBIDDEN');
    expect(await agencies.pendingInvitationsOf(admin, agency.agencyId!)).toEqual([]);
  });

  it('the agency renames itself and changes its share, within 0-50%; nobody else may', async () => {
    const profiles = context.get(ProfilesService);
    const agency = await signUpAgency(context, 1500);
    expect(
      await profiles.updateAgencyProfile(agency, { name: '  Starry Night MCN ', revenueShareBps: 2500 }),
    ).toMatchObject({ id: agency.agencyId, name: 'Starry Night MCN', revenueShareBps: 2500 });
    for (const [profile, field] of [
      [{ name: 'X', revenueShareBps: 5001 }, 'revenueShareBps'],
      [{ name: 'X', revenueShareBps: -1 }, 'revenueShareBps'],
      [{ name: '   ', revenueShareBps: 1000 }, 'name'],
    ] as const) {
      const refused = await refusal(profiles.updateAgencyProfile(agency, profile));
      expect(refused.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(refused.fields ?? {})).toEqual([field]);
    }
    const creator = await signUpCreator(context);
    for (const viewer of [merchant, creator, admin]) {
      expect(
        await codeOf(profiles.updateAgencyProfile(viewer, { name: 'Mine now', revenueShareBps: 0 })),
      ).toBe('FORBIDDEN');
    }
    const [row] = await context.sql(`SELECT name, revenue_share_bps FROM agencies WHERE id = $1`, [
      agency.agencyId,
    ]);
    expect(row).toEqual({ name: 'Starry Night MCN', revenue_share_bps: 2500 });
  });

  it('a new share applies to orders made after it; each order keeps the share it was made with', async () => {
    const agency = await signUpAgency(context, 2000);
    const creator = await signUpCreatorWithTier(context, admin, CreatorTier.EXPERT);
    await agencies.invite(agency, creator.creatorId!);
    await agencies.join(creator, agency.agencyId!);
    const [before] = await bookedOrders(context, { merchant, creator }, 1, '1000.00');
    await context
      .get(ProfilesService)
      .updateAgencyProfile(agency, { name: 'Renamed', revenueShareBps: 4000 });
    const [after] = await bookedOrders(context, { merchant, creator }, 1, '1000.00');
    // 1000.00 less the 10% fee is 900.00: 20% of it before, 40% after (in fen).
    const shares = await context.get(OrdersService).byIds([before, after]);
    const shareOf = (id: string) => shares.find((order) => order.id === id)!.agencyShareMinor;
    expect(shareOf(before)).toBe(18_000n);
    expect(shareOf(after)).toBe(36_000n);
  });

  it('a member of one agency must leave it before joining another', async () => {
    const home = await signUpAgency(context);
    const rival = await signUpAgency(context);
    const creator = await signUpCreator(context);
    await agencies.invite(home, creator.creatorId!);
    await agencies.join(creator, home.agencyId!);
    // Another agency may invite: the creator decides.
    await agencies.invite(rival, creator.creatorId!);
    expect(await codeOf(agencies.join(creator, rival.agencyId!))).toBe('CONFLICT');
    expect(await agencyIdOf(creator.creatorId!)).toBe(home.agencyId);
    await agencies.leave(creator);
    expect(await agencies.join(creator, rival.agencyId!)).toMatchObject({ agencyId: rival.agencyId });
  });
});
