import type { INestApplication } from '@nestjs/common';
import { AuthService, Channel, CreatorsService, CreatorTier, UserEntity } from '@vtask/accounts';
import { ContentType, CurrencyCode, Money, Role, type Viewer } from '@vtask/core';
import { TasksService } from '@vtask/marketplace';
import {
  MatchmakingSessionsService,
  PairingsService,
  type MatchmakingSessionEntity,
} from '@vtask/matchmaking';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD, type DemoLogIn } from './demo-seed';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const SESSION_NAME = '家居 Home 定向匹配会 · 2026 双11';

/** Two more home creators, so the demo merchant's task is proposed several (the demo has one). */
const HOME_CREATORS = [
  {
    handle: 'nest_lab',
    name: '收纳研究所',
    tier: CreatorTier.EXPERT,
    tags: ['home.storage', 'home.kitchen'],
    followers: 260_000,
    bio: '十平米也能收出三十平米的用处：收纳方案实测。',
  },
  {
    handle: 'cozy_corner',
    name: '角落生活',
    tier: CreatorTier.CREATOR,
    tags: ['home.decor', 'home.furniture'],
    followers: 56_000,
    bio: '租房改造和软装搭配，一个角落一个故事。',
  },
];

/**
 * A live "家居 Home" matchmaking session in MATCHING, with pairings proposed to the demo home merchant
 * and the home creators, made through the real services: created in sign-up, joined, then its
 * matching moment moved into the past (as if the time had come) and the proposal run. Runs once.
 * Returns the log-ins of the creators it added.
 */
export async function seedDemoMatchmaking(app: INestApplication): Promise<DemoLogIn[]> {
  const dataSource = app.get(DataSource);
  const auth = app.get(AuthService);
  const sessions = app.get(MatchmakingSessionsService);
  const sessionsTable = dataSource.getRepository<MatchmakingSessionEntity>('MatchmakingSessionEntity');
  if (await sessionsTable.existsBy({ name: SESSION_NAME })) return [];
  const users = dataSource.getRepository<UserEntity>('UserEntity');
  const viewerOf = async (email: string): Promise<Viewer | null> => {
    const user = await users.findOneBy({ email });
    return user ? auth.viewerFor(user.id) : null;
  };
  const admin = await viewerOf('admin@demo.vtask');
  const merchant = await viewerOf('merchant@demo.vtask');
  const xiaoyu = await viewerOf('xiaoyu.home@demo.vtask');
  if (!admin || !merchant) return []; // the demo accounts were not loaded

  const logIns: DemoLogIn[] = [];
  const creators: Viewer[] = xiaoyu ? [xiaoyu] : [];
  for (const demo of HOME_CREATORS) {
    const email = `${demo.handle.replace(/_/g, '.')}@demo.vtask`;
    const { user } = await auth.signUp({
      email,
      password: DEMO_PASSWORD,
      displayName: demo.name,
      role: Role.CREATOR,
      creator: {
        handle: demo.handle,
        bio: demo.bio,
        domainTags: demo.tags,
        channels: [Channel.HEADLINES, Channel.GOOD_FINDS],
        followerCount: demo.followers,
      },
    });
    const viewer = (await auth.viewerFor(user.id))!;
    await app.get(CreatorsService).setTier(admin, viewer.creatorId!, demo.tier, '演示数据：入驻团队已审核');
    creators.push((await auth.viewerFor(user.id))!);
    logIns.push({
      role: Role.CREATOR,
      email,
      password: DEMO_PASSWORD,
      note: `creator, ${demo.tier}, 定向匹配会`,
    });
  }

  const task = await app.get(TasksService).post(merchant, {
    title: '家居匹配会：橡木餐桌与布艺沙发客厅焕新',
    brief: '用我们的橡木餐桌和布艺沙发布置一个真实的客厅，拍出组装过程、材质细节和一家人的使用场景。',
    contentType: ContentType.VIDEO,
    channels: [Channel.HEADLINES, Channel.GOOD_FINDS],
    domainTags: ['home.furniture', 'home.decor'],
    budget: Money.fromDecimal('1500.00', CurrencyCode.CNY),
    slots: 3,
    applyBy: new Date(Date.now() + 10 * DAY),
    deliverBy: new Date(Date.now() + 20 * DAY),
    publish: true,
  });
  const session = await sessions.create(admin, {
    name: SESSION_NAME,
    industry: 'home',
    description: '双11 前的家居专场：家居商家与家居达人一对一配对，双方都点“接受”即按任务预算生成订单。',
    signupOpensAt: new Date(Date.now() - 2 * DAY),
    matchingStartsAt: new Date(Date.now() + HOUR),
    endsAt: new Date(Date.now() + 5 * DAY),
    pairingsPerTask: 5,
  });
  await sessions.join(merchant, session.id, task.id);
  for (const creator of creators) await sessions.join(creator, session.id, null);
  // As if matching had started an hour ago: the timer armed for the old moment then finds it done.
  await dataSource.query(
    `UPDATE matchmaking_sessions SET matching_starts_at = now() - interval '1 hour' WHERE id = $1`,
    [session.id],
  );
  await app.get(PairingsService).propose(session.id);
  return logIns;
}
