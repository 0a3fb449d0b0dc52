import { randomBytes, randomUUID } from 'node:crypto';
import { AuthService, Channel, CreatorsService, CreatorTier, type SignUpCommand } from '@vtask/accounts';
import { ContentType, CurrencyCode, DomainError, Money, Role, type Viewer } from '@vtask/core';
import { BidsService, OffersService, TasksService } from '@vtask/marketplace';
import { OrderLifecycleService } from '@vtask/orders';
import type { ServiceTestContext } from './service-harness';

/**
 * Parties and orders for service tests, made through the services (sign-up, tier decisions, offers,
 * funding), never by SQL: a fixture goes through the same rules as a user.
 */

export const SERVICE_PASSWORD = 'correct-horse-battery';
export const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

export function unique(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

async function signUp(
  context: ServiceTestContext,
  command: Omit<SignUpCommand, 'password'>,
): Promise<Viewer> {
  const { user } = await context
    .get(AuthService)
    .signUp({ password: SERVICE_PASSWORD, ...command } as SignUpCommand);
  return (await context.get(AuthService).viewerFor(user.id))!;
}

export function signUpMerchant(context: ServiceTestContext): Promise<Viewer> {
  return signUp(context, {
    email: `${unique('merchant')}@example.com`,
    displayName: 'Test Merchant',
    role: Role.MERCHANT,
    merchant: { shopName: 'Test Shop', industry: 'home' },
  });
}

export function signUpCreator(
  context: ServiceTestContext,
  profile: Partial<NonNullable<SignUpCommand['creator']>> = {},
): Promise<Viewer> {
  return signUp(context, {
    email: `${unique('creator')}@example.com`,
    displayName: 'Test Creator',
    role: Role.CREATOR,
    creator: {
      handle: unique('c_'),
      domainTags: ['home.furniture'],
      channels: [Channel.HEADLINES],
      followerCount: 1000,
      ...profile,
    },
  });
}

export function signUpAgency(context: ServiceTestContext, revenueShareBps = 2000): Promise<Viewer> {
  return signUp(context, {
    email: `${unique('agency')}@example.com`,
    displayName: 'Test Agency',
    role: Role.AGENCY,
    agency: { name: 'Test Agency', revenueShareBps },
  });
}

/** The admin, as the server's start makes it from ADMIN_EMAIL and ADMIN_PASSWORD. */
export async function ensureAdmin(context: ServiceTestContext): Promise<Viewer> {
  const auth = context.get(AuthService);
  const admin = await auth.ensureAdmin('admin@vtask.test', 'admin-password-123');
  return (await auth.viewerFor(admin.id))!;
}

/** A creator raised to `tier` by the admin: the usual big-V creator of a test. */
export async function signUpCreatorWithTier(
  context: ServiceTestContext,
  admin: Viewer,
  tier: CreatorTier,
): Promise<Viewer> {
  const creator = await signUpCreator(context);
  await context.get(CreatorsService).setTier(admin, creator.creatorId!, tier, 'test setup');
  return creator;
}

export interface ServiceParties {
  admin: Viewer;
  merchant: Viewer;
  /** An EXPERT creator. */
  creator: Viewer;
  otherMerchant: Viewer;
  otherCreator: Viewer;
}

/** A merchant and an EXPERT creator, outsiders of each kind, and the admin. */
export async function setUpServiceParties(context: ServiceTestContext): Promise<ServiceParties> {
  const admin = await ensureAdmin(context);
  const [merchant, creator, otherMerchant, otherCreator] = await Promise.all([
    signUpMerchant(context),
    signUpCreatorWithTier(context, admin, CreatorTier.EXPERT),
    signUpMerchant(context),
    signUpCreatorWithTier(context, admin, CreatorTier.EXPERT),
  ]);
  return { admin, merchant, creator, otherMerchant, otherCreator };
}

/**
 * `count` orders in AWAITING_FUNDING, booked by the merchant from one offer of the creator; without
 * retention unless `retentionDays` says (acceptance then holds part of the price back).
 */
export async function bookedOrders(
  context: ServiceTestContext,
  parties: Pick<ServiceParties, 'merchant' | 'creator'>,
  count: number,
  price = '100.00',
  retentionDays = 0,
): Promise<string[]> {
  const offers = context.get(OffersService);
  const offer = await offers.post(parties.creator, {
    title: 'Service test offer',
    description: 'A short video about furniture.',
    contentType: ContentType.VIDEO,
    channels: [Channel.HEADLINES],
    domainTags: ['home.furniture'],
    price: Money.fromDecimal(price, CurrencyCode.CNY),
    slots: count,
    turnaroundDays: 7,
    retentionDays,
  });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await offers.book(parties.merchant, offer.id, 'Film it.')).id);
  return ids;
}

const DAY_MS = 24 * 3600 * 1000;

/** An order in AWAITING_FUNDING from a one-slot task (posted, bid on, bid accepted); no retention unless said. */
export async function orderFromTask(
  context: ServiceTestContext,
  parties: Pick<ServiceParties, 'merchant' | 'creator'>,
  options: { price?: string; maxRevisions?: number; retentionDays?: number } = {},
): Promise<string> {
  const price = Money.fromDecimal(options.price ?? '100.00', CurrencyCode.CNY);
  const task = await context.get(TasksService).post(parties.merchant, {
    title: 'Service test task',
    brief: 'Content for the order rules.',
    contentType: ContentType.VIDEO,
    channels: [Channel.HEADLINES],
    domainTags: ['home.furniture'],
    budget: price,
    slots: 1,
    applyBy: new Date(Date.now() + DAY_MS),
    deliverBy: new Date(Date.now() + 7 * DAY_MS),
    maxRevisions: options.maxRevisions ?? 2,
    retentionDays: options.retentionDays ?? 0,
    publish: true,
  });
  const bids = context.get(BidsService);
  const bid = await bids.place(parties.creator, { taskId: task.id, price, pitch: 'Ready to film.' });
  return (await bids.accept(parties.merchant, bid.id)).id;
}

export type ServiceOrderState =
  'AWAITING_FUNDING' | 'IN_PROGRESS' | 'DELIVERED' | 'REVISION_REQUESTED' | 'COMPLETED' | 'DISPUTED';

/** An order from a one-slot task, taken to `state` through the lifecycle's commands as its parties would. */
export async function orderInState(
  context: ServiceTestContext,
  parties: Pick<ServiceParties, 'merchant' | 'creator'>,
  state: ServiceOrderState,
  options: { price?: string } = {},
): Promise<string> {
  const id = await orderFromTask(context, parties, options);
  if (state === 'AWAITING_FUNDING') return id;
  const lifecycle = context.get(OrderLifecycleService);
  await lifecycle.fund(parties.merchant, id, randomUUID());
  if (state === 'IN_PROGRESS') return id;
  await lifecycle.submitDeliverable(parties.creator, { orderId: id, title: 'Delivered', body: 'The video.' });
  if (state === 'DELIVERED') return id;
  if (state === 'REVISION_REQUESTED')
    await lifecycle.requestRevision(parties.merchant, id, 'Brighter, please.');
  else if (state === 'COMPLETED') await lifecycle.acceptDelivery(parties.merchant, id, {}, randomUUID());
  else await lifecycle.openDispute(parties.merchant, id, 'Not what the brief asked for.');
  return id;
}

/** `count` COMPLETED orders between the parties (booked, funded, delivered, accepted). */
export async function completedOrders(
  context: ServiceTestContext,
  parties: Pick<ServiceParties, 'merchant' | 'creator'>,
  count: number,
  options: { price?: string; retentionDays?: number } = {},
): Promise<string[]> {
  const ids = await bookedOrders(context, parties, count, options.price, options.retentionDays);
  const lifecycle = context.get(OrderLifecycleService);
  for (const id of ids) {
    await lifecycle.fund(parties.merchant, id, randomUUID());
    await lifecycle.submitDeliverable(parties.creator, {
      orderId: id,
      title: 'Delivered',
      body: 'The video.',
    });
    await lifecycle.acceptDelivery(parties.merchant, id, {}, randomUUID());
  }
  return ids;
}

/** The contract code a call fails with, or 'OK': what a client would read in `extensions.code`. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

/** The DomainError a call fails with (its code and, for input errors, the fields at fault). */
export async function refusal(call: Promise<unknown>): Promise<DomainError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a refusal, but the call succeeded.');
}
