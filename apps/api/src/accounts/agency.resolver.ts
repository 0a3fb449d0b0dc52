import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AgenciesService } from '@vtask/accounts';
import { Role, type Viewer } from '@vtask/core';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import type { RequestContext } from '../graphql/request-context';
import { UuidPipe } from '../graphql/uuid.pipe';
import { AgencyModel, CreatorModel } from './accounts.models';

@Public()
@Resolver(() => AgencyModel)
export class AgencyResolver {
  constructor(private readonly agencies: AgenciesService) {}

  @Roles(Role.AGENCY)
  @Mutation(() => AgencyModel, { description: 'Agency: add a creator (who must accept by joinAgency).' })
  inviteToAgency(
    @CurrentViewer() viewer: Viewer,
    @Args('creatorId', { type: () => ID }, UuidPipe) creatorId: string,
  ): Promise<AgencyModel> {
    return this.agencies.invite(viewer, creatorId);
  }

  @Roles(Role.CREATOR)
  @Mutation(() => CreatorModel)
  joinAgency(
    @CurrentViewer() viewer: Viewer,
    @Args('agencyId', { type: () => ID }, UuidPipe) agencyId: string,
  ): Promise<CreatorModel> {
    return this.agencies.join(viewer, agencyId);
  }

  @Roles(Role.CREATOR)
  @Mutation(() => CreatorModel)
  leaveAgency(@CurrentViewer() viewer: Viewer): Promise<CreatorModel> {
    return this.agencies.leave(viewer);
  }

  @ResolveField(() => [CreatorModel])
  creators(@Parent() agency: AgencyModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.creatorsByAgency.load(agency.id);
  }
}
