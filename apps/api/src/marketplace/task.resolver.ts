import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TagsService } from '@vtask/accounts';
import { Role, type Viewer } from '@vtask/core';
import {
  BidsService,
  BidStatus,
  TaskEditingService,
  TaskOrder,
  TasksService,
  TaskStatus,
} from '@vtask/marketplace';
import { DomainTagModel, MerchantModel } from '../accounts/accounts.models';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import { MoneyModel, toConnection, type ConnectionShape } from '../graphql/common.models';
import type { RequestContext } from '../graphql/request-context';
import { PostTaskInput, TaskFilter, UpdateTaskInput } from './marketplace.inputs';
import { BidConnection, BidModel, TaskConnection, TaskModel } from './marketplace.models';
import { validated } from '../graphql/validation';
import { FieldCost } from '../graphql/limits';
import { PriceInputs } from '../graphql/price-inputs';

@Public()
@Resolver(() => TaskModel)
export class TaskResolver {
  constructor(
    private readonly tasksService: TasksService,
    private readonly taskEditing: TaskEditingService,
    private readonly bidsService: BidsService,
    private readonly tags: TagsService,
    private readonly prices: PriceInputs,
  ) {}

  @Query(() => TaskConnection)
  async tasks(
    @CurrentViewer() viewer: Viewer | null,
    @Args('filter', { type: () => TaskFilter, nullable: true }, validated(TaskFilter))
    filter: TaskFilter | null,
    @Args('orderBy', { type: () => TaskOrder, nullable: true }) orderBy: TaskOrder | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<TaskModel>> {
    return toConnection(
      await this.tasksService.search(viewer, filter ?? {}, orderBy, { first, after }),
      (row) => row,
    );
  }

  @Query(() => TaskModel, { nullable: true })
  task(
    @CurrentViewer() viewer: Viewer | null,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<TaskModel | null> {
    return this.tasksService.findVisible(viewer, id);
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => TaskModel)
  postTask(@CurrentViewer() viewer: Viewer, @Args('input') input: PostTaskInput): Promise<TaskModel> {
    return this.tasksService.post(viewer, { ...input, budget: this.prices.parse(input.budget, 'budget') });
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => TaskModel, {
    description:
      "The task's merchant, while the task is DRAFT or OPEN and no bid or invitation of it is accepted; creators with a pending bid or invitation are notified.",
  })
  updateTask(
    @CurrentViewer() viewer: Viewer,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('input') input: UpdateTaskInput,
  ): Promise<TaskModel> {
    const budget = input.budget ? this.prices.parse(input.budget, 'budget') : null;
    return this.taskEditing.update(viewer, taskId, { ...input, budget });
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => TaskModel, { description: 'A DRAFT copy of the task with new dates to fill in.' })
  duplicateTask(
    @CurrentViewer() viewer: Viewer,
    @Args('taskId', { type: () => ID }) taskId: string,
  ): Promise<TaskModel> {
    return this.taskEditing.duplicate(viewer, taskId);
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => TaskModel)
  publishTask(
    @CurrentViewer() viewer: Viewer,
    @Args('taskId', { type: () => ID }) taskId: string,
  ): Promise<TaskModel> {
    return this.tasksService.publish(viewer, taskId);
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => TaskModel)
  closeTask(
    @CurrentViewer() viewer: Viewer,
    @Args('taskId', { type: () => ID }) taskId: string,
  ): Promise<TaskModel> {
    return this.tasksService.close(viewer, taskId);
  }

  @Roles(Role.MERCHANT)
  @Mutation(() => TaskModel)
  cancelTask(
    @CurrentViewer() viewer: Viewer,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('reason') reason: string,
  ): Promise<TaskModel> {
    return this.tasksService.cancel(viewer, taskId, reason);
  }

  @ResolveField(() => MerchantModel)
  merchant(@Parent() task: TaskModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.merchants.load(task.merchantId);
  }

  @ResolveField(() => [DomainTagModel])
  domainTags(@Parent() task: TaskModel): Promise<DomainTagModel[]> {
    return this.tags.bySlugs(task.domainTags);
  }

  @ResolveField(() => MoneyModel, { description: 'Price offered per slot.' })
  budget(@Parent() task: TaskModel): MoneyModel {
    return MoneyModel.of(task.budgetMinor, task.currency);
  }

  @ResolveField(() => BidConnection, {
    description: "Visible to the task's merchant and admins; others see only their own bid.",
  })
  async bids(
    @Parent() task: TaskModel,
    @CurrentViewer() viewer: Viewer | null,
    @Args('status', { type: () => BidStatus, nullable: true }) status: BidStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<BidModel>> {
    return toConnection(await this.bidsService.forTask(viewer, task, status, { first, after }), (row) => row);
  }

  @ResolveField(() => Int, { complexity: FieldCost.LOOKUP })
  bidCount(@Parent() task: TaskModel, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.loaders.bidCounts.load(task.id);
  }

  @ResolveField(() => BidModel, {
    nullable: true,
    description: "The signed-in creator's bid on this task, if any.",
  })
  myBid(@Parent() task: TaskModel, @Ctx() ctx: RequestContext) {
    return ctx.viewer?.creatorId ? ctx.loaders.myBids.load(task.id) : null;
  }
}

/** Merchant.tasks: the merchant's tasks as the viewer may see them. */
@Public()
@Resolver(() => MerchantModel)
export class MerchantTasksResolver {
  constructor(private readonly tasksService: TasksService) {}

  @ResolveField(() => TaskConnection)
  async tasks(
    @Parent() merchant: MerchantModel,
    @CurrentViewer() viewer: Viewer | null,
    @Args('status', { type: () => TaskStatus, nullable: true }) status: TaskStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<TaskModel>> {
    const page = await this.tasksService.search(viewer, { merchantId: merchant.id, status }, null, {
      first,
      after,
    });
    return toConnection(page, (row) => row);
  }
}
