import type { INestApplication } from '@nestjs/common';
import {
  AuthService,
  CreatorEntity,
  CreatorTier,
  meetsTier,
  MerchantEntity,
  UserEntity,
} from '@vtask/accounts';
import type { Viewer } from '@vtask/core';
import { OrderStatus, ordersInStatus } from '@vtask/orders';
import { TimersService } from '@vtask/jobs';
import {
  armVenueTimers,
  disarmVenueTimers,
  SubmissionDecision,
  VenueEnrollmentsService,
  VenueEntity,
  VenueKind,
  VenuesService,
  VenueSubmissionsService,
  type CreateVenueCommand,
} from '@vtask/venues';
import { DataSource, In } from 'typeorm';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const EVENT = '2026 天猫双11';

/** A timeline as durations: recruitment, then docking, curating and the live run. */
interface Durations {
  recruiting: number;
  docking: number;
  curating: number;
  live: number;
}

/**
 * The "2026 天猫双11" event: one venue of each kind, each at another phase of its timeline relative to
 * now (UPCOMING, RECRUITING, CURATING, LIVE), made through the real services so every rule holds.
 * Enrollment and submission happen only while a venue recruits, so the venues further along are built
 * as they would have been lived: created recruiting, enrolled and submitted, then their whole timeline
 * moved into the past (and their timers armed for the moved moments) before the next step. Submissions
 * use the COMPLETED orders that exist (the demo market has one); without any, the venues have
 * enrollments only. Runs once: it does nothing when the event already has venues.
 */
export async function seedDemoVenues(app: INestApplication): Promise<void> {
  const dataSource = app.get(DataSource);
  const auth = app.get(AuthService);
  const venues = app.get(VenuesService);
  const enrollments = app.get(VenueEnrollmentsService);
  const submissions = app.get(VenueSubmissionsService);
  const timers = app.get(TimersService);
  if (await dataSource.getRepository<VenueEntity>('VenueEntity').existsBy({ event: EVENT })) return;

  const users = dataSource.getRepository<UserEntity>('UserEntity');
  const viewerOf = async (email: string): Promise<Viewer | null> => {
    const user = await users.findOneBy({ email });
    return user ? auth.viewerFor(user.id) : null;
  };
  const admin = await viewerOf('admin@demo.vtask');
  if (!admin) return; // the demo accounts were not loaded
  const demoParticipants = (
    await Promise.all(
      [
        'merchant@demo.vtask',
        'beauty@demo.vtask',
        'xiaoyu.home@demo.vtask',
        'glowlab@demo.vtask',
        'styled.by.an@demo.vtask',
      ].map(viewerOf),
    )
  ).filter((viewer): viewer is Viewer => viewer !== null);

  // The content dealt on the platform, and who may submit it (its merchant).
  const completed = await ordersInStatus(dataSource.manager, OrderStatus.COMPLETED, 5);
  const merchants = await dataSource
    .getRepository<MerchantEntity>('MerchantEntity')
    .findBy({ id: In(completed.map((o) => o.merchantId)) });
  const creators = await dataSource
    .getRepository<CreatorEntity>('CreatorEntity')
    .findBy({ id: In(completed.map((o) => o.creatorId)) });
  const submitters = new Map<string, Viewer>();
  for (const order of completed) {
    const merchant = merchants.find((row) => row.id === order.merchantId);
    const viewer = merchant ? await auth.viewerFor(merchant.userId) : null;
    if (viewer) submitters.set(order.id, viewer);
  }
  // Everyone who takes part: the demo's merchants and creators, and both parties of every completed order.
  const participants = new Map<string, Viewer>(demoParticipants.map((viewer) => [viewer.userId, viewer]));
  for (const viewer of submitters.values()) participants.set(viewer.userId, viewer);
  for (const creator of creators) {
    const viewer = await auth.viewerFor(creator.userId);
    if (viewer && creator.tier !== CreatorTier.ORDINARY) participants.set(viewer.userId, viewer);
  }

  /** Creates a venue recruiting now, with the given durations (recruitment opened an hour ago). */
  const create = (
    command: Omit<CreateVenueCommand, keyof ReturnType<typeof recruitingNow>>,
    durations: Durations,
  ) => venues.create(admin, { ...command, ...recruitingNow(durations) });
  /** Moves a venue's whole timeline `ms` into the past, as if that time had gone by, with its timers. */
  const moveIntoPast = (venueId: string, ms: number) =>
    dataSource.transaction(async (manager) => {
      await disarmVenueTimers(
        timers,
        manager,
        await manager.getRepository<VenueEntity>('VenueEntity').findOneByOrFail({ id: venueId }),
      );
      await manager.query(
        `UPDATE venues SET recruitment_opens_at = recruitment_opens_at - $2 * interval '1 millisecond',
                           recruitment_closes_at = recruitment_closes_at - $2 * interval '1 millisecond',
                           submission_deadline = submission_deadline - $2 * interval '1 millisecond',
                           go_live_at = go_live_at - $2 * interval '1 millisecond',
                           ends_at = ends_at - $2 * interval '1 millisecond'
          WHERE id = $1`,
        [venueId, ms],
      );
      await armVenueTimers(
        timers,
        manager,
        await manager.getRepository<VenueEntity>('VenueEntity').findOneByOrFail({ id: venueId }),
      );
    });
  /**
   * Enrolls everyone who meets the venue's tier; approves all but `pending` of them (the last ones),
   * who stay PENDING for the admin.
   */
  const creatorTiers = new Map(
    (
      await dataSource
        .getRepository<CreatorEntity>('CreatorEntity')
        .findBy({ userId: In([...participants.keys()]) })
    ).map((row) => [row.userId, row.tier]),
  );
  const enrollAll = async (venue: VenueEntity, pending = 0) => {
    const everyone = [...participants.values()].filter((viewer) => {
      const tier = creatorTiers.get(viewer.userId);
      return tier === undefined || meetsTier(tier, venue.minTier);
    });
    const venueId = venue.id;
    for (const [index, viewer] of everyone.entries()) {
      const enrollment = await enrollments.enroll(viewer, venueId);
      if (index < everyone.length - pending) await enrollments.decide(admin, enrollment.id, true);
    }
  };
  /** Each completed order submitted by its merchant; returns the submission ids. */
  const submitAll = async (venueId: string) => {
    const ids: string[] = [];
    for (const order of completed) {
      const viewer = submitters.get(order.id);
      if (viewer) ids.push((await submissions.submit(viewer, { venueId, orderId: order.id })).id);
    }
    return ids;
  };
  const acceptAll = async (ids: string[]) => {
    for (const id of ids)
      await submissions.decide(admin, id, SubmissionDecision.ACCEPT, '内容扎实，适合本会场。');
  };

  // LIST, UPCOMING: recruitment opens in three days.
  await venues.create(admin, {
    name: '必买清单会场',
    kind: VenueKind.LIST,
    event: EVENT,
    description: '预热期精选购物清单，一份清单一个主题。',
    domainTags: ['home', 'beauty', 'digital'],
    capacity: 50,
    recruitmentOpensAt: at(3 * DAY),
    recruitmentClosesAt: at(8 * DAY),
    submissionDeadline: at(11 * DAY),
    goLiveAt: at(12 * DAY),
    endsAt: at(18 * DAY),
  });

  // CREATOR, RECRUITING: closes in 6 h, submissions due in 20 h, so the deadline reminder has gone out.
  const makeover = await venues.create(admin, {
    name: '家居焕新会场',
    kind: VenueKind.CREATOR,
    event: EVENT,
    description: '小户型大创意：真正住在里面的达人分享家具、收纳和软装。',
    domainTags: ['home'],
    minTier: CreatorTier.CREATOR,
    capacity: 20,
    recruitmentOpensAt: at(-3 * DAY),
    recruitmentClosesAt: at(6 * HOUR),
    submissionDeadline: at(20 * HOUR),
    goLiveAt: at(2 * DAY),
    endsAt: at(7 * DAY),
  });
  await enrollAll(makeover, 2);
  await submitAll(makeover.id);
  // What the reminder timer does 24 h before the deadline (that moment was already past at creation).
  await venues.remindDeadline(makeover.id);

  // LIVE, CURATING: submissions closed a day ago; accepted content waits in the draft lineup.
  const stage = await create(
    {
      name: '直播带货主舞台',
      kind: VenueKind.LIVE,
      event: EVENT,
      description: '连续三晚的直播带货：本季转化最好的直播间同台。',
      domainTags: ['home', 'beauty'],
      minTier: CreatorTier.EXPERT,
      capacity: 12,
    },
    { recruiting: 6 * DAY, docking: 3 * DAY, curating: 3 * DAY, live: 3 * DAY },
  );
  await enrollAll(stage);
  const staged = await submitAll(stage.id);
  await acceptAll(staged);
  await moveIntoPast(stage.id, untilPast(await reload(stage.id), 'submissionDeadline', DAY));
  await venues.setLineup(admin, stage.id, staged);

  // HEADLINE, LIVE: the lineup was published before going live two days ago.
  const headline = await create(
    {
      name: '双11主会场',
      kind: VenueKind.HEADLINE,
      event: EVENT,
      description: '大促首页：每位消费者第一眼看到的达人阵容。',
      domainTags: [],
      minTier: CreatorTier.CREATOR,
      capacity: 8,
    },
    { recruiting: 5 * DAY, docking: 2 * DAY, curating: 2 * DAY, live: 7 * DAY },
  );
  await enrollAll(headline);
  const featured = await submitAll(headline.id);
  await acceptAll(featured);
  await venues.setLineup(admin, headline.id, featured);
  await moveIntoPast(headline.id, untilPast(await reload(headline.id), 'submissionDeadline', HOUR));
  await venues.publish(admin, headline.id);
  await moveIntoPast(headline.id, untilPast(await reload(headline.id), 'goLiveAt', 2 * DAY));

  async function reload(id: string): Promise<VenueEntity> {
    return dataSource.getRepository<VenueEntity>('VenueEntity').findOneByOrFail({ id });
  }
}

function at(offsetMs: number): Date {
  return new Date(Date.now() + offsetMs);
}

/** A timeline whose recruitment opened an hour ago and runs for the given durations. */
function recruitingNow(durations: Durations) {
  const recruitmentOpensAt = at(-HOUR);
  const recruitmentClosesAt = new Date(recruitmentOpensAt.getTime() + durations.recruiting);
  const submissionDeadline = new Date(recruitmentClosesAt.getTime() + durations.docking);
  const goLiveAt = new Date(submissionDeadline.getTime() + durations.curating);
  const endsAt = new Date(goLiveAt.getTime() + durations.live);
  return { recruitmentOpensAt, recruitmentClosesAt, submissionDeadline, goLiveAt, endsAt };
}

/** How far to move a venue so that `moment` lies `ago` in the past. */
function untilPast(venue: VenueEntity, moment: 'submissionDeadline' | 'goLiveAt', ago: number): number {
  return venue[moment].getTime() - Date.now() + ago;
}
