import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Role, type TextContext, type Viewer } from '@vtask/core';
import { type MatchReason, MatchingService } from '@vtask/matching';
import { Ctx, CurrentViewer, Roles } from '../graphql/auth.decorators';
import type { RequestContext } from '../graphql/request-context';
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
    @Ctx() ctx: RequestContext,
  ): Promise<CreatorMatchModel[]> {
    return worded(this.matching.recommendedCreators(viewer, taskId, first), ctx.reader);
  }

  @Roles(Role.CREATOR)
  @Query(() => [TaskMatchModel], {
    complexity: FieldCost.RANKING,
    description: 'Open tasks ranked for the signed-in creator.',
  })
  recommendedTasks(
    @CurrentViewer() viewer: Viewer,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<TaskMatchModel[]> {
    return worded(this.matching.recommendedTasks(viewer, first), ctx.reader);
  }
}

/** Matches with their reasons written for the reader (their language; tags, tiers and channels by name). */
async function worded<M extends { reasons: MatchReason[] }>(
  matches: Promise<M[]>,
  reader: TextContext,
): Promise<(Omit<M, 'reasons'> & { reasons: string[] })[]> {
  return (await matches).map((match) => ({
    ...match,
    reasons: match.reasons.map((reason) => reason(reader)),
  }));
}
