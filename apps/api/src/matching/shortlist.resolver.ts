import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Viewer } from '@vtask/core';
import { ShortlistInvitationsService, ShortlistsService } from '@vtask/matching';
import { CreatorConnection, type CreatorModel } from '../accounts/accounts.models';
import { Ctx, CurrentViewer, Roles } from '../graphql/auth.decorators';
import { MoneyInput, toConnection, type ConnectionShape } from '../graphql/common.models';
import { localizedDomainMessage } from '../graphql/format-error';
import { PriceInputs } from '../graphql/price-inputs';
import type { RequestContext } from '../graphql/request-context';
import { BulkInvitationResultModel, ShortlistModel } from './square.models';

/** Shortlists (找达人): a merchant's private lists of creators, and inviting a whole list to a task. */
@Roles(Role.MERCHANT)
@Resolver(() => ShortlistModel)
export class ShortlistResolver {
  constructor(
    private readonly shortlists: ShortlistsService,
    private readonly bulk: ShortlistInvitationsService,
    private readonly prices: PriceInputs,
  ) {}

  @Query(() => [ShortlistModel])
  myShortlists(@CurrentViewer() viewer: Viewer): Promise<ShortlistModel[]> {
    return this.shortlists.mine(viewer);
  }

  @Query(() => ShortlistModel, { nullable: true })
  shortlist(
    @CurrentViewer() viewer: Viewer,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ShortlistModel> {
    return this.shortlists.find(viewer, id);
  }

  @Mutation(() => ShortlistModel)
  createShortlist(@CurrentViewer() viewer: Viewer, @Args('name') name: string): Promise<ShortlistModel> {
    return this.shortlists.create(viewer, name);
  }

  @Mutation(() => ShortlistModel)
  renameShortlist(
    @CurrentViewer() viewer: Viewer,
    @Args('shortlistId', { type: () => ID }) shortlistId: string,
    @Args('name') name: string,
  ): Promise<ShortlistModel> {
    return this.shortlists.rename(viewer, shortlistId, name);
  }

  @Mutation(() => Boolean)
  deleteShortlist(
    @CurrentViewer() viewer: Viewer,
    @Args('shortlistId', { type: () => ID }) shortlistId: string,
  ): Promise<boolean> {
    return this.shortlists.delete(viewer, shortlistId);
  }

  @Mutation(() => ShortlistModel)
  addToShortlist(
    @CurrentViewer() viewer: Viewer,
    @Args('shortlistId', { type: () => ID }) shortlistId: string,
    @Args('creatorIds', { type: () => [ID] }) creatorIds: string[],
  ): Promise<ShortlistModel> {
    return this.shortlists.add(viewer, shortlistId, creatorIds);
  }

  @Mutation(() => ShortlistModel)
  removeFromShortlist(
    @CurrentViewer() viewer: Viewer,
    @Args('shortlistId', { type: () => ID }) shortlistId: string,
    @Args('creatorIds', { type: () => [ID] }) creatorIds: string[],
  ): Promise<ShortlistModel> {
    return this.shortlists.remove(viewer, shortlistId, creatorIds);
  }

  @Mutation(() => BulkInvitationResultModel, {
    description:
      "Invites every creator of the shortlist who may be invited (price defaults to the task's budget); the others are listed with the reason.",
  })
  async inviteShortlist(
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: RequestContext,
    @Args('shortlistId', { type: () => ID }) shortlistId: string,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('price', { type: () => MoneyInput, nullable: true }) price: MoneyInput | null,
    @Args('message', { type: () => String, nullable: true }) message: string | null,
  ): Promise<BulkInvitationResultModel> {
    const result = await this.bulk.inviteAll(viewer, {
      shortlistId,
      taskId,
      message,
      price: price ? this.prices.parse(price, 'price') : null,
    });
    return {
      invited: result.invited,
      skipped: result.skipped.map(({ creatorId, error }) => ({
        creator: ctx.loaders.creators.load(creatorId) as Promise<CreatorModel>,
        code: error.code,
        reason: localizedDomainMessage(error, ctx.reader),
      })),
    };
  }

  @ResolveField(() => CreatorConnection)
  async creators(
    @Parent() shortlist: ShortlistModel,
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<Promise<CreatorModel | null>>> {
    const page = await this.shortlists.members(shortlist, { first, after });
    return toConnection(page, (member) => ctx.loaders.creators.load(member.creatorId));
  }
}
