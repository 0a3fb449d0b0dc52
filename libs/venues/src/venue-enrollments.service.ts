import { Injectable } from '@nestjs/common';
import { creatorById, meetsTier } from '@vtask/accounts';
import { Role, type Page, type PageArgs, type Viewer } from '@vtask/core';
import { applyTransition, DB_CLOCK, listPage, timestampKeyset, uniqueViolation } from '@vtask/database';
import { NotificationsService, NotificationType } from '@vtask/notifications';
import { DataSource, In } from 'typeorm';
import { VenueEnrollmentEntity } from './entities/venue-enrollment.entity';
import { VenueEntity } from './entities/venue.entity';
import { requireAdmin } from './venues.service';
import { VenuesErrors } from './venues.errors';
import { ENROLLMENT_TRANSITIONS, EnrollmentStatus } from './venues.states';

/** Merchants and creators enroll in a venue while it recruits; admins approve or reject them. */
@Injectable()
export class VenueEnrollmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async enroll(viewer: Viewer, venueId: string): Promise<VenueEnrollmentEntity> {
    requireParticipantRole(viewer);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const venue = await manager.getRepository(VenueEntity).findOneBy({ id: venueId });
        if (!venue) throw VenuesErrors.venueNotFound();
        if (viewer.creatorId) {
          // A creator below the venue's tier could never submit: say so now, not at the deadline.
          const creator = await creatorById(manager, viewer.creatorId);
          if (!meetsTier(creator.tier, venue.minTier)) throw VenuesErrors.belowMinTier(venue.minTier);
        }
        // The recruitment window is judged and the row written in one statement, at one reading of the
        // database clock: a request racing recruitmentClosesAt is either enrolled or refused.
        const [outcome] = await manager.query<{ too_early: boolean; too_late: boolean; id: string | null }[]>(
          `WITH clock AS (SELECT clock_timestamp() AS at),
                recruitment AS (
                  SELECT v.id, clock.at < v.recruitment_opens_at AS too_early, clock.at >= v.recruitment_closes_at AS too_late
                    FROM venues v, clock WHERE v.id = $1),
                enrolled AS (
                  INSERT INTO venue_enrollments (venue_id, user_id, status)
                  SELECT id, $2, 'PENDING' FROM recruitment WHERE NOT too_early AND NOT too_late
                  RETURNING id)
           SELECT recruitment.too_early, recruitment.too_late, enrolled.id FROM recruitment LEFT JOIN enrolled ON true`,
          [venue.id, viewer.userId],
        );
        if (outcome.too_early) throw VenuesErrors.recruitmentNotOpen(venue.recruitmentOpensAt);
        if (outcome.too_late || !outcome.id) throw VenuesErrors.recruitmentClosed(venue.recruitmentClosesAt);
        return manager.getRepository(VenueEnrollmentEntity).findOneByOrFail({ id: outcome.id });
      });
    } catch (error) {
      if (uniqueViolation(error) === 'venue_enrollments_one_per_user') throw VenuesErrors.alreadyEnrolled();
      throw error;
    }
  }

  /** Admin: approves or rejects a pending enrollment, and tells the user. */
  async decide(viewer: Viewer, enrollmentId: string, approve: boolean): Promise<VenueEnrollmentEntity> {
    requireAdmin(viewer);
    return this.dataSource.transaction(async (manager) => {
      const enrollment = await applyTransition(
        manager,
        VenueEnrollmentEntity,
        ENROLLMENT_TRANSITIONS,
        approve ? 'APPROVE' : 'REJECT',
        enrollmentId,
        { decidedAt: DB_CLOCK, decidedByUserId: viewer.userId },
      );
      const venue = await manager.getRepository(VenueEntity).findOneByOrFail({ id: enrollment.venueId });
      const about = { venue: venue.name, event: venue.event };
      await this.notifications.notify(manager, {
        userId: enrollment.userId,
        ...(approve
          ? {
              type: NotificationType.VENUE_ENROLLMENT_APPROVED,
              params: { ...about, submitBy: venue.submissionDeadline.toISOString() },
            }
          : { type: NotificationType.VENUE_ENROLLMENT_REJECTED, params: about }),
        venueId: venue.id,
      });
      return enrollment;
    });
  }

  /** A venue's enrollments: all of them for admins, otherwise only the viewer's own. Oldest first. */
  async forVenue(
    viewer: Viewer | null,
    venueId: string,
    status: EnrollmentStatus | null,
    page: PageArgs,
  ): Promise<Page<VenueEnrollmentEntity>> {
    const query = this.dataSource
      .getRepository(VenueEnrollmentEntity)
      .createQueryBuilder('e')
      .where('e.venue_id = :venueId', { venueId });
    if (!viewer) query.andWhere('false');
    else if (viewer.role !== Role.ADMIN) query.andWhere('e.user_id = :userId', { userId: viewer.userId });
    if (status) query.andWhere('e.status = :status', { status });
    return listPage(
      query,
      page,
      timestampKeyset<VenueEnrollmentEntity>('e', 'created_at', 'ASC', (row) => row.createdAt),
    );
  }

  async byIds(ids: readonly string[]): Promise<VenueEnrollmentEntity[]> {
    if (!ids.length) return [];
    return this.dataSource.getRepository(VenueEnrollmentEntity).findBy({ id: In([...ids]) });
  }
}

/** Merchants and creators take part in venues; agencies and admins do not. */
export function requireParticipantRole(viewer: Viewer): void {
  if (viewer.role !== Role.MERCHANT && viewer.role !== Role.CREATOR) throw VenuesErrors.notAParticipantRole();
}
