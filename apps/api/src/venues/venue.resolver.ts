import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TagsService } from '@vtask/accounts';
import { Role, type Viewer } from '@vtask/core';
import { OrdersErrors } from '@vtask/orders';
import {
  EnrollmentStatus,
  SubmissionDecision,
  SubmissionStatus,
  VenueEnrollmentsService,
  VenueKind,
  VenuePhase,
  VenuesService,
  VenueSubmissionsService,
  type VenueEntity,
} from '@vtask/venues';
import { DomainTagModel, UserModel } from '../accounts/accounts.models';
import { Ctx, CurrentViewer, Public, Roles } from '../graphql/auth.decorators';
import { toConnection, type ConnectionShape } from '../graphql/common.models';
import type { RequestContext } from '../graphql/request-context';
import { TaskModel } from '../marketplace/marketplace.models';
import { DeliverableModel } from '../orders/escrow.models';
import { OrderModel } from '../orders/orders.models';
import { visibleOrder } from '../orders/visible-order';
import { CreateVenueInput, SubmitToVenueInput } from './venues.inputs';
import {
  LineupEntryModel,
  VenueConnection,
  VenueEnrollmentConnection,
  VenueEnrollmentModel,
  VenueModel,
  VenueSubmissionConnection,
  VenueSubmissionModel,
} from './venues.models';

@Public()
@Resolver(() => VenueModel)
export class VenueResolver {
  constructor(
    private readonly venuesService: VenuesService,
    private readonly enrollmentsService: VenueEnrollmentsService,
    private readonly submissionsService: VenueSubmissionsService,
    private readonly tags: TagsService,
  ) {}

  @Query(() => VenueConnection)
  async venues(
    @Args('phase', { type: () => VenuePhase, nullable: true }) phase: VenuePhase | null,
    @Args('kind', { type: () => VenueKind, nullable: true }) kind: VenueKind | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<VenueModel>> {
    return toConnection(await this.venuesService.search({ phase, kind }, { first, after }), (row) => row);
  }

  @Query(() => VenueModel, { nullable: true })
  venue(@Args('id', { type: () => ID }) id: string): Promise<VenueModel | null> {
    return this.venuesService.find(id);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => VenueModel)
  createVenue(@CurrentViewer() viewer: Viewer, @Args('input') input: CreateVenueInput): Promise<VenueModel> {
    return this.venuesService.create(viewer, input);
  }

  @Roles(Role.MERCHANT, Role.CREATOR)
  @Mutation(() => VenueEnrollmentModel)
  enrollInVenue(
    @CurrentViewer() viewer: Viewer,
    @Args('venueId', { type: () => ID }) venueId: string,
  ): Promise<VenueEnrollmentModel> {
    return this.enrollmentsService.enroll(viewer, venueId);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => VenueEnrollmentModel)
  decideEnrollment(
    @CurrentViewer() viewer: Viewer,
    @Args('enrollmentId', { type: () => ID }) enrollmentId: string,
    @Args('approve') approve: boolean,
  ): Promise<VenueEnrollmentModel> {
    return this.enrollmentsService.decide(viewer, enrollmentId, approve);
  }

  @Roles(Role.MERCHANT, Role.CREATOR)
  @Mutation(() => VenueSubmissionModel)
  submitToVenue(
    @CurrentViewer() viewer: Viewer,
    @Args('input') input: SubmitToVenueInput,
  ): Promise<VenueSubmissionModel> {
    return this.submissionsService.submit(viewer, input);
  }

  @Roles(Role.MERCHANT, Role.CREATOR)
  @Mutation(() => VenueSubmissionModel)
  withdrawVenueSubmission(
    @CurrentViewer() viewer: Viewer,
    @Args('submissionId', { type: () => ID }) submissionId: string,
  ): Promise<VenueSubmissionModel> {
    return this.submissionsService.withdraw(viewer, submissionId);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => VenueSubmissionModel)
  decideVenueSubmission(
    @CurrentViewer() viewer: Viewer,
    @Args('submissionId', { type: () => ID }) submissionId: string,
    @Args('decision', { type: () => SubmissionDecision }) decision: SubmissionDecision,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ): Promise<VenueSubmissionModel> {
    return this.submissionsService.decide(viewer, submissionId, decision, reason);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => VenueModel, {
    description: 'Admin: the lineup in order, from ACCEPTED submissions; replaces the previous draft.',
  })
  setVenueLineup(
    @CurrentViewer() viewer: Viewer,
    @Args('venueId', { type: () => ID }) venueId: string,
    @Args('submissionIds', { type: () => [ID] }) submissionIds: string[],
  ): Promise<VenueModel> {
    return this.venuesService.setLineup(viewer, venueId, submissionIds);
  }

  @Roles(Role.ADMIN)
  @Mutation(() => VenueModel, {
    description: 'Admin: freeze and publish the lineup. Happens on its own at goLiveAt if not done before.',
  })
  publishVenueLineup(
    @CurrentViewer() viewer: Viewer,
    @Args('venueId', { type: () => ID }) venueId: string,
  ): Promise<VenueModel> {
    return this.venuesService.publish(viewer, venueId);
  }

  @ResolveField(() => [DomainTagModel])
  domainTags(@Parent() venue: VenueModel): Promise<DomainTagModel[]> {
    return this.tags.bySlugs(venue.domainTags);
  }

  @ResolveField(() => VenueEnrollmentConnection)
  async enrollments(
    @Parent() venue: VenueModel,
    @CurrentViewer() viewer: Viewer | null,
    @Args('status', { type: () => EnrollmentStatus, nullable: true }) status: EnrollmentStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<VenueEnrollmentModel>> {
    const page = await this.enrollmentsService.forVenue(viewer, venue.id, status, { first, after });
    return toConnection(page, (row) => row);
  }

  @ResolveField(() => VenueSubmissionConnection)
  async submissions(
    @Parent() venue: VenueModel,
    @CurrentViewer() viewer: Viewer | null,
    @Args('status', { type: () => SubmissionStatus, nullable: true }) status: SubmissionStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<ConnectionShape<VenueSubmissionModel>> {
    const page = await this.submissionsService.forVenue(viewer, venue.id, status, { first, after });
    return toConnection(page, (row) => row);
  }

  @ResolveField(() => [LineupEntryModel], {
    description: 'The curated lineup in order; public once published, visible to admins before.',
  })
  async lineup(@Parent() venue: VenueModel, @Ctx() ctx: RequestContext): Promise<LineupEntryModel[]> {
    if (!this.venuesService.canSeeLineup(ctx.viewer, venue as VenueEntity)) return [];
    const entries = await ctx.loaders.venueLineups.load(venue.id);
    return entries.map((submission, index) => ({ position: index + 1, submission }));
  }
}

@Public()
@Resolver(() => VenueEnrollmentModel)
export class VenueEnrollmentResolver {
  @ResolveField(() => VenueModel)
  venue(@Parent() enrollment: VenueEnrollmentModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.venues.load(enrollment.venueId);
  }

  @ResolveField(() => UserModel)
  user(@Parent() enrollment: VenueEnrollmentModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.users.load(enrollment.userId);
  }
}

@Public()
@Resolver(() => VenueSubmissionModel)
export class VenueSubmissionResolver {
  @ResolveField(() => VenueModel)
  venue(@Parent() submission: VenueSubmissionModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.venues.load(submission.venueId);
  }

  /** A submission in a published lineup is public; its order stays visible to its parties and admins only. */
  @ResolveField(() => OrderModel)
  async order(@Parent() submission: VenueSubmissionModel, @Ctx() ctx: RequestContext) {
    const order = await visibleOrder(ctx, submission.orderId);
    if (!order) throw OrdersErrors.notFound();
    return order;
  }

  @ResolveField(() => DeliverableModel)
  deliverable(@Parent() submission: VenueSubmissionModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.deliverablesById.load(submission.deliverableId);
  }

  @ResolveField(() => UserModel)
  submittedBy(@Parent() submission: VenueSubmissionModel, @Ctx() ctx: RequestContext) {
    return ctx.loaders.users.load(submission.submittedByUserId);
  }
}

/** Task.venue: the venue a task's content is made for. */
@Public()
@Resolver(() => TaskModel)
export class TaskVenueResolver {
  @ResolveField(() => VenueModel, { nullable: true })
  venue(@Parent() task: TaskModel, @Ctx() ctx: RequestContext) {
    return task.venueId ? ctx.loaders.venues.load(task.venueId) : null;
  }
}
