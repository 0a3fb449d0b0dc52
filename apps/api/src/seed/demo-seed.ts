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
  { email: 'merchant@demo.vtask', name: 'Lin Mei', shop: 'Linen & Oak Home', industry: 'home' },
  { email: 'beauty@demo.vtask', name: 'Zhou Yan', shop: 'Dewdrop Skincare', industry: 'beauty' },
  { email: 'gadgets@demo.vtask', name: 'Chen Hao', shop: 'Pocket Gadgets', industry: 'digital' },
];

const CREATORS: DemoCreator[] = [
  {
    handle: 'xiaoyu_home',
    name: 'Xiaoyu',
    tier: CreatorTier.CELEBRITY,
    tags: ['home', 'home.furniture'],
    channels: [Channel.HEADLINES, Channel.LIVE],
    followers: 2_400_000,
    bio: 'Small flats, big ideas: furniture and storage.',
    agency: true,
  },
  {
    handle: 'glowlab',
    name: 'Glow Lab',
    tier: CreatorTier.EXPERT,
    tags: ['beauty.skincare', 'beauty.makeup'],
    channels: [Channel.GOOD_FINDS, Channel.MUST_BUY],
    followers: 380_000,
    bio: 'Ingredient-first skincare reviews.',
    agency: true,
  },
  {
    handle: 'techtalk_li',
    name: 'Li Tech',
    tier: CreatorTier.EXPERT,
    tags: ['digital.phones', 'digital.audio'],
    channels: [Channel.HEADLINES, Channel.EXTERNAL],
    followers: 150_000,
    bio: 'Phones and earbuds, tested for a month.',
  },
  {
    handle: 'styled_by_an',
    name: 'An Style',
    tier: CreatorTier.CREATOR,
    tags: ['fashion.womenswear', 'fashion.accessories'],
    channels: [Channel.STROLL, Channel.LIST],
    followers: 42_000,
    bio: 'Outfit pairings for the office and the weekend.',
  },
  {
    handle: 'babysteps',
    name: 'Baby Steps',
    tier: CreatorTier.CREATOR,
    tags: ['baby'],
    channels: [Channel.COMMUNITY, Channel.GOOD_FINDS],
    followers: 18_500,
    bio: 'What actually helped in the first year.',
    invitedByAgency: true,
  },
  {
    handle: 'snack_scout',
    name: 'Snack Scout',
    tier: CreatorTier.ORDINARY,
    tags: ['food.snacks'],
    channels: [Channel.COMMUNITY],
    followers: 2_100,
    bio: 'New here: tasting every snack in the market.',
  },
];

/** Loads the demo world through the real services, so it obeys the same rules as any user. */
export async function seedDemo(app: INestApplication): Promise<DemoLogIn[]> {
  const auth = app.get(AuthService);
  const creators = app.get(CreatorsService);
  const agencies = app.get(AgenciesService);
  const dataSource = app.get(DataSource);
  if (await dataSource.getRepository(UserEntity).existsBy({ email: MERCHANTS[0].email })) return [];

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
      displayName: 'Starlight MCN',
      role: Role.AGENCY,
      agency: { name: 'Starlight MCN', revenueShareBps: 2000 },
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
      await creators.setTier(adminViewer, creatorId, demo.tier, 'Demo data: verified by the onboarding team');
    }
    if (demo.agency || demo.invitedByAgency) await agencies.invite(agencyViewer, creatorId);
    if (demo.agency) await agencies.join(creatorViewer, agencyViewer.agencyId!);
  }
  return logIns;
}
