import type { INestApplication } from '@nestjs/common';
import {
  AgenciesService,
  AuthService,
  Channel,
  CreatorsService,
  CreatorTier,
  UserEntity,
  type SignUpCommand,
} from '@vtask/accounts';
import { Role, type Viewer } from '@vtask/core';
import { DataSource } from 'typeorm';

export const DEMO_PASSWORD = 'vtask-demo-2026';

export interface DemoLogIn {
  role: Role;
  email: string;
  password: string;
  note: string;
}

interface DemoCreator {
  handle: string;
  name: string;
  tier: CreatorTier;
  tags: string[];
  channels: Channel[];
  followers: number;
  bio: string;
  agency?: boolean;
  /** Invited by the demo agency, not answered yet: the invitation shows on both sides. */
  invitedByAgency?: boolean;
}

const MERCHANTS = [
  { email: 'merchant@demo.vtask', name: '林梅', shop: '棉麻与橡木家居旗舰店', industry: 'home' },
  { email: 'beauty@demo.vtask', name: '周妍', shop: '露珠护肤官方旗舰店', industry: 'beauty' },
  { email: 'gadgets@demo.vtask', name: '陈浩', shop: '口袋数码专营店', industry: 'digital' },
];

const CREATORS: DemoCreator[] = [
  {
    handle: 'xiaoyu_home',
    name: '小鱼的家',
    tier: CreatorTier.CELEBRITY,
    tags: ['home', 'home.furniture'],
    channels: [Channel.HEADLINES, Channel.LIVE],
    followers: 2_400_000,
    bio: '小户型也能住得宽敞：家具、收纳和软装改造，每周两场淘宝直播。',
    agency: true,
  },
  {
    handle: 'glowlab',
    name: '成分实验室',
    tier: CreatorTier.EXPERT,
    tags: ['beauty.skincare', 'beauty.makeup'],
    channels: [Channel.GOOD_FINDS, Channel.MUST_BUY],
    followers: 380_000,
    bio: '先看成分再种草，护肤品实测不吹不黑。',
    agency: true,
  },
  {
    handle: 'techtalk_li',
    name: '数码老李',
    tier: CreatorTier.EXPERT,
    tags: ['digital.phones', 'digital.audio'],
    channels: [Channel.HEADLINES, Channel.EXTERNAL],
    followers: 150_000,
    bio: '手机和耳机，用满一个月再说话。',
  },
  {
    handle: 'styled_by_an',
    name: '安安穿搭',
    tier: CreatorTier.CREATOR,
    tags: ['fashion.womenswear', 'fashion.accessories'],
    channels: [Channel.STROLL, Channel.LIST],
    followers: 42_000,
    bio: '通勤和周末的穿搭灵感，微淘和逛逛天天更新。',
  },
  {
    handle: 'babysteps',
    name: '宝宝成长记',
    tier: CreatorTier.CREATOR,
    tags: ['baby'],
    channels: [Channel.COMMUNITY, Channel.GOOD_FINDS],
    followers: 18_500,
    bio: '新手爸妈的第一年：真正用得上的母婴好物。',
    invitedByAgency: true,
  },
  {
    handle: 'snack_scout',
    name: '零食侦察兵',
    tier: CreatorTier.ORDINARY,
    tags: ['food.snacks'],
    channels: [Channel.COMMUNITY],
    followers: 2_100,
    bio: '刚入驻，立志吃遍淘宝零食榜。',
  },
];

/** Loads the demo world through the real services, so it obeys the same rules as any user. */
export async function seedDemo(app: INestApplication): Promise<DemoLogIn[]> {
  const auth = app.get(AuthService);
  const creators = app.get(CreatorsService);
  const agencies = app.get(AgenciesService);
  const dataSource = app.get(DataSource);
  if (await dataSource.getRepository<UserEntity>('UserEntity').existsBy({ email: MERCHANTS[0].email }))
    return [];

  const logIns: DemoLogIn[] = [];
  const signUp = async (command: Omit<SignUpCommand, 'password'>, note: string) => {
    const { user } = await auth.signUp({ ...command, password: DEMO_PASSWORD });
    logIns.push({ role: command.role, email: command.email, password: DEMO_PASSWORD, note });
    return user;
  };
  const viewerOf = async (userId: string): Promise<Viewer> => (await auth.viewerFor(userId))!;
  const demoAdmin = await auth.ensureAdmin('admin@demo.vtask', DEMO_PASSWORD);
  logIns.push({ role: Role.ADMIN, email: demoAdmin.email, password: DEMO_PASSWORD, note: 'platform staff' });
  const adminViewer = await viewerOf(demoAdmin.id);

  for (const merchant of MERCHANTS) {
    await signUp(
      {
        email: merchant.email,
        displayName: merchant.name,
        role: Role.MERCHANT,
        merchant: { shopName: merchant.shop, industry: merchant.industry },
      },
      merchant.shop,
    );
  }
  const agencyUser = await signUp(
    {
      email: 'agency@demo.vtask',
      displayName: '星光传媒',
      role: Role.AGENCY,
      agency: { name: '星光传媒', revenueShareBps: 2000 },
    },
    'agency with a 20% share',
  );
  const agencyViewer = await viewerOf(agencyUser.id);

  for (const demo of CREATORS) {
    const user = await signUp(
      {
        email: `${demo.handle.replace(/_/g, '.')}@demo.vtask`,
        displayName: demo.name,
        role: Role.CREATOR,
        creator: {
          handle: demo.handle,
          bio: demo.bio,
          domainTags: demo.tags,
          channels: demo.channels,
          followerCount: demo.followers,
        },
      },
      `creator, ${demo.tier}`,
    );
    const creatorViewer = await viewerOf(user.id);
    const creatorId = creatorViewer.creatorId!;
    if (demo.tier !== CreatorTier.ORDINARY) {
      await creators.setTier(adminViewer, creatorId, demo.tier, '演示数据：入驻团队已审核');
    }
    if (demo.agency || demo.invitedByAgency) await agencies.invite(agencyViewer, creatorId);
    if (demo.agency) await agencies.join(creatorViewer, agencyViewer.agencyId!);
  }
  return logIns;
}
