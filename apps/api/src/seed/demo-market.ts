import type { INestApplication } from '@nestjs/common';
import { AuthService, Channel, CreatorTier, UserEntity } from '@vtask/accounts';
import { ContentType, CurrencyCode, Money, type Viewer } from '@vtask/core';
import {
  BidsService,
  InvitationsService,
  OffersService,
  TasksService,
  TaskVisibility,
} from '@vtask/marketplace';
import { ContentMetricsService } from '@vtask/insights';
import { OrderLifecycleService } from '@vtask/orders';
import { DataSource } from 'typeorm';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const cny = (amount: string) => Money.fromDecimal(amount, CurrencyCode.CNY);
const at = (ms: number) => new Date(Date.now() + ms);

/**
 * The demo market, made through the real services: open tasks with bids, an invite-only task with a
 * pending invitation, creator offers (one a live-stream slot sale), and one order in every status
 * with its ledger (the completed one with two days of its content's figures), so a newcomer sees the
 * whole flow at once.
 */
export async function seedDemoMarket(app: INestApplication): Promise<void> {
  const auth = app.get(AuthService);
  const tasks = app.get(TasksService);
  const bids = app.get(BidsService);
  const invitations = app.get(InvitationsService);
  const offers = app.get(OffersService);
  const lifecycle = app.get(OrderLifecycleService);
  const metrics = app.get(ContentMetricsService);
  const users = app.get(DataSource).getRepository(UserEntity);
  const viewer = async (email: string): Promise<Viewer> => {
    const user = await users.findOneByOrFail({ email });
    return (await auth.viewerFor(user.id))!;
  };

  const home = await viewer('merchant@demo.vtask');
  const beauty = await viewer('beauty@demo.vtask');
  const gadgets = await viewer('gadgets@demo.vtask');
  const admin = await viewer('admin@demo.vtask');
  const xiaoyu = await viewer('xiaoyu.home@demo.vtask');
  const glowlab = await viewer('glowlab@demo.vtask');
  const techtalk = await viewer('techtalk.li@demo.vtask');
  const styled = await viewer('styled.by.an@demo.vtask');
  const babysteps = await viewer('babysteps@demo.vtask');

  const post = (
    merchant: Viewer,
    title: string,
    brief: string,
    tags: string[],
    budget: string,
    extra: Partial<Parameters<TasksService['post']>[1]> = {},
  ) =>
    tasks.post(merchant, {
      title,
      brief,
      contentType: ContentType.VIDEO,
      channels: [Channel.HEADLINES, Channel.GOOD_FINDS],
      domainTags: tags,
      budget: cny(budget),
      slots: 3,
      applyBy: at(5 * DAY),
      deliverBy: at(14 * DAY),
      publish: true,
      ...extra,
    });

  // Open tasks in the feed, a few with bids.
  const sofa = await post(
    home,
    'Living-room makeover with our modular sofa',
    'Film a weekend rearranging a small flat around the sofa; show the washable covers.',
    ['home.furniture'],
    '3000.00',
    { minTier: CreatorTier.EXPERT },
  );
  await post(
    home,
    'Kitchen storage picks for Double 11',
    'A picture-and-text list of 8 storage items from our shop, with honest pros and cons.',
    ['home.kitchen', 'home.storage'],
    '800.00',
    { contentType: ContentType.LIST, slots: 10 },
  );
  const serum = await post(
    beauty,
    'Two-week serum diary',
    'Use the vitamin C serum morning and evening for 14 days; show day 1, 7 and 14.',
    ['beauty.skincare'],
    '1500.00',
  );
  await post(
    gadgets,
    'Earbuds on the commute',
    'Test noise cancelling on the metro and report battery life honestly.',
    ['digital.audio'],
    '1200.00',
    { channels: [Channel.HEADLINES, Channel.EXTERNAL] },
  );
  await bids.place(xiaoyu, {
    taskId: sofa.id,
    price: cny('3200.00'),
    pitch: 'I did three small-flat makeovers this year; my audience asks about sofas weekly.',
  });
  await bids.place(glowlab, {
    taskId: serum.id,
    price: cny('1500.00'),
    pitch: 'Ingredient-first diary with close-up skin shots.',
  });
  await bids.place(styled, {
    taskId: serum.id,
    price: cny('1200.00'),
    pitch: 'I can pair it with a morning routine video.',
  });

  // An invite-only task with a pending invitation.
  const vip = await post(
    beauty,
    'Private launch: new fragrance line',
    'Invited creators only: an unboxing and first impressions before the launch.',
    ['beauty.fragrance'],
    '5000.00',
    { visibility: TaskVisibility.INVITE_ONLY, slots: 2 },
  );
  await invitations.invite(beauty, {
    taskId: vip.id,
    creatorId: glowlab.creatorId!,
    message: 'We loved your serum series; join the launch?',
  });

  // Creator offers: a service, and slots in a scheduled live stream.
  await offers.post(techtalk, {
    title: 'One-month phone review',
    description: 'A month of daily use, a video and a written verdict.',
    contentType: ContentType.VIDEO,
    channels: [Channel.HEADLINES],
    domainTags: ['digital.phones'],
    price: cny('2500.00'),
    slots: 4,
    turnaroundDays: 30,
  });
  const live = await offers.post(xiaoyu, {
    title: 'Double 11 home live stream: 6 product slots',
    description: 'Three hours live on 11.11; each slot gets 10 minutes of demo and a coupon link.',
    contentType: ContentType.LIVE,
    channels: [Channel.LIVE],
    domainTags: ['home'],
    price: cny('6000.00'),
    slots: 6,
    turnaroundDays: 1,
    scheduledAt: at(10 * DAY),
    bookBy: at(8 * DAY),
  });
  await offers.book(home, live.id, 'Feature the modular sofa and the washable covers; coupon code LINEN11.');

  // One order in every status, each from its own one-slot task.
  let n = 0;
  const order = async (merchant: Viewer, creator: Viewer, title: string, price: string) => {
    const task = await post(
      merchant,
      title,
      `Demo order ${++n}: ${title.toLowerCase()}.`,
      ['home.decor'],
      price,
      {
        slots: 1,
        minTier: CreatorTier.CREATOR,
      },
    );
    const bid = await bids.place(creator, { taskId: task.id, price: cny(price), pitch: 'Happy to do it.' });
    return bids.accept(merchant, bid.id);
  };
  const fund = (merchant: Viewer, orderId: string) =>
    lifecycle.fund(merchant, orderId, `demo-fund-${orderId}`);
  const deliver = (creator: Viewer, orderId: string, title: string) =>
    lifecycle.submitDeliverable(creator, {
      orderId,
      title,
      body: 'Draft script, shot list and the first cut.',
      mediaUrls: ['https://example.com/demo/video.mp4'],
    });

  await order(home, styled, 'Awaiting funding: cushion covers styling', '600.00');

  const inProgress = await order(home, babysteps, 'In progress: nursery corner', '900.00');
  await fund(home, inProgress.id);

  const delivered = await order(home, xiaoyu, 'Delivered: reading nook', '2000.00');
  await fund(home, delivered.id);
  await deliver(xiaoyu, delivered.id, 'Reading nook, first cut');

  const revising = await order(beauty, styled, 'Revision requested: vanity table', '700.00');
  await fund(beauty, revising.id);
  await deliver(styled, revising.id, 'Vanity table, first cut');
  await lifecycle.requestRevision(beauty, revising.id, 'Please show the drawer organisers in daylight.');

  const completed = await order(home, xiaoyu, 'Completed: balcony garden', '1000.00');
  await fund(home, completed.id);
  const balcony = await deliver(xiaoyu, completed.id, 'Balcony garden');
  await lifecycle.acceptDelivery(
    home,
    completed.id,
    { rating: 5, comment: 'Beautiful work, on time.' },
    `demo-accept-${completed.id}`,
  );
  await lifecycle.reviewMerchant(xiaoyu, completed.id, 5, 'Clear brief, fast payment.');
  // Its content's first figures (a day may go back to the day before the order was made).
  for (const [offset, views, clicks, favorites, addToCarts, orders, gmv] of [
    [-1, 5400, 324, 96, 41, 12, '1548.00'],
    [0, 8800, 572, 151, 77, 23, '2967.00'],
  ] as const) {
    await metrics.record(xiaoyu, {
      deliverableId: balcony.id,
      day: new Date(Date.now() + offset * DAY).toISOString().slice(0, 10),
      views,
      clicks,
      favorites,
      addToCarts,
      orders,
      gmv: cny(gmv),
    });
  }

  const cancelled = await order(gadgets, babysteps, 'Cancelled: baby monitor unboxing', '500.00');
  await lifecycle.cancel(
    gadgets,
    cancelled.id,
    'The product launch moved to next quarter.',
    `demo-cancel-${cancelled.id}`,
  );

  const disputed = await order(gadgets, styled, 'Disputed: desk setup', '800.00');
  await fund(gadgets, disputed.id);
  await deliver(styled, disputed.id, 'Desk setup');
  await lifecycle.openDispute(gadgets, disputed.id, 'The video shows a different monitor than we sent.');

  const resolved = await order(beauty, babysteps, 'Resolved: bath-time routine', '400.00');
  await fund(beauty, resolved.id);
  await deliver(babysteps, resolved.id, 'Bath-time routine');
  await lifecycle.openDispute(beauty, resolved.id, 'Half of the agreed shots are missing.');
  await lifecycle.resolveDispute(
    admin,
    {
      orderId: resolved.id,
      creatorAmount: cny('200.00'),
      note: 'Half delivered: half released, half refunded.',
    },
    `demo-resolve-${resolved.id}`,
  );
}
