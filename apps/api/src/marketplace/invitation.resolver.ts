import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Role, type Viewer } from '@vtask/core';
import { InvitationsService, InvitationStatus } from '@vtask/marketplace';
import { CreatorModel } from '../accounts/accounts.models';
import { Ctx, CurrentViewer, Roles } from '../graphql/auth.decorators';
import { MoneyModel } from '../graphql/common.models';
import type { RequestContext } from '../graphql/request-context';
import { OrderModel } from '../orders/orders.models';
import { visibleOrder } from '../orders/visible-order';
import { InviteCreatorInput } from './marketplace.inputs';
import { InvitationModel, TaskModel } from './marketplace.models';
import { PriceInputs } from '../graphql/price-inputs';

@Resolver(() => InvitationModel)
export class InvitationResolver {
  constructor(
    private readonly invitationsService: InvitationsService,
    private readonly prices: PriceInputs,
  ) {}

  @Roles(Role.CREATOR)
  @Query(() => [InvitationModel])
  myInvitations(
    @CurrentViewer() viewer: Viewer,
    @Args('status', { type: () => InvitationStatus, nullable: true }) status: InvitationStatus | null,
  ): Promise<InvitationModel[]> {
    return this.invitationsService.mine(viewer, status);
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => InvitationModel)
  inviteCreator(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: InviteCreatorInput,
  ): Promise<InvitationModel> {
    return this.invitationsService.invite(viewer, {
      taskId: input.taskId,
      creatorId: input.creatorId,
      message: input.message,
      price: input.price ? this.prices.parse(input.price, 'price') : null,
    });
  }

  @Roles(Role.CREATOR)
  @Mutation(() => InvitationModel)
  respondToInvitation(
    @CurrentViewer() viewer: Viewer,
    @Args('invitationId', { type: () => ID }) invitationId: string,
    @Args('accept') accept: boolean,
  ): Promise<InvitationModel> {
    return this.invitationsService.respond(viewer, invitationId, accept);
  }

  @ResolveField(() => TaskModel)
  task(@Parent() invitation: InvitationModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.tasks.load(invitation.taskId);
  }

  @ResolveField(() => CreatorModel)
  creator(@Parent() invitation: InvitationModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.creators.load(invitation.creatorId);
  }

  @ResolveField(() => MoneyModel)
  price(@Parent() invitation: InvitationModel): MoneyModel {
    return MoneyModel.of(invitation.priceMinor, invitation.currency);
  }

  @ResolveField(() => OrderModel, { nullable: true })
  order(@Parent() invitation: InvitationModel, @Ctx() ctx: RequestContext) {
    return visibleOrder(ctx, invitation.orderId);
  }
}
