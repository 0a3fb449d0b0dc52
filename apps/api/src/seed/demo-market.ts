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
import { PayoutsService } from '@vtask/ledger';
import { OrderLifecycleService, OrderPublicationService } from '@vtask/orders';
import { DataSource } from 'typeorm';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

const cny = (amount: string) => Money.fromDecimal(amount, CurrencyCode.CNY);
const at = (ms: number) => new Date(Date.now() + ms);

/**
 * The demo market, made through the real services: open tasks with bids, an invite-only task with a
 * pending invitation, creator offers (one a live-stream slot sale), and one order in every status
 * with its ledger (the completed one with two days of its content's figures, published and in its
 * retention window; another reported down), so a newcomer sees the whole flow at once.
 */
export async function seedDemoMarket(app: INestApplication): Promise<void> {
  const auth = app.get(AuthService);
  const tasks = app.get(TasksService);
  const bids = app.get(BidsService);
  const invitations = app.get(InvitationsService);
  const offers = app.get(OffersService);
  const lifecycle = app.get(OrderLifecycleService);
  const metrics = app.get(ContentMetricsService);
  const payouts = app.get(PayoutsService);
  const publications = app.get(OrderPublicationService);
  const users = app.get(DataSource).getRepository<UserEntity>('UserEntity');
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
    '模块沙发客厅改造：小户型周末大变身',
    '拍一个周末围绕模块沙发重新布置小户型客厅的过程，重点展示可拆洗沙发套和自由组合。',
    ['home.furniture'],
    '3000.00',
    { minTier: CreatorTier.EXPERT },
  );
  await post(
    home,
    '双11厨房收纳好物清单',
    '图文清单：从店里挑 8 件厨房收纳好物，每件写清真实优缺点，发在有好货。',
    ['home.kitchen', 'home.storage'],
    '800.00',
    { contentType: ContentType.LIST, slots: 10 },
  );
  const serum = await post(
    beauty,
    'VC精华14天打卡日记',
    '早晚各用一次维C精华，连续 14 天，拍第 1、7、14 天的素颜对比。',
    ['beauty.skincare'],
    '1500.00',
  );
  await post(
    gadgets,
    '降噪耳机通勤实测',
    '在地铁早高峰实测降噪效果，如实记录续航表现。',
    ['digital.audio'],
    '1200.00',
    { channels: [Channel.HEADLINES, Channel.EXTERNAL] },
  );
  await bids.place(xiaoyu, {
    taskId: sofa.id,
    price: cny('3200.00'),
    pitch: '今年做了三期小户型改造，粉丝每周都在问沙发怎么选。',
  });
  await bids.place(glowlab, {
    taskId: serum.id,
    price: cny('1500.00'),
    pitch: '从成分讲起，配皮肤特写，14 天一天不落。',
  });
  await bids.place(styled, {
    taskId: serum.id,
    price: cny('1200.00'),
    pitch: '可以搭配一条晨间护肤流程视频一起发。',
  });

  // An invite-only task with a pending invitation.
  const vip = await post(
    beauty,
    '新品香水系列定向首发',
    '仅限受邀达人：上市前开箱并分享第一印象。',
    ['beauty.fragrance'],
    '5000.00',
    { visibility: TaskVisibility.INVITE_ONLY, slots: 2 },
  );
  await invitations.invite(beauty, {
    taskId: vip.id,
    creatorId: glowlab.creatorId!,
    message: '很喜欢你的精华测评系列，来参加这次新品首发吗？',
  });

  // Creator offers: a service, and slots in a scheduled live stream.
  await offers.post(techtalk, {
    title: '手机深度体验一个月',
    description: '日常使用满一个月，出一条视频和一篇图文测评结论。',
    contentType: ContentType.VIDEO,
    channels: [Channel.HEADLINES],
    domainTags: ['digital.phones'],
    price: cny('2500.00'),
    slots: 4,
    turnaroundDays: 30,
  });
  const live = await offers.post(xiaoyu, {
    title: '双11家居专场直播：6 个商品坑位',
    description: '11月11日淘宝直播三小时，每个坑位 10 分钟讲解并挂优惠券链接。',
    contentType: ContentType.LIVE,
    channels: [Channel.LIVE],
    domainTags: ['home'],
    price: cny('6000.00'),
    slots: 6,
    turnaroundDays: 1,
    scheduledAt: at(10 * DAY),
    bookBy: at(8 * DAY),
  });
  await offers.book(home, live.id, '重点讲模块沙发和可拆洗沙发套，优惠码 LINEN11。');

  // One order in every status, each from its own one-slot task.
  let n = 0;
  const order = async (merchant: Viewer, creator: Viewer, title: string, price: string) => {
    const task = await post(merchant, title, `演示订单 ${++n}：${title}。`, ['home.decor'], price, {
      slots: 1,
      minTier: CreatorTier.CREATOR,
    });
    const bid = await bids.place(creator, { taskId: task.id, price: cny(price), pitch: '很乐意接这单。' });
    return bids.accept(merchant, bid.id);
  };
  const fund = (merchant: Viewer, orderId: string) =>
    lifecycle.fund(merchant, orderId, `demo-fund-${orderId}`);
  const deliver = (creator: Viewer, orderId: string, title: string) =>
    lifecycle.submitDeliverable(creator, {
      orderId,
      title,
      body: '脚本初稿、分镜清单和第一版剪辑。',
      mediaUrls: ['https://example.com/demo/video.mp4'],
    });

  await order(home, styled, '待托管：抱枕套软装搭配', '600.00');

  const inProgress = await order(home, babysteps, '进行中：婴儿房角落布置', '900.00');
  await fund(home, inProgress.id);

  const delivered = await order(home, xiaoyu, '待验收：飘窗阅读角', '2000.00');
  await fund(home, delivered.id);
  await deliver(xiaoyu, delivered.id, '飘窗阅读角 第一版');

  const revising = await order(beauty, styled, '修改中：梳妆台收纳', '700.00');
  await fund(beauty, revising.id);
  await deliver(styled, revising.id, '梳妆台收纳 第一版');
  await lifecycle.requestRevision(beauty, revising.id, '请在自然光下再拍一下抽屉收纳盒。');

  const completed = await order(home, xiaoyu, '已完成：阳台小花园', '1000.00');
  await fund(home, completed.id);
  const balcony = await deliver(xiaoyu, completed.id, '阳台小花园');
  await lifecycle.acceptDelivery(
    home,
    completed.id,
    { rating: 5, comment: '拍得很美，准时交付。' },
    `demo-accept-${completed.id}`,
  );
  await lifecycle.reviewMerchant(xiaoyu, completed.id, 5, '需求清楚，结款爽快。');
  // Part of what the completed order earned, paid out: the wallet's payout record has its note.
  await payouts.request(xiaoyu, cny('300.00'), `demo-payout-${completed.id}`);
  // In its retention window: published, the holdback released when the window ends.
  await publications.markPublished(xiaoyu, completed.id, 'https://example.com/demo/balcony-garden');
  // Reported down during its window: the creator has until restoreBy to restore it.
  const reported = await order(home, xiaoyu, '保留期中被反馈下架：玄关收纳', '800.00');
  await fund(home, reported.id);
  await deliver(xiaoyu, reported.id, '玄关收纳');
  await lifecycle.acceptDelivery(home, reported.id, {}, `demo-accept-${reported.id}`);
  await publications.markPublished(xiaoyu, reported.id, 'https://example.com/demo/entryway');
  await publications.reportTakedown(home, reported.id, '链接打不开了，请尽快恢复。');
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

  const cancelled = await order(gadgets, babysteps, '已取消：婴儿监护器开箱', '500.00');
  await lifecycle.cancel(gadgets, cancelled.id, '新品上市推迟到下个季度。', `demo-cancel-${cancelled.id}`);

  // A kill-fee terms dispute settled between the parties: the creator proposes a split, the merchant decides.
  const proposing = await order(home, babysteps, '协商取消中：儿童书架', '1200.00');
  await fund(home, proposing.id);
  await lifecycle.proposeCancellation(babysteps, {
    orderId: proposing.id,
    creatorAmount: cny('360.00'),
    reason: '宝宝生病需要照顾，想协商提前结束；已拍的素材可以交给你们。',
  });

  // The creator gave the only slot back before funding: the full task opened again for new bids.
  const reopened = await order(home, styled, '重新开放：玄关收纳', '500.00');
  await lifecycle.cancel(styled, reopened.id, '档期冲突，名额退回给商家。', `demo-cancel-${reopened.id}`);

  const disputed = await order(gadgets, styled, '争议中：桌面好物布置', '800.00');
  await fund(gadgets, disputed.id);
  await deliver(styled, disputed.id, '桌面好物布置');
  await lifecycle.openDispute(gadgets, disputed.id, '视频里的显示器不是我们寄出的那款。');

  const resolved = await order(beauty, babysteps, '已裁决：宝宝洗澡流程', '400.00');
  await fund(beauty, resolved.id);
  await deliver(babysteps, resolved.id, '宝宝洗澡流程');
  await lifecycle.openDispute(beauty, resolved.id, '约定的镜头少了一半。');
  await lifecycle.resolveDispute(
    admin,
    {
      orderId: resolved.id,
      creatorAmount: cny('200.00'),
      note: '只交付了一半：一半放款给达人，一半退给商家。',
    },
    `demo-resolve-${resolved.id}`,
  );
}
