import { Injectable } from '@nestjs/common';
import { creatorById, meetsTier } from '@vtask/accounts';
import { InputErrors, Role, type Page, type PageArgs, type Viewer } from '@vtask/core';
import {
  applyTransition,
  DB_CLOCK,
  hasPassed,
  listPage,
  timestampKeyset,
  uniqueViolation,
} from '@vtask/database';
import { NotificationsService, NotificationType } from '@vtask/notifications';
import {
  deliverableById,
  deliverablesByIds,
  latestApprovedDeliverable,
  orderById,
  orderIdsOfParty,
  OrderStatus,
  type DeliverableEntity,
} from '@vtask/orders';
import { isUUID } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { VenueEnrollmentEntity } from './entities/venue-enrollment.entity';
import { VenueSubmissionEntity } from './entities/venue-submission.entity';
import { VenueEntity } from './entities/venue.entity';
import { requireParticipantRole } from './venue-enrollments.service';
import { assertLineupOpen, lockVenue, requireAdmin } from './venues.service';
import { VenuesErrors } from './venues.errors';
import {
  EnrollmentStatus,
  SUBMISSION_TRANSITIONS,
  SubmissionDecision,
  SubmissionStatus,
} from './venues.states';

export interface SubmitToVenueCommand {
  venueId: string;
  orderId: string;
  /** Defaults to the order's approved deliverable. */
  deliverableId?: string | null;
}

/** Longest decision reason (the column's length). */
export const SUBMISSION_REASON_MAX_LENGTH = 500;

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Content entered for venues: only what was dealt on the platform, before the submission deadline. */
@Injectable()
export class VenueSubmissionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async submit(viewer: Viewer, command: SubmitToVenueCommand): Promise<VenueSubmissionEntity> {
    requireParticipantRole(viewer);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const venue = await manager.getRepository(VenueEntity).findOneBy({ id: command.venueId });
        if (!venue) throw VenuesErrors.venueNotFound();
        const enrollment = await manager
          .getRepository(VenueEnrollmentEntity)
          .findOneBy({ venueId: venue.id, userId: viewer.userId });
        if (enrollment?.status !== EnrollmentStatus.APPROVED)
          throw VenuesErrors.notApproved(enrollment?.status ?? null);

        const order = await orderById(manager, command.orderId);
        const isParty =
          order !== null &&
          ((viewer.merchantId !== null && order.merchantId === viewer.merchantId) ||
            (viewer.creatorId !== null && order.creatorId === viewer.creatorId));
        if (!order || !isParty) throw VenuesErrors.orderNotFound();
        if (order.status !== OrderStatus.COMPLETED) throw VenuesErrors.orderNotCompleted(order.status);

        const deliverable = command.deliverableId
          ? await deliverableById(manager, command.deliverableId)
          : await latestApprovedDeliverable(manager, order.id);
        if (command.deliverableId && deliverable?.orderId !== order.id)
          throw VenuesErrors.deliverableNotOfOrder();
        if (!deliverable) throw VenuesErrors.noApprovedDeliverable();

        const creator = await creatorById(manager, order.creatorId);
        if (!meetsTier(creator.tier, venue.minTier))
          throw VenuesErrors.orderCreatorBelowMinTier(venue.minTier);

        // The deadline is judged by the database clock in the statement that writes the row, and that
        // reading of the clock is what submittedAt records (truncated, so never rounded up past the
        // deadline): a request racing the deadline is either in, with submittedAt < submissionDeadline,
        // or refused, with nothing written.
        const [outcome] = await manager.query<{ too_late: boolean; id: string | null }[]>(
          `WITH clock AS (SELECT clock_timestamp() AS at),
                deadline AS (SELECT v.id, clock.at, clock.at >= v.submission_deadline AS too_late FROM venues v, clock WHERE v.id = $1),
                submitted AS (
                  INSERT INTO venue_submissions (venue_id, order_id, deliverable_id, submitted_by_user_id, status, submitted_at)
                  SELECT id, $2, $3, $4, 'SUBMITTED', date_trunc('milliseconds', at) FROM deadline WHERE NOT too_late
                  RETURNING id)
           SELECT deadline.too_late, submitted.id FROM deadline LEFT JOIN submitted ON true`,
          [venue.id, order.id, deliverable.id, viewer.userId],
        );
        if (outcome.too_late || !outcome.id)
          throw VenuesErrors.submissionDeadlinePassed(venue.submissionDeadline);
        return manager.getRepository(VenueSubmissionEntity).findOneByOrFail({ id: outcome.id });
      });
    } catch (error) {
      // The partial unique index is the final word on "one submission per order per venue".
      if (uniqueViolation(error) === 'venue_submissions_one_per_order') throw VenuesErrors.alreadySubmitted();
      throw error;
    }
  }

  /** The submitter takes a submission back, until the submission deadline (it leaves the draft lineup). */
  async withdraw(viewer: Viewer, submissionId: string): Promise<VenueSubmissionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const found = isUUID(submissionId)
        ? await manager.getRepository(VenueSubmissionEntity).findOneBy({ id: submissionId })
        : null;
      if (!found || found.submittedByUserId !== viewer.userId) throw VenuesErrors.submissionNotFound();
      const venue = await lockVenue(manager, found.venueId);
      if (await hasPassed(manager, venue.submissionDeadline)) {
        throw VenuesErrors.submissionDeadlinePassed(venue.submissionDeadline);
      }
      return applyTransition(manager, VenueSubmissionEntity, SUBMISSION_TRANSITIONS, 'WITHDRAW', found.id, {
        lineupPosition: null,
      });
    });
  }

  /**
   * Admin: accepts or rejects (with a reason) a submission, and tells the submitter. Rejecting an
   * accepted one takes it out of the draft lineup. Refused once the lineup is frozen.
   */
  async decide(
    viewer: Viewer,
    submissionId: string,
    decision: SubmissionDecision,
    reason: string | null,
  ): Promise<VenueSubmissionEntity> {
    requireAdmin(viewer);
    const why = reason?.trim() || null;
    if (why && why.length > SUBMISSION_REASON_MAX_LENGTH) {
      throw InputErrors.tooLong('reason', SUBMISSION_REASON_MAX_LENGTH);
    }
    if (decision === SubmissionDecision.REJECT && !why) {
      throw VenuesErrors.rejectReasonMissing();
    }
    return this.dataSource.transaction(async (manager) => {
      const found = isUUID(submissionId)
        ? await manager.getRepository(VenueSubmissionEntity).findOneBy({ id: submissionId })
        : null;
      if (!found) throw VenuesErrors.submissionNotFound();
      const venue = await lockVenue(manager, found.venueId);
      await assertLineupOpen(manager, venue);
      const accept = decision === SubmissionDecision.ACCEPT;
      const decided = await applyTransition(
        manager,
        VenueSubmissionEntity,
        SUBMISSION_TRANSITIONS,
        accept ? 'ACCEPT' : 'REJECT',
        found.id,
        {
          reason: why,
          decidedAt: DB_CLOCK,
          decidedByUserId: viewer.userId,
          ...(accept ? {} : { lineupPosition: null }),
        },
      );
      await this.notifications.notify(manager, {
        userId: decided.submittedByUserId,
        ...(accept
          ? {
              type: NotificationType.VENUE_SUBMISSION_ACCEPTED,
              params: { venue: venue.name, event: venue.event, why: why || null },
            }
          : {
              type: NotificationType.VENUE_SUBMISSION_REJECTED,
              params: { venue: venue.name, event: venue.event, why: why ?? '' },
            }),
        venueId: venue.id,
        orderId: decided.orderId,
      });
      return decided;
    });
  }

  /**
   * A venue's submissions, newest first: all of them for admins; otherwise those the viewer submitted
   * or whose order they are the merchant or creator of.
   */
  async forVenue(
    viewer: Viewer | null,
    venueId: string,
    status: SubmissionStatus | null,
    page: PageArgs,
  ): Promise<Page<VenueSubmissionEntity>> {
    const query = this.dataSource
      .getRepository(VenueSubmissionEntity)
      .createQueryBuilder('s')
      .where('s.venue_id = :venueId', { venueId });
    if (!viewer) query.andWhere('false');
    else if (viewer.role !== Role.ADMIN) {
      query.andWhere(
        `(s.submitted_by_user_id = :userId OR s.order_id IN ${orderIdsOfParty(query, {
          // A role without that profile matches nothing: a nil uuid never equals a real id.
          merchantId: viewer.merchantId ?? NIL_UUID,
          creatorId: viewer.creatorId ?? NIL_UUID,
        })})`,
        { userId: viewer.userId },
      );
    }
    if (status) query.andWhere('s.status = :status', { status });
    return listPage(
      query,
      page,
      timestampKeyset<VenueSubmissionEntity>('s', 'submitted_at', 'DESC', (row) => row.submittedAt),
    );
  }

  async byIds(ids: readonly string[]): Promise<VenueSubmissionEntity[]> {
    if (!ids.length) return [];
    return this.dataSource.getRepository(VenueSubmissionEntity).findBy({ id: In([...ids]) });
  }

  /** Deliverables by id, for the submissions that name them. */
  async deliverablesByIds(ids: readonly string[]): Promise<DeliverableEntity[]> {
    if (!ids.length) return [];
    return deliverablesByIds(this.dataSource.manager, ids);
  }
}
