import { Injectable } from '@nestjs/common';
import {
  Channel,
  creatorById,
  creatorIdsAtTiers,
  isBigV,
  TagsService,
  tiersFrom,
  type CreatorTier,
} from '@vtask/accounts';
import {
  ContentType,
  type DomainError,
  inputErrors,
  InputErrors,
  Money,
  Role,
  type Page,
  type PageArgs,
  type Viewer,
} from '@vtask/core';
import { applyTransition, listPage, newestFirst, textContains } from '@vtask/database';
import {
  dealTermsOf,
  dealTermsProblems,
  OrderPublicationService,
  orderNote,
  OrderSource,
  OrdersService,
  type OrderEntity,
  type UsageRights,
} from '@vtask/orders';
import { DataSource, In } from 'typeorm';
import { requireCreator } from './bids.service';
import { hasPassed } from '@vtask/database';
import { OfferEntity } from './entities/offer.entity';
import { MarketplaceErrors } from './marketplace.errors';
import { MarketplaceNotifier } from './marketplace.notifications';
import { OFFER_TRANSITIONS, OfferStatus } from './marketplace.states';
import { requireMerchant } from './tasks.service';

export interface PostOfferCommand {
  title: string;
  description: string;
  contentType: ContentType;
  channels: Channel[];
  domainTags: string[];
  price: Money;
  slots: number;
  turnaroundDays: number;
  scheduledAt?: Date | null;
  bookBy?: Date | null;
  /** Defaults: no reuse, no paid ads, no exclusivity; 30 days of retention. */
  usageRights?: UsageRights | null;
  retentionDays?: number | null;
}

export interface OfferFilter {
  status?: OfferStatus | null;
  domainTags?: string[] | null;
  contentType?: ContentType | null;
  creatorId?: string | null;
  minTier?: CreatorTier | null;
  search?: string | null;
}

/** What each target status of setOfferStatus means as a transition. */
const STATUS_ACTIONS = {
  [OfferStatus.ACTIVE]: 'RESUME',
  [OfferStatus.PAUSED]: 'PAUSE',
  [OfferStatus.CLOSED]: 'CLOSE',
} as const;

/** Creator offers: services and live-stream slot sales that merchants book. */
@Injectable()
export class OffersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tags: TagsService,
    private readonly orders: OrdersService,
    private readonly publications: OrderPublicationService,
    private readonly notifier: MarketplaceNotifier,
  ) {}

  async post(viewer: Viewer, command: PostOfferCommand): Promise<OfferEntity> {
    const creatorId = requireCreator(viewer);
    const domainTags = await this.tags.validate(command.domainTags, 'domainTags');
    const problems: DomainError[] = [];
    // Lengths are checked on the input; text that is only spaces would be saved empty.
    if (!command.title.trim()) problems.push(MarketplaceErrors.offerTitleMissing());
    if (!command.description.trim()) problems.push(MarketplaceErrors.offerDescriptionMissing());
    if (!command.price.isPositive()) problems.push(InputErrors.notPositive('price.amount'));
    if (!Number.isInteger(command.slots) || command.slots < 1 || command.slots > 1000)
      problems.push(InputErrors.outOfRange('slots', 1, 1000));
    if (
      !Number.isInteger(command.turnaroundDays) ||
      command.turnaroundDays < 1 ||
      command.turnaroundDays > 365
    ) {
      problems.push(MarketplaceErrors.turnaroundDays());
    }
    if (command.contentType === ContentType.LIVE && !command.scheduledAt) {
      problems.push(MarketplaceErrors.liveNeedsTime());
    }
    if (command.bookBy && command.scheduledAt && command.bookBy.getTime() > command.scheduledAt.getTime()) {
      problems.push(MarketplaceErrors.bookByAfterStream());
    }
    if (!command.channels.length) problems.push(InputErrors.noChannel());
    problems.push(...dealTermsProblems(command.usageRights, command.retentionDays));
    if (problems.length) throw inputErrors(problems);
    const terms = dealTermsOf(command.usageRights, command.retentionDays);
    return this.dataSource.transaction(async (manager) => {
      const creator = await creatorById(manager, creatorId);
      if (!isBigV(creator.tier)) throw MarketplaceErrors.notBigV();
      if (await hasPassed(manager, command.scheduledAt ?? null)) throw InputErrors.notInFuture('scheduledAt');
      if (await hasPassed(manager, command.bookBy ?? null)) throw InputErrors.notInFuture('bookBy');
      return manager.getRepository(OfferEntity).save(
        manager.create(OfferEntity, {
          creatorId,
          title: command.title.trim(),
          description: command.description.trim(),
          contentType: command.contentType,
          channels: [...new Set(command.channels)],
          domainTags,
          currency: command.price.currency,
          priceMinor: command.price.minor,
          slots: command.slots,
          slotsBooked: 0,
          turnaroundDays: command.turnaroundDays,
          scheduledAt: command.scheduledAt ?? null,
          bookBy: command.bookBy ?? null,
          status: OfferStatus.ACTIVE,
          usageRights: terms.usageRights,
          retentionDays: terms.retentionDays,
        }),
      );
    });
  }

  async setStatus(viewer: Viewer, offerId: string, status: OfferStatus): Promise<OfferEntity> {
    const creatorId = requireCreator(viewer);
    return this.dataSource.transaction(async (manager) => {
      const offer = await manager.getRepository(OfferEntity).findOneBy({ id: offerId });
      if (!offer || offer.creatorId !== creatorId) throw MarketplaceErrors.offerNotFound();
      if (offer.status === status) return offer;
      return applyTransition(manager, OfferEntity, OFFER_TRANSITIONS, STATUS_ACTIONS[status], offer.id);
    });
  }

  /** A merchant books one slot: an order at the offer's price (source OFFER). */
  async book(viewer: Viewer, offerId: string, brief: string): Promise<OrderEntity> {
    const merchantId = requireMerchant(viewer);
    if (!brief.trim()) throw MarketplaceErrors.bookingBriefMissing();
    return this.dataSource.transaction(async (manager) => {
      const offer = await manager
        .getRepository(OfferEntity)
        .findOne({ where: { id: offerId }, lock: { mode: 'pessimistic_write' } });
      if (!offer) throw MarketplaceErrors.offerNotFound();
      if (offer.status !== OfferStatus.ACTIVE) throw MarketplaceErrors.offerNotActive(offer.status);
      if (await hasPassed(manager, offer.bookBy)) throw MarketplaceErrors.bookByPassed();
      if (offer.contentType === ContentType.LIVE && (await hasPassed(manager, offer.scheduledAt))) {
        throw MarketplaceErrors.bookByPassed();
      }
      if (offer.slotsBooked >= offer.slots) throw MarketplaceErrors.offerFull();
      await this.publications.assertNotExclusiveElsewhere(manager, offer.creatorId, merchantId);
      const creator = await creatorById(manager, offer.creatorId);
      if (!isBigV(creator.tier)) throw MarketplaceErrors.notBigV();
      const deliverBy =
        offer.contentType === ContentType.LIVE && offer.scheduledAt
          ? offer.scheduledAt
          : await this.orders.daysFromNow(manager, offer.turnaroundDays);
      await manager
        .getRepository(OfferEntity)
        .update({ id: offer.id }, { slotsBooked: offer.slotsBooked + 1 });
      const order = await this.orders.create(manager, {
        source: OrderSource.OFFER,
        merchantId,
        creatorId: offer.creatorId,
        offerId: offer.id,
        price: Money.of(offer.priceMinor, offer.currency),
        brief: brief.trim(),
        contentType: offer.contentType,
        deliverBy,
        maxRevisions: 2,
        usageRights: offer.usageRights,
        retentionDays: offer.retentionDays,
        actorUserId: viewer.userId,
        note: orderNote('OFFER_BOOKED', {}),
      });
      await this.notifier.offerBooked(manager, offer, order);
      return order;
    });
  }

  /** Active offers for everyone; a creator also sees their own paused and closed ones; admins see all. */
  async search(viewer: Viewer | null, filter: OfferFilter, page: PageArgs): Promise<Page<OfferEntity>> {
    const query = this.dataSource.getRepository(OfferEntity).createQueryBuilder('o');
    if (viewer?.role !== Role.ADMIN) {
      query.andWhere(`(o.status = 'ACTIVE' OR o.creator_id = :viewerCreatorId)`, {
        viewerCreatorId: viewer?.creatorId ?? '00000000-0000-0000-0000-000000000000',
      });
    }
    if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter.domainTags?.length)
      query.andWhere('o.domain_tags && :tags', { tags: await this.tags.expand(filter.domainTags) });
    if (filter.contentType)
      query.andWhere('o.content_type = :contentType', { contentType: filter.contentType });
    if (filter.creatorId) query.andWhere('o.creator_id = :creatorId', { creatorId: filter.creatorId });
    if (filter.minTier) {
      query.andWhere(`o.creator_id IN ${creatorIdsAtTiers(query, tiersFrom(filter.minTier))}`);
    }
    if (filter.search?.trim()) {
      // Chinese through the CJK gram index, other text through the trigram index (migrations).
      const match = textContains(`(o.title || ' ' || o.description)`, filter.search.trim());
      query.andWhere(match.sql, match.params);
    }
    return listPage(query, page, newestFirst<OfferEntity>('o'));
  }

  /** Any offer by id: a paused or closed offer's page still explains itself to a merchant holding a link. */
  find(offerId: string): Promise<OfferEntity | null> {
    return this.dataSource.getRepository(OfferEntity).findOneBy({ id: offerId });
  }

  async byIds(ids: readonly string[]): Promise<OfferEntity[]> {
    if (!ids.length) return [];
    return this.dataSource.getRepository(OfferEntity).findBy({ id: In([...ids]) });
  }
}
