import { Injectable } from '@nestjs/common';
import {
  AgencyEntity,
  CreatorEntity,
  CreatorsService,
  MerchantEntity,
  ProfilesService,
  type UserEntity,
} from '@vtask/accounts';
import type { Money, Viewer } from '@vtask/core';
import {
  creatorKey,
  merchantKey,
  PerformanceService,
  TrackingLinksService,
  type TrackingLinkDay,
  type TrackingLinkView,
  type ContentPerformance,
  type CreatorResults,
  type DailyFigures,
  type CreatorPerformanceKey,
  type MerchantPerformanceKey,
} from '@vtask/insights';
import {
  BidsService,
  OffersService,
  TasksService,
  type BidEntity,
  type OfferEntity,
  type TaskEntity,
} from '@vtask/marketplace';
import { EscrowViewService, type EscrowView } from '@vtask/ledger';
import {
  OrderPublicationService,
  CancellationProposalsService,
  OrdersService,
  type OrderPublicationEntity,
  ReputationService,
  ReviewDirection,
  type CancellationProposalEntity,
  type CreatorStats,
  type DeliverableEntity,
  type OrderEntity,
  type OrderEventEntity,
  type ReviewEntity,
} from '@vtask/orders';
import {
  VenuesService,
  VenueSubmissionsService,
  type VenueEntity,
  type VenueSubmissionEntity,
} from '@vtask/venues';
import { CreatorSearchService, ShortlistsService } from '@vtask/matching';
import { MatchmakingSessionsService } from '@vtask/matchmaking';
import DataLoader from 'dataloader';
import { MatchmakingLoaders } from './matchmaking-loaders';
import { SquareLoaders } from './square-loaders';

/** A loader that batches keys into one query and returns rows in the order asked (null for missing). */
export function byKeyLoader<T>(
  load: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (keys) => {
    const rows = await load(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

export function byIdLoader<T extends { id: string }>(
  load: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return byKeyLoader(load, (row) => row.id);
}

/** Groups rows by a key: one query for all parents' children. */
export function groupLoader<T>(
  load: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string | null,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await load(keys);
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      const key = keyOf(row);
      if (key !== null) groups.get(key)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

export interface LoaderServices {
  profiles: ProfilesService;
  creators: CreatorsService;
  tasks: TasksService;
  bids: BidsService;
  offers: OffersService;
  orders: OrdersService;
  reputation: ReputationService;
  cancellationProposals: CancellationProposalsService;
  escrowView: EscrowViewService;
  venues: VenuesService;
  venueSubmissions: VenueSubmissionsService;
  performance: PerformanceService;
  trackingLinks: TrackingLinksService;
  publications: OrderPublicationService;

  creatorSearch: CreatorSearchService;
  shortlists: ShortlistsService;
  matchmakingSessions: MatchmakingSessionsService;
}

/** Per-request loaders: list fields batch their lookups into one query per kind (no N+1). */
export class Loaders {
  /** The creator square's: profiles and the viewer's shortlists. */
  readonly square: SquareLoaders;
  /** Matchmaking sessions': their figures and whether the viewer joined. */
  readonly matchmaking: MatchmakingLoaders;
  readonly users: DataLoader<string, UserEntity | null>;
  readonly merchants: DataLoader<string, MerchantEntity | null>;
  readonly creators: DataLoader<string, CreatorEntity | null>;
  readonly agencies: DataLoader<string, AgencyEntity | null>;
  readonly merchantByUser: DataLoader<string, MerchantEntity | null>;
  readonly creatorByUser: DataLoader<string, CreatorEntity | null>;
  readonly agencyByUser: DataLoader<string, AgencyEntity | null>;
  readonly creatorsByAgency: DataLoader<string, CreatorEntity[]>;
  readonly tasks: DataLoader<string, TaskEntity | null>;
  readonly offers: DataLoader<string, OfferEntity | null>;
  readonly orders: DataLoader<string, OrderEntity | null>;
  readonly orderEvents: DataLoader<string, OrderEventEntity[]>;
  readonly bidCounts: DataLoader<string, number>;
  readonly deliverables: DataLoader<string, DeliverableEntity[]>;
  readonly reviewOfCreator: DataLoader<string, ReviewEntity | null>;
  readonly reviewOfMerchant: DataLoader<string, ReviewEntity | null>;
  /** Keyed by order id; the loader needs the order (for its currency), so it takes the entity. */
  readonly escrow: DataLoader<OrderEntity, EscrowView, string>;
  readonly creatorStats: DataLoader<string, CreatorStats | null>;
  /** Order.cancellationFeeNow: one reading of the database clock for every order of a list. */
  readonly killFeesNow: DataLoader<OrderEntity, Money, string>;
  readonly cancellationProposals: DataLoader<string, CancellationProposalEntity[]>;
  readonly merchantRatings: DataLoader<string, number | null>;
  /** The viewer's own latest bid per task (empty unless the viewer is a creator). */
  readonly myBids: DataLoader<string, BidEntity | null>;
  readonly venues: DataLoader<string, VenueEntity | null>;
  /** Each venue's lineup entries (draft or published), in lineup order. */
  readonly venueLineups: DataLoader<string, VenueSubmissionEntity[]>;
  /** Deliverables by their own id (a venue submission names one). */
  readonly deliverablesById: DataLoader<string, DeliverableEntity | null>;
  /** Order.performance: one query for every order of a list. */
  readonly orderPerformance: DataLoader<string, ContentPerformance>;
  /** Order.dailyPerformance: one query for every order of a list. */
  readonly orderDailyPerformance: DataLoader<string, DailyFigures[]>;
  /** Merchant.performance, by merchant and currency. */
  readonly merchantPerformance: DataLoader<MerchantPerformanceKey, ContentPerformance, string>;
  /** Creator.performance, by creator and currency. */
  readonly creatorPerformance: DataLoader<CreatorPerformanceKey, ContentPerformance, string>;
  /** Deliverable.trackingLinks: one query for every deliverable of a page. */
  readonly trackingLinks: DataLoader<string, TrackingLinkView[]>;
  /** TrackingLink.daily: one query for every link of a page. */
  readonly trackingLinkDays: DataLoader<string, TrackingLinkDay[]>;
  /** Order.publication: one query for every order of a list (null before acceptance). */
  readonly publications: DataLoader<string, OrderPublicationEntity | null>;
  /** CreatorStats.results, by creator: one query for every creator of a page. */
  readonly creatorResults: DataLoader<string, CreatorResults>;
  /** CreatorReliability.retentionRate, by creator: one query for every creator of a page. */
  readonly retentionRates: DataLoader<string, number | null>;

  constructor(
    private readonly services: LoaderServices,
    viewer: Viewer | null,
  ) {
    const {
      profiles,
      creators,
      tasks,
      bids,
      offers,
      orders,
      reputation,
      escrowView,
      venues,
      venueSubmissions,
    } = services;
    this.square = new SquareLoaders(services.creatorSearch, services.shortlists, viewer);
    this.matchmaking = new MatchmakingLoaders(services.matchmakingSessions, viewer);
    this.users = byIdLoader((ids) => profiles.usersByIds(ids));
    this.merchants = byIdLoader((ids) => profiles.merchantsByIds(ids));
    this.creators = byIdLoader(async (ids) => {
      const found = await creators.findByIdsWithUsers(ids);
      // Their users came in the same statement: a creator's displayName then runs no query of its own.
      for (const creator of found) if (creator.user) this.users.prime(creator.user.id, creator.user);
      return found;
    });
    this.agencies = byIdLoader((ids) => profiles.agenciesByIds(ids));
    this.merchantByUser = byKeyLoader(
      (ids) => profiles.merchantsByUserIds(ids),
      (row) => row.userId,
    );
    this.creatorByUser = byKeyLoader(
      (ids) => profiles.creatorsByUserIds(ids),
      (row) => row.userId,
    );
    this.agencyByUser = byKeyLoader(
      (ids) => profiles.agenciesByUserIds(ids),
      (row) => row.userId,
    );
    this.creatorsByAgency = groupLoader(
      (ids) => creators.findByAgency(ids),
      (row) => row.agencyId,
    );
    this.tasks = byIdLoader((ids) => tasks.byIds(ids));
    this.offers = byIdLoader((ids) => offers.byIds(ids));
    this.orders = byIdLoader((ids) => orders.byIds(ids));
    this.orderEvents = groupLoader(
      (ids) => orders.eventsOf(ids),
      (row) => row.orderId,
    );
    this.bidCounts = new DataLoader(async (taskIds) => {
      const counts = await bids.countsByTask(taskIds);
      return taskIds.map((id) => counts.get(id) ?? 0);
    });
    this.deliverables = groupLoader(
      (ids) => orders.deliverablesOf(ids),
      (row) => row.orderId,
    );
    const reviews = (direction: ReviewDirection) =>
      byKeyLoader(
        async (ids) => (await orders.reviewsOf(ids)).filter((review) => review.direction === direction),
        (row) => row.orderId,
      );
    this.reviewOfCreator = reviews(ReviewDirection.OF_CREATOR);
    this.reviewOfMerchant = reviews(ReviewDirection.OF_MERCHANT);
    this.escrow = new DataLoader(
      async (list) => {
        const views = await escrowView.escrowOf(list);
        return list.map((order) => views.get(order.id)!);
      },
      { cacheKeyFn: (order) => order.id },
    );
    this.killFeesNow = new DataLoader((list) => orders.killFeesNow(list), {
      cacheKeyFn: (order) => order.id,
    });
    this.cancellationProposals = groupLoader(
      (ids) => services.cancellationProposals.proposalsOf(ids),
      (row) => row.orderId,
    );
    this.creatorStats = byKeyLoader(
      (ids) => reputation.creatorStats(ids),
      (row) => row.creatorId,
    );
    this.merchantRatings = new DataLoader(async (ids) => {
      const ratings = await reputation.merchantRatings(ids);
      return ids.map((id) => ratings.get(id) ?? null);
    });
    // The viewer's creator id is read when a bid of theirs is asked for, not before: an answer that never
    // asks may be shared with the viewer's role (identity-reads.ts).
    this.myBids = byKeyLoader(
      (taskIds) => {
        const creatorId = viewer?.creatorId ?? null;
        return creatorId ? bids.latestOfCreator(creatorId, taskIds) : Promise.resolve([]);
      },
      (row) => row.taskId,
    );
    this.venues = byIdLoader((ids) => venues.byIds(ids));
    this.venueLineups = groupLoader(
      (ids) => venues.lineupsOf(ids),
      (row) => row.venueId,
    );
    this.deliverablesById = byIdLoader((ids) => venueSubmissions.deliverablesByIds(ids));
    this.orderPerformance = new DataLoader(async (ids) => {
      const found = await services.performance.ofOrders(ids);
      return ids.map((id) => found.get(id) ?? new Error(`No order ${id}`));
    });
    this.orderDailyPerformance = new DataLoader(async (ids) => {
      const found = await services.performance.dailyOfOrders(ids);
      return ids.map((id) => found.get(id) ?? []);
    });
    this.merchantPerformance = new DataLoader(
      async (keys) => {
        const found = await services.performance.ofMerchants(keys);
        return keys.map((key) => found.get(merchantKey(key))!);
      },
      { cacheKeyFn: merchantKey },
    );
    this.creatorPerformance = new DataLoader(
      async (keys) => {
        const found = await services.performance.ofCreators(keys);
        return keys.map((key) => found.get(creatorKey(key))!);
      },
      { cacheKeyFn: creatorKey },
    );
    this.trackingLinks = groupLoader(
      (ids) => services.trackingLinks.byDeliverables(ids),
      (row) => row.deliverableId,
    );
    this.trackingLinkDays = groupLoader(
      (ids) => services.trackingLinks.dailyOf(ids),
      (row) => row.linkId,
    );
    this.creatorResults = new DataLoader(async (creatorIds) => {
      const results = await services.performance.creatorResults(creatorIds);
      return creatorIds.map((id) => results.get(id)!);
    });
    this.retentionRates = new DataLoader(async (creatorIds) => {
      const rates = await services.publications.retentionRates(creatorIds);
      return creatorIds.map((id) => rates.get(id) ?? null);
    });
    this.publications = new DataLoader(async (ids) => {
      const found = await services.publications.publicationsOf(ids);
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  canSeeOrder(viewer: Viewer | null, order: OrderEntity): boolean {
    return this.services.orders.canSee(viewer, order);
  }

  canSeeTask(viewer: Viewer | null, task: TaskEntity): Promise<boolean> {
    return this.services.tasks.canSee(viewer, task);
  }
}

@Injectable()
export class LoadersFactory {
  constructor(
    readonly profiles: ProfilesService,
    readonly creators: CreatorsService,
    readonly tasks: TasksService,
    readonly bids: BidsService,
    readonly offers: OffersService,
    readonly orders: OrdersService,
    readonly reputation: ReputationService,
    readonly cancellationProposals: CancellationProposalsService,
    readonly escrowView: EscrowViewService,
    readonly venues: VenuesService,
    readonly venueSubmissions: VenueSubmissionsService,
    readonly performance: PerformanceService,
    readonly trackingLinks: TrackingLinksService,
    readonly publications: OrderPublicationService,
    readonly creatorSearch: CreatorSearchService,
    readonly shortlists: ShortlistsService,
    readonly matchmakingSessions: MatchmakingSessionsService,
  ) {}

  create(viewer: Viewer | null): Loaders {
    return new Loaders(this, viewer);
  }
}
