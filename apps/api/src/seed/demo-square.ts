import type { INestApplication } from '@nestjs/common';
import { AuthService, Channel, CreatorTier, UserEntity } from '@vtask/accounts';
import { ContentType, CurrencyCode, Money, type Viewer } from '@vtask/core';
import { ContentMetricsService } from '@vtask/insights';
import { BidsService, TasksService } from '@vtask/marketplace';
import { ShortlistsService } from '@vtask/matching';
import { OrderLifecycleService } from '@vtask/orders';
import { DataSource } from 'typeorm';

const DAY = 24 * 3600_000;
const cny = (amount: string) => Money.fromDecimal(amount, CurrencyCode.CNY);
const at = (ms: number) => new Date(Date.now() + ms);

/**
 * The creator square's demo (找达人): a second portfolio item (a completed serum review with its
 * reach) beside the completed balcony order of the demo market, and the home merchant's shortlist for
 * Double 11, one of whose creators is ORDINARY, so a bulk invitation shows who is skipped and why.
 */
export async function seedDemoSquare(app: INestApplication): Promise<void> {
  const auth = app.get(AuthService);
  const tasks = app.get(TasksService);
  const bids = app.get(BidsService);
  const lifecycle = app.get(OrderLifecycleService);
  const metrics = app.get(ContentMetricsService);
  const shortlists = app.get(ShortlistsService);
  const users = app.get(DataSource).getRepository<UserEntity>('UserEntity');
  const viewer = async (email: string): Promise<Viewer> => {
    const user = await users.findOneByOrFail({ email });
    return (await auth.viewerFor(user.id))!;
  };
  const home = await viewer('merchant@demo.vtask');
  const beauty = await viewer('beauty@demo.vtask');
  const glowlab = await viewer('glowlab@demo.vtask');
  const creatorIds = await Promise.all(
    ['xiaoyu.home', 'styled.by.an', 'babysteps', 'snack.scout'].map(
      async (name) => (await viewer(`${name}@demo.vtask`)).creatorId!,
    ),
  );

  const task = await tasks.post(beauty, {
    title: '已完成：VC精华 14 天测评',
    brief: '演示订单：早晚各用一次维C精华，记录 14 天的变化。',
    contentType: ContentType.VIDEO,
    channels: [Channel.HEADLINES],
    domainTags: ['beauty.skincare'],
    budget: cny('1800.00'),
    slots: 1,
    minTier: CreatorTier.CREATOR,
    applyBy: at(5 * DAY),
    deliverBy: at(14 * DAY),
    publish: true,
  });
  const bid = await bids.place(glowlab, {
    taskId: task.id,
    price: cny('1800.00'),
    pitch: '成分加实拍，14 天不落。',
  });
  const order = await bids.accept(beauty, bid.id);
  await lifecycle.fund(beauty, order.id, `demo-fund-${order.id}`);
  const deliverable = await lifecycle.submitDeliverable(glowlab, {
    orderId: order.id,
    title: 'VC精华 14 天素颜对比',
    body: '第 1、7、14 天同一光线下的对比，附成分解读。',
    mediaUrls: ['https://example.com/demo/serum.mp4'],
    publishedUrl: 'https://example.com/demo/serum-post',
  });
  await lifecycle.acceptDelivery(
    beauty,
    order.id,
    { rating: 5, comment: '对比很直观，评论区反馈很好。' },
    `demo-accept-${order.id}`,
  );
  await metrics.record(glowlab, {
    deliverableId: deliverable.id,
    day: new Date(Date.now() - DAY).toISOString().slice(0, 10),
    views: 12600,
    clicks: 830,
    favorites: 402,
    addToCarts: 118,
    orders: 37,
    gmv: cny('4410.00'),
  });

  const shortlist = await shortlists.create(home, '双11家居达人');
  await shortlists.add(home, shortlist.id, creatorIds);
}
