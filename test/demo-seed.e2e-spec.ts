import { dropDatabase } from '../libs/database/src/embedded-postgres';
import { expectWellFormedErrors } from './support/errors';
import { GqlClient, startTestServer, TestServer } from './support/harness';

const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id role } } }`;

describe('demo data', () => {
  it('is loaded into an empty database by default, with its log-ins, and only once', async () => {
    const demo = await startTestServer({
      env: { SEED_DEMO: '' },
      dropOnClose: false,
      readyTimeoutMs: 90_000,
    });
    let restarted: TestServer | null = null;
    try {
      const data = await demo.gql.ok(
        `{ creators(first: 100) { totalCount nodes { handle tier isBigV } } domainTags { slug } }`,
      );
      const tiers = new Set(data.creators.nodes.map((c: { tier: string }) => c.tier));
      expect(tiers).toEqual(new Set(['ORDINARY', 'CREATOR', 'EXPERT', 'CELEBRITY']));
      expect(data.creators.totalCount).toBeGreaterThanOrEqual(4);
      expect(demo.logs()).toContain('merchant@demo.vtask');
      const logIn = await demo.gql.ok(LOG_IN, { email: 'merchant@demo.vtask', password: 'vtask-demo-2026' });
      expect(logIn.logIn.user.role).toBe('MERCHANT');
      const agencies = await demo.gql.ok(
        `{ creators(first: 100) { nodes { agency { name creators { handle } } } } }`,
      );
      expect(agencies.creators.nodes.some((c: { agency: unknown }) => c.agency !== null)).toBe(true);
      // The completed order's content has figures to chart, day by day.
      const orders = await demo.gql.ok(
        `{ myOrders(first: 10, status: COMPLETED) { nodes { task { title } dailyPerformance { day views }
           performance { verified { clicks uniqueVisitors orders } } deliverables { trackingLinks { url } } } } }`,
        {},
        logIn.logIn.token,
      );
      const completed = orders.myOrders.nodes.find(
        (order: { task: { title: string } }) => order.task.title === '已完成：阳台小花园',
      );
      expect(completed.dailyPerformance.map((day: { views: number }) => day.views)).toEqual([5400, 8800]);
      // Beside what the creator reported, what the platform counted: a tracking link's clicks and signed sales.
      expect(completed.performance.verified).toEqual({ clicks: 19, uniqueVisitors: 12, orders: 3 });
      expect(
        completed.deliverables.flatMap((d: { trackingLinks: unknown[] }) => d.trackingLinks),
      ).toHaveLength(1);
      // The LIVE headline venue's showcase, public, links its content through /go/.
      const venues = await demo.gql.ok(`{ venues(first: 20) { nodes { id phase kind } } }`);
      const live = venues.venues.nodes.find(
        (venue: { phase: string; kind: string }) => venue.phase === 'LIVE' && venue.kind === 'HEADLINE',
      );
      const showcase = await demo.gql.ok(
        `query($id: ID!) { showcase(venueId: $id) { title link reasons } }`,
        { id: live.id },
      );
      expect(showcase.showcase.length).toBeGreaterThan(0);
      expect(showcase.showcase.some((entry: { link: string | null }) => entry.link?.includes('/go/'))).toBe(
        true,
      );
      // Deal terms: an order with a pending cancellation proposal, and a task reopened by a returned slot.
      const terms = await demo.gql.ok(
        `{ myOrders(first: 100, status: IN_PROGRESS) { nodes { task { title } cancellationProposals { status } } } }`,
        {},
        logIn.logIn.token,
      );
      const proposing = terms.myOrders.nodes.find(
        (order: { task: { title: string } }) => order.task.title === '协商取消中：儿童书架',
      );
      expect(proposing.cancellationProposals).toEqual([{ status: 'PENDING' }]);
      // One order in its retention window, one reported down awaiting restore.
      const retained = await demo.gql.ok(
        `{ myOrders(first: 100, status: COMPLETED) { nodes { task { title } publication { status } } } }`,
        {},
        logIn.logIn.token,
      );
      const publications = retained.myOrders.nodes.map(
        (order: { task: { title: string }; publication: { status: string } | null }) => [
          order.task.title,
          order.publication?.status ?? null,
        ],
      );
      expect(publications).toEqual(
        expect.arrayContaining([
          [expect.stringContaining('阳台小花园'), 'LIVE'],
          ['保留期中被反馈下架：玄关收纳', 'REPORTED_DOWN'],
        ]),
      );
      const open = await demo.gql.ok(`{ tasks(first: 100, filter: { status: OPEN }) { nodes { title } } }`);
      expect(open.tasks.nodes.map((task: { title: string }) => task.title)).toContain('重新开放：玄关收纳');
      // The Chinese console reads the demo orders' timelines and payout records in Chinese.
      const chinese = new GqlClient(demo.url, null);
      const timelines = await chinese.ok(
        `{ myOrders(first: 100) { nodes { events { type note } } } }`,
        {},
        logIn.logIn.token,
      );
      const notes: string[] = timelines.myOrders.nodes.flatMap(
        (order: { events: { note: string | null }[] }) =>
          order.events.map((event) => event.note).filter((note): note is string => note !== null),
      );
      expect(notes).toContain('商家接受了报名');
      expect(notes).toContain('第 1 版');
      expect(notes.some((note) => /^已扣款（沙盒，sandbox_ch_\S+）$/.test(note))).toBe(true);
      for (const note of notes) expect(note).toMatch(/[\u4e00-\u9fff]/);
      const creatorLogIn = await demo.gql.ok(LOG_IN, {
        email: 'xiaoyu.home@demo.vtask',
        password: 'vtask-demo-2026',
      });
      const payouts = await chinese.ok(`{ myPayouts { note } }`, {}, creatorLogIn.logIn.token);
      expect(payouts.myPayouts).toEqual([
        { note: expect.stringMatching(/^已打款（沙盒，sandbox_po_\S+）$/) },
      ]);
      // The creator square's demo: a shortlist of the home merchant, and portfolios with their reach.
      const lists = await demo.gql.ok(`{ myShortlists { name size } }`, {}, logIn.logIn.token);
      expect(lists.myShortlists).toEqual([{ name: '双11家居达人', size: 4 }]);
      const portfolios = await demo.gql.ok(
        `{ creators(first: 10, filter: { minCompletedOrders: 1 }) { nodes { handle portfolio { nodes { title views } } } } }`,
      );
      const portfolioOf = (handle: string) =>
        portfolios.creators.nodes.find((c: { handle: string }) => c.handle === handle)?.portfolio.nodes;
      // Newest first: the order whose content was reported down is completed work too.
      expect(portfolioOf('xiaoyu_home')).toEqual([
        { title: '玄关收纳', views: 0 },
        { title: '阳台小花园', views: 14200 },
      ]);
      expect(portfolioOf('glowlab')).toEqual([{ title: 'VC精华 14 天素颜对比', views: 12600 }]);
      // A creator the agency has invited and who has not answered yet.
      const invitee = await demo.gql.ok(LOG_IN, {
        email: 'babysteps@demo.vtask',
        password: 'vtask-demo-2026',
      });
      const invitations = await demo.gql.ok(
        `{ myAgencyInvitations { agency { name } } }`,
        {},
        invitee.logIn.token,
      );
      expect(invitations.myAgencyInvitations).toEqual([{ agency: { name: '星光传媒' } }]);
      // A live 家居 Home matchmaking session, matching now, with pairings for the home merchant and creators.
      const sessions = await demo.gql.ok(
        `{ matchmakingSessions(phase: MATCHING, industry: "home") { nodes { name myPairings { status reasons creator { handle } } } } }`,
        {},
        logIn.logIn.token,
      );
      const [homeSession] = sessions.matchmakingSessions.nodes;
      expect(homeSession.name).toContain('家居 Home');
      expect(
        homeSession.myPairings.map((p: { creator: { handle: string } }) => p.creator.handle).sort(),
      ).toEqual(['cozy_corner', 'nest_lab', 'xiaoyu_home']);
      expect(homeSession.myPairings.every((p: { status: string }) => p.status === 'PROPOSED')).toBe(true);
      const homeCreator = await demo.gql.ok(LOG_IN, {
        email: 'nest.lab@demo.vtask',
        password: 'vtask-demo-2026',
      });
      const creatorView = await demo.gql.ok(
        `{ matchmakingSessions(phase: MATCHING) { nodes { myPairings { reasons merchant { shopName } } } } }`,
        {},
        homeCreator.logIn.token,
      );
      expect(creatorView.matchmakingSessions.nodes[0].myPairings).toEqual([
        {
          reasons: expect.arrayContaining([expect.any(String)]),
          merchant: { shopName: '棉麻与橡木家居旗舰店' },
        },
      ]);
      const users = (await demo.sql(`SELECT count(*)::int AS n FROM users`))[0].n;
      expectWellFormedErrors(demo.gql.errorsSeen);

      await demo.close();
      restarted = await TestServer.start({
        databaseUrl: demo.databaseUrl,
        env: { SEED_DEMO: '' },
        dropOnClose: true,
      });
      expect((await restarted.sql(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(users);
    } finally {
      await demo.close();
      if (restarted) await restarted.close();
      else await dropDatabase(process.env.VTASK_TEST_ADMIN_URL!, new URL(demo.databaseUrl).pathname.slice(1));
    }
  }, 180_000);

  it('is not loaded by default in production, where its published admin password would be a way in', async () => {
    const production = await startTestServer({
      env: { SEED_DEMO: '', NODE_ENV: 'production', ALLOW_SANDBOX_PAYMENTS: 'true' },
    });
    try {
      expect((await production.sql(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(0);
    } finally {
      await production.close();
    }
  });
});
