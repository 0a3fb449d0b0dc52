import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CreatorsService, CreatorTier, isBigV, TagsService } from '@vtask/accounts';
import { Role, type Viewer } from '@vtask/core';
import { CreatorOrder, CreatorSearchService } from '@vtask/matching';
import { PriceInputs } from '../graphql/price-inputs';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import { toConnection, type ConnectionShape } from '../graphql/common.models';
import type { RequestContext } from '../graphql/request-context';
import { CreatorFilter, UpdateCreatorProfileInput } from './accounts.inputs';
import {
  AgencyModel,
  CreatorConnection,
  CreatorModel,
  CreatorTierChangeModel,
  DomainTagModel,
} from './accounts.models';
import { validated } from '../graphql/validation';
import { FieldCost } from '../graphql/limits';

@Public()
@Resolver(() => CreatorModel)
export class CreatorResolver {
  constructor(
    private readonly creatorsService: CreatorsService,
    private readonly creatorSearch: CreatorSearchService,
    private readonly tags: TagsService,
    private readonly prices: PriceInputs,
  ) {}

  @Query(() => CreatorConnection)
  async creators(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => CreatorFilter, nullable: true }, validated(CreatorFilter))
    filter: CreatorFilter | null,
    @Args('orderBy', {
      type: () => CreatorOrder,
      nullable: true,
      description: 'Defaults to RELEVANCE.',
    })
    orderBy: CreatorOrder | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<CreatorModel>> {
    const { maxTypicalPrice, ...rest } = filter ?? {};
    const square = {
      ...rest,
      maxTypicalPrice: maxTypicalPrice ? this.prices.parse(maxTypicalPrice, 'maxTypicalPrice') : null,
    };
    const page = await this.creatorSearch.search(ctx.viewer, square, { first, after }, orderBy ?? undefined);
    return toConnection(page, (row) => row);
  }

  @Query(() => CreatorModel, { nullable: true })
  async creator(@Args('id', { type: () => ID }) id: string): Promise<CreatorModel | null> {
    return (await this.creatorsService.findByIds([id]))[0] ?? null;
  }

  @Roles(Role.CREATOR)
  @Mutation(() => CreatorModel)
  updateCreatorProfile(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: UpdateCreatorProfileInput,
  ): Promise<CreatorModel> {
    return this.creatorsService.updateProfile(viewer, input);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => CreatorModel, {
    description: "Admin: set a creator's tier, with the reason kept in the audit trail.",
  })
  setCreatorTier(
    @CurrentViewer() viewer: Viewer,
    @Args('creatorId', { type: () => ID }) creatorId: string,
    @Args('tier', { type: () => CreatorTier }) tier: CreatorTier,
    @Args('reason') reason: string,
  ): Promise<CreatorModel> {
    return this.creatorsService.setTier(viewer, creatorId, tier, reason);
  }

  @ResolveField(() => String, { complexity: FieldCost.LOOKUP })
  async displayName(@Parent() creator: CreatorModel, @Ctx() ctx: RequestContext): Promise<string> {
    return (await ctx.loaders.users.load(creator.userId))?.displayName ?? '';
  }

  @ResolveField(() => Boolean, { description: 'True for CREATOR, EXPERT and CELEBRITY.' })
  isBigV(@Parent() creator: CreatorModel): boolean {
    return isBigV(creator.tier);
  }

  @ResolveField(() => [DomainTagModel])
  domainTags(@Parent() creator: CreatorModel): Promise<DomainTagModel[]> {
    return this.tags.bySlugs(creator.domainTags);
  }

  @ResolveField(() => AgencyModel, { nullable: true })
  agency(@Parent() creator: CreatorModel, @Ctx() ctx: RequestContext) {
    return creator.agencyId ? ctx.loaders.agencies.load(creator.agencyId) : null;
  }

  @Roles(Role.ADMIN)
  @ResolveField(() => [CreatorTierChangeModel], {
    description: 'Admin: the audit trail of tier changes, newest first.',
  })
  async tierHistory(
    @Parent() creator: CreatorModel,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatorTierChangeModel[]> {
    const changes = await this.creatorsService.tierHistory(creator.id);
    return changes.map((change) => ({ ...change, actor: ctx.loaders.users.load(change.actorUserId) }));
  }
}
