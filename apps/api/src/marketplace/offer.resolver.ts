import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TagsService } from '@vtask/accounts';
import { Role, type Viewer } from '@vtask/core';
import { OffersService, OfferStatus } from '@vtask/marketplace';
import { CreatorModel, DomainTagModel } from '../accounts/accounts.models';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import { MoneyModel, toConnection, type ConnectionShape } from '../graphql/common.models';
import type { RequestContext } from '../graphql/request-context';
import { OrderModel } from '../orders/orders.models';
import { BookOfferInput, OfferFilter, PostOfferInput } from './marketplace.inputs';
import { OfferConnection, OfferModel } from './marketplace.models';
import { validated } from '../graphql/validation';
import { PriceInputs } from '../graphql/price-inputs';

@Public()
@Resolver(() => OfferModel)
export class OfferResolver {
  constructor(
    private readonly offersService: OffersService,
    private readonly tags: TagsService,
    private readonly prices: PriceInputs,
  ) {}

  @Query(() => OfferConnection)
  async offers(
    @CurrentViewer() viewer: Viewer | null,
    @Args('filter', { type: () => OfferFilter, nullable: true }, validated(OfferFilter))
    filter: OfferFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<OfferModel>> {
    return toConnection(
      await this.offersService.search(viewer, filter ?? {}, { first, after }),
      (row) => row,
    );
  }

  @Query(() => OfferModel, { nullable: true })
  offer(@Args('id', { type: () => ID }) id: string): Promise<OfferModel | null> {
    return this.offersService.find(id);
  }

  @Roles(Role.CREATOR)
  @Mutation(() => OfferModel)
  postOffer(@CurrentViewer() viewer: Viewer, @Args('input') input: PostOfferInput): Promise<OfferModel> {
    return this.offersService.post(viewer, { ...input, price: this.prices.parse(input.price, 'price') });
  }

  @Roles(Role.CREATOR)
  @Mutation(() => OfferModel)
  setOfferStatus(
    @CurrentViewer() viewer: Viewer,
    @Args('offerId', { type: () => ID }) offerId: string,
    @Args('status', { type: () => OfferStatus }) status: OfferStatus,
  ): Promise<OfferModel> {
    return this.offersService.setStatus(viewer, offerId, status);
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => OrderModel)
  bookOffer(@CurrentViewer() viewer: Viewer, @Args('input') input: BookOfferInput): Promise<OrderModel> {
    return this.offersService.book(viewer, input.offerId, input.brief);
  }

  @ResolveField(() => CreatorModel)
  creator(@Parent() offer: OfferModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.creators.load(offer.creatorId);
  }

  @ResolveField(() => [DomainTagModel])
  domainTags(@Parent() offer: OfferModel): Promise<DomainTagModel[]> {
    return this.tags.bySlugs(offer.domainTags);
  }

  @ResolveField(() => MoneyModel)
  price(@Parent() offer: OfferModel): MoneyModel {
    return MoneyModel.of(offer.priceMinor, offer.currency);
  }
}

/** Creator.offers: the creator's offers, with the same visibility as the offers query. */
@Public()
@Resolver(() => CreatorModel)
export class CreatorOffersResolver {
  constructor(private readonly offersService: OffersService) {}

  @ResolveField(() => OfferConnection)
  async offers(
    @Parent() creator: CreatorModel,
    @CurrentViewer() viewer: Viewer | null,
    @Args('status', { type: () => OfferStatus, nullable: true }) status: OfferStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<OfferModel>> {
    const page = await this.offersService.search(viewer, { creatorId: creator.id, status }, { first, after });
    return toConnection(page, (row) => row);
  }
}
