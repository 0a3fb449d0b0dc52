import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TagsService } from '@vtask/accounts';
import { Role, type Viewer } from '@vtask/core';
import {
  MatchmakingPhase,
  MatchmakingSessionsService,
  PairingsService,
  PairingStatus,
} from '@vtask/matchmaking';
import { CreatorModel, DomainTagModel, MerchantModel } from '../accounts/accounts.models';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import { MoneyModel, toConnection, type ConnectionShape } from '../graphql/common.models';
import { FieldCost } from '../graphql/limits';
import type { RequestContext } from '../graphql/request-context';
import { TaskModel } from '../marketplace/marketplace.models';
import { OrderModel } from '../orders/orders.models';
import { visibleOrder } from '../orders/visible-order';
import { CreateMatchmakingSessionInput } from './matchmaking.inputs';
import {
  MatchmakingSessionConnection,
  MatchmakingSessionModel,
  MatchmakingStatsModel,
  PairingConnection,
  PairingModel,
} from './matchmaking.models';

@Public()
@Resolver(() => MatchmakingSessionModel)
export class MatchmakingSessionResolver {
  constructor(
    private readonly sessions: MatchmakingSessionsService,
    private readonly pairingsService: PairingsService,
    private readonly tags: TagsService,
  ) {}

  @Query(() => MatchmakingSessionConnection)
  async matchmakingSessions(
    @Args('phase', { type: () => MatchmakingPhase, nullable: true }) phase: MatchmakingPhase | null,
    @Args('industry', { type: () => ID, nullable: true }) industry: string | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<MatchmakingSessionModel>> {
    return toConnection(await this.sessions.search({ phase, industry }, { first, after }), (row) => row);
  }

  @Query(() => MatchmakingSessionModel, { nullable: true })
  matchmakingSession(@Args('id', { type: () => ID }) id: string): Promise<MatchmakingSessionModel | null> {
    return this.sessions.find(id);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => MatchmakingSessionModel)
  createMatchmakingSession(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: CreateMatchmakingSessionInput,
  ): Promise<MatchmakingSessionModel> {
    return this.sessions.create(viewer, input);
  }

  @Roles(Role.MERCHANT, Role.CREATOR)
  @Mutation(() => MatchmakingSessionModel, {
    description:
      'Merchant: join with an OPEN task of the industry. Creator: join with a tag of the industry.',
  })
  joinMatchmakingSession(
    @CurrentViewer() viewer: Viewer,
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @Args('taskId', { type: () => ID, nullable: true }) taskId: string | null,
  ): Promise<MatchmakingSessionModel> {
    return this.sessions.join(viewer, sessionId, taskId);
  }

  @Roles(Role.MERCHANT, Role.CREATOR)
  @Mutation(() => PairingModel, {
    description:
      "Either side of a PROPOSED pairing; when both accept, an order is made at the task's budget.",
  })
  respondToPairing(
    @CurrentViewer() viewer: Viewer,
    @Args('pairingId', { type: () => ID }) pairingId: string,
    @Args('accept') accept: boolean,
  ): Promise<PairingModel> {
    return this.pairingsService.respond(viewer, pairingId, accept);
  }

  @ResolveField(() => DomainTagModel)
  async industry(@Parent() session: MatchmakingSessionModel): Promise<DomainTagModel> {
    const [tag] = await this.tags.bySlugs([session.industry]);
    return tag;
  }

  @ResolveField(() => MatchmakingStatsModel, { complexity: 10 })
  async stats(
    @Parent() session: MatchmakingSessionModel,
    @Ctx() ctx: RequestContext,
  ): Promise<MatchmakingStatsModel> {
    const stats = await ctx.loaders.matchmaking.stats.load(session.id);
    return { ...stats, fundedValue: stats.fundedValue.map((money) => MoneyModel.from(money)) };
  }

  @ResolveField(() => [PairingModel], { description: "The signed-in user's pairings in this session." })
  myPairings(
    @Parent() session: MatchmakingSessionModel,
    @CurrentViewer() viewer: Viewer | null,
  ): Promise<PairingModel[]> {
    return this.pairingsService.mine(viewer, session.id);
  }

  @ResolveField(() => PairingConnection, { description: 'Admin: every pairing.' })
  async pairings(
    @Parent() session: MatchmakingSessionModel,
    @CurrentViewer() viewer: Viewer | null,
    @Args('status', { type: () => PairingStatus, nullable: true }) status: PairingStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<PairingModel>> {
    const page = await this.pairingsService.forSession(viewer, session.id, status, { first, after });
    return toConnection(page, (row) => row);
  }

  @ResolveField(() => Boolean, {
    complexity: FieldCost.LOOKUP,
    description: 'Whether the signed-in merchant or creator has joined.',
  })
  joined(@Parent() session: MatchmakingSessionModel, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.loaders.matchmaking.joined.load(session.id);
  }
}

@Public()
@Resolver(() => PairingModel)
export class PairingResolver {
  constructor(private readonly sessions: MatchmakingSessionsService) {}

  @ResolveField(() => MatchmakingSessionModel)
  async session(@Parent() pairing: PairingModel): Promise<MatchmakingSessionModel | null> {
    return this.sessions.find(pairing.sessionId);
  }

  @ResolveField(() => TaskModel)
  task(@Parent() pairing: PairingModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.tasks.load(pairing.taskId);
  }

  @ResolveField(() => MerchantModel)
  merchant(@Parent() pairing: PairingModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.merchants.load(pairing.merchantId);
  }

  @ResolveField(() => CreatorModel)
  creator(@Parent() pairing: PairingModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.creators.load(pairing.creatorId);
  }

  @ResolveField(() => [String], { description: "Why the pair fits, in the reader's language." })
  reasons(@Parent() pairing: PairingModel, @Ctx() ctx: RequestContext): string[] {
    return ctx.reader.locale === 'en' ? pairing.reasons.en : pairing.reasons['zh-CN'];
  }

  @ResolveField(() => OrderModel, { nullable: true, description: 'Set once MATCHED.' })
  order(@Parent() pairing: PairingModel, @Ctx() ctx: RequestContext) {
    return visibleOrder(ctx, pairing.orderId);
  }
}
