import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Role, type Viewer } from '@vtask/core';
import { MatchingService } from '@vtask/matching';
import { CurrentViewer, Roles } from '../graphql/auth.decorators';
import { CreatorMatchModel, TaskMatchModel } from './matching.models';
import { FieldCost } from '../graphql/limits';

@Resolver()
export class MatchingResolver {
  constructor(private readonly matching: MatchingService) {}

  @Roles(Role.MERCHANT, Role.ADMIN)
  @Query(() => [CreatorMatchModel], {
    complexity: FieldCost.RANKING,
    description: "Creators ranked for a task; the task's merchant and admins may ask.",
  })
  recommendedCreators(
    @CurrentViewer() viewer: Viewer,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
  ): Promise<CreatorMatchModel[]> {
    return this.matching.recommendedCreators(viewer, taskId, first);
  }

  @Roles(Role.CREATOR)
  @Query(() => [TaskMatchModel], {
    complexity: FieldCost.RANKING,
    description: 'Open tasks ranked for the signed-in creator.',
  })
  recommendedTasks(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
  ): Promise<TaskMatchModel[]> {
    return this.matching.recommendedTasks(viewer, first);
  }
}
