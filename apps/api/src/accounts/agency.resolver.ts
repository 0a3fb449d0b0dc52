import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AgenciesService, ProfilesService } from '@vtask/accounts';
import { Role, type Viewer } from '@vtask/core';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import type { RequestContext } from '../graphql/request-context';
import { AgencyProfileInput } from './accounts.inputs';
import { AgencyInvitationModel, AgencyModel, CreatorModel } from './accounts.models';

@Public()
@Resolver(() => AgencyModel)
export class AgencyResolver {
  constructor(
    private readonly agencies: AgenciesService,
    private readonly profiles: ProfilesService,
  ) {}

  @Roles(Role.AGENCY)
  @Mutation(() => AgencyModel, { description: 'Agency: add a creator (who must accept by joinAgency).' })
  inviteToAgency(
    @CurrentViewer() viewer: Viewer,
    @Args('creatorId', { type: () => ID }) creatorId: string,
  ): Promise<AgencyModel> {
    return this.agencies.invite(viewer, creatorId);
  }

  @Roles(Role.CREATOR)
  @Mutation(() => CreatorModel)
  joinAgency(
    @CurrentViewer() viewer: Viewer,
    @Args('agencyId', { type: () => ID }) agencyId: string,
  ): Promise<CreatorModel> {
    return this.agencies.join(viewer, agencyId);
  }

  @Roles(Role.CREATOR)
  @Mutation(() => CreatorModel)
  leaveAgency(@CurrentViewer() viewer: Viewer): Promise<CreatorModel> {
    return this.agencies.leave(viewer);
  }

  @Roles(Role.AGENCY)
  @Mutation(() => AgencyModel, {
    description:
      'Agency: rename it or change its share; orders made before keep the share they were made with.',
  })
  updateAgencyProfile(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: AgencyProfileInput,
  ): Promise<AgencyModel> {
    return this.profiles.updateAgencyProfile(viewer, input);
  }

  @Roles(Role.CREATOR)
  @Query(() => [AgencyInvitationModel], {
    description:
      'Creator: the agencies that invite you, newest first; answer with joinAgency or declineAgencyInvitation.',
  })
  myAgencyInvitations(@CurrentViewer() viewer: Viewer): Promise<AgencyInvitationModel[]> {
    return this.agencies.invitationsForCreator(viewer);
  }

  @Roles(Role.CREATOR)
  @Mutation(() => Boolean, {
    description: "Creator: turn down an agency's invitation (it may invite again).",
  })
  async declineAgencyInvitation(
    @CurrentViewer() viewer: Viewer,
    @Args('agencyId', { type: () => ID }) agencyId: string,
  ): Promise<boolean> {
    await this.agencies.decline(viewer, agencyId);
    return true;
  }

  @ResolveField(() => [CreatorModel])
  creators(@Parent() agency: AgencyModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.creatorsByAgency.load(agency.id);
  }

  @Roles(Role.AGENCY, Role.ADMIN)
  @ResolveField(() => [AgencyInvitationModel], {
    description: 'The agency itself and admins: creators invited who have not answered yet, newest first.',
  })
  pendingInvitations(
    @Parent() agency: AgencyModel,
    @CurrentViewer() viewer: Viewer,
  ): Promise<AgencyInvitationModel[]> {
    return this.agencies.pendingInvitationsOf(viewer, agency.id);
  }
}

@Resolver(() => AgencyInvitationModel)
export class AgencyInvitationResolver {
  @ResolveField(() => AgencyModel)
  async agency(@Parent() invitation: AgencyInvitationModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.agencies.load(invitation.agencyId);
  }

  @ResolveField(() => CreatorModel)
  async creator(@Parent() invitation: AgencyInvitationModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.creators.load(invitation.creatorId);
  }
}
