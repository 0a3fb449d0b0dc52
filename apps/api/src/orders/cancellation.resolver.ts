import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Viewer } from '@vtask/core';
import { OrderLifecycleService, OrderStatus, type OrderEntity } from '@vtask/orders';
import { UserModel } from '../accounts/accounts.models';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import { MoneyInput, MoneyModel } from '../graphql/common.models';
import { PriceInputs } from '../graphql/price-inputs';
import type { RequestContext } from '../graphql/request-context';
import { CreatorStatsModel } from './escrow.models';
import {
  CancellationProposalModel,
  CancellationStageModel,
  CreatorReliabilityModel,
} from './cancellation.models';
import { OrderModel } from './orders.models';

/** The order's cancellation terms and deadlines (SPEC "Cancellation", "Revision deadline", "Dispute deadline"). */
@Resolver(() => OrderModel)
export class OrderTermsResolver {
  constructor(
    private readonly lifecycle: OrderLifecycleService,
    private readonly prices: PriceInputs,
  ) {}

  @ResolveField(() => [CancellationStageModel], {
    description:
      'The table that decides what the creator keeps if the merchant cancels while IN_PROGRESS, fixed at creation.',
  })
  cancellationTerms(@Parent() order: OrderModel): CancellationStageModel[] {
    return (order as OrderEntity).cancellationTerms;
  }

  @ResolveField(() => MoneyModel, {
    description:
      'What the creator would keep if the merchant cancelled right now (zero outside IN_PROGRESS).',
  })
  async cancellationFeeNow(@Parent() order: OrderModel, @Ctx() ctx: RequestContext): Promise<MoneyModel> {
    return MoneyModel.from(await ctx.loaders.killFeesNow.load(order as OrderEntity));
  }

  @ResolveField(() => Date, {
    nullable: true,
    description:
      'While REVISION_REQUESTED: the creator must deliver the next version by then, or the order goes to DISPUTED.',
  })
  revisionDueBy(@Parent() order: OrderModel): Date | null {
    return order.status === OrderStatus.REVISION_REQUESTED ? (order as OrderEntity).revisionDueBy : null;
  }

  @ResolveField(() => Date, {
    nullable: true,
    description: 'While DISPUTED: admins are expected to decide by then; past it the dispute is overdue.',
  })
  disputeDecideBy(@Parent() order: OrderModel): Date | null {
    return order.status === OrderStatus.DISPUTED ? (order as OrderEntity).disputeDecideBy : null;
  }

  @ResolveField(() => [CancellationProposalModel])
  cancellationProposals(@Parent() order: OrderModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.cancellationProposals.load(order.id);
  }

  @Roles(Role.MERCHANT, Role.CREATOR)
  @Mutation(() => CancellationProposalModel, {
    description: 'Either party of an IN_PROGRESS, DELIVERED or REVISION_REQUESTED order.',
  })
  proposeCancellation(
    @CurrentViewer() viewer: Viewer,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('creatorAmount', { type: () => MoneyInput }) creatorAmount: MoneyInput,
    @Args('reason') reason: string,
  ): Promise<CancellationProposalModel> {
    return this.lifecycle.proposeCancellation(viewer, {
      orderId,
      creatorAmount: this.prices.parse(creatorAmount, 'creatorAmount'),
      reason,
    });
  }

  @Roles(Role.MERCHANT, Role.CREATOR)
  @Mutation(() => OrderModel, { description: 'The other party; accepting splits the escrow as proposed.' })
  respondToCancellation(
    @CurrentViewer() viewer: Viewer,
    @Args('proposalId', { type: () => ID }) proposalId: string,
    @Args('accept') accept: boolean,
    @Args('idempotencyKey') idempotencyKey: string,
  ): Promise<OrderModel> {
    return this.lifecycle.respondToCancellation(viewer, proposalId, accept, idempotencyKey);
  }

  @Roles(Role.MERCHANT, Role.CREATOR)
  @Mutation(() => CancellationProposalModel)
  withdrawCancellationProposal(
    @CurrentViewer() viewer: Viewer,
    @Args('proposalId', { type: () => ID }) proposalId: string,
  ): Promise<CancellationProposalModel> {
    return this.lifecycle.withdrawCancellationProposal(viewer, proposalId);
  }
}

@Resolver(() => CancellationProposalModel)
export class CancellationProposalResolver {
  @ResolveField(() => UserModel)
  proposedBy(@Parent() proposal: CancellationProposalModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.users.load(proposal.proposedByUserId);
  }

  @ResolveField(() => MoneyModel, {
    description: 'Part of the escrow released to the creator side (fees apply); the rest is refunded.',
  })
  creatorAmount(@Parent() proposal: CancellationProposalModel): MoneyModel {
    return MoneyModel.of(proposal.creatorAmountMinor, proposal.currency);
  }
}

/**
 * CreatorStats.reliability: cancellations and late deliveries, batched with the rest of the track record,
 * and the retention rate, batched over the page's creators.
 */
@Public()
@Resolver(() => CreatorStatsModel)
export class CreatorReliabilityResolver {
  @ResolveField(() => CreatorReliabilityModel)
  async reliability(
    @Parent() stats: CreatorStatsModel,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatorReliabilityModel> {
    return {
      cancelledByCreator: stats.cancelledByCreator,
      lateDeliveries: stats.lateDeliveries,
      retentionRate: await ctx.loaders.retentionRates.load(stats.creatorId),
    };
  }
}
