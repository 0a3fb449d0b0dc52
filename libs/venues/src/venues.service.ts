import { Injectable, Logger } from '@nestjs/common';
import { CreatorTier, TagsService } from '@vtask/accounts';
import {
  type DomainError,
  inputErrors,
  InputErrors,
  Role,
  type Page,
  type PageArgs,
  type Viewer,
} from '@vtask/core';
import { hasPassed, listPage, newestFirst } from '@vtask/database';
import { TimersService } from '@vtask/jobs';
import { NotificationsService, NotificationType } from '@vtask/notifications';
import { isUUID } from 'class-validator';
import { DataSource, In, type EntityManager } from 'typeorm';
import { VenueEnrollmentEntity } from './entities/venue-enrollment.entity';
import { VenueSubmissionEntity } from './entities/venue-submission.entity';
import { VenueEntity } from './entities/venue.entity';
import { venueInPhaseSql } from './venue-phase.sql';
import { VenuesErrors } from './venues.errors';
import { EnrollmentStatus, SubmissionStatus, VenueKind, VenuePhase } from './venues.states';
import { armVenueTimers, DEADLINE_REMINDER_LEAD_SECONDS } from './venues.timers';

export interface CreateVenueCommand {
  name: string;
  kind: VenueKind;
  event: string;
  description?: string | null;
  domainTags?: string[] | null;
  minTier?: CreatorTier | null;
  recruitmentOpensAt: Date;
  recruitmentClosesAt: Date;
  submissionDeadline: Date;
  goLiveAt: Date;
  endsAt: Date;
  capacity: number;
}

export interface VenueFilter {
  phase?: VenuePhase | null;
  kind?: VenueKind | null;
}

export const VENUE_CAPACITY_MAX = 500;

/** Venues, their timelines and their lineups. */
@Injectable()
export class VenuesService {
  private readonly logger = new Logger('Venues');

  constructor(
    private readonly dataSource: DataSource,
    private readonly tags: TagsService,
    private readonly notifications: NotificationsService,
    private readonly timers: TimersService,
  ) {}

  async create(viewer: Viewer, command: CreateVenueCommand): Promise<VenueEntity> {
    requireAdmin(viewer);
    const problems: DomainError[] = [];
    // Lengths are checked on the input; text of spaces only would be saved empty.
    if (!command.name.trim()) problems.push(VenuesErrors.nameMissing());
    if (!command.event.trim()) problems.push(VenuesErrors.eventMissing());
    if (
      !Number.isInteger(command.capacity) ||
      command.capacity < 1 ||
      command.capacity > VENUE_CAPACITY_MAX
    ) {
      problems.push(InputErrors.outOfRange('capacity', 1, VENUE_CAPACITY_MAX));
    }
    problems.push(...timelineProblems(command));
    if (problems.length) throw inputErrors(problems);
    const domainTags = await this.tags.validate(command.domainTags ?? [], 'domainTags', 0, 5);

    const id = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(VenueEntity).save(
        manager.create(VenueEntity, {
          name: command.name.trim(),
          kind: command.kind,
          event: command.event.trim(),
          description: command.description?.trim() || null,
          domainTags,
          minTier: command.minTier ?? CreatorTier.CREATOR,
          recruitmentOpensAt: command.recruitmentOpensAt,
          recruitmentClosesAt: command.recruitmentClosesAt,
          submissionDeadline: command.submissionDeadline,
          goLiveAt: command.goLiveAt,
          endsAt: command.endsAt,
          capacity: command.capacity,
          lineupPublishedAt: null,
          lineupPublishedByUserId: null,
          deadlineReminderSentAt: null,
          createdByUserId: viewer.userId,
        }),
      );
      // The timers commit with the venue: a venue never exists without its go-live timer.
      await armVenueTimers(this.timers, manager, saved);
      return saved.id;
    });
    return this.dataSource.getRepository(VenueEntity).findOneByOrFail({ id });
  }

  /** Every venue, newest first, optionally in one phase (by the database clock) or of one kind. */
  async search(filter: VenueFilter, page: PageArgs): Promise<Page<VenueEntity>> {
    const query = this.dataSource.getRepository(VenueEntity).createQueryBuilder('v');
    if (filter.kind) query.andWhere('v.kind = :kind', { kind: filter.kind });
    if (filter.phase) query.andWhere(venueInPhaseSql('v', filter.phase));
    return listPage(query, page, newestFirst<VenueEntity>('v'));
  }

  async find(id: string): Promise<VenueEntity | null> {
    if (!isUUID(id)) return null;
    return this.dataSource.getRepository(VenueEntity).findOneBy({ id });
  }

  async byIds(ids: readonly string[]): Promise<VenueEntity[]> {
    if (!ids.length) return [];
    return this.dataSource.getRepository(VenueEntity).findBy({ id: In([...ids]) });
  }

  /** For the market (TasksService.useVenueDirectory): the venue's submission deadline, or null if none. */
  async submissionDeadline(manager: EntityManager, venueId: string): Promise<Date | null> {
    if (!isUUID(venueId)) return null;
    const rows = await manager.query<{ submission_deadline: Date }[]>(
      'SELECT submission_deadline FROM venues WHERE id = $1',
      [venueId],
    );
    return rows[0]?.submission_deadline ?? null;
  }

  /** The draft lineup is for admins; once published, the lineup is everyone's. */
  canSeeLineup(viewer: Viewer | null, venue: VenueEntity): boolean {
    return venue.lineupPublishedAt !== null || viewer?.role === Role.ADMIN;
  }

  /** The lineup entries of these venues, in lineup order (positions are their 1-based places). */
  async lineupsOf(venueIds: readonly string[]): Promise<VenueSubmissionEntity[]> {
    if (!venueIds.length) return [];
    return this.dataSource
      .getRepository(VenueSubmissionEntity)
      .createQueryBuilder('s')
      .where('s.venue_id IN (:...venueIds) AND s.lineup_position IS NOT NULL', { venueIds })
      .orderBy('s.venue_id')
      .addOrderBy('s.lineup_position')
      .getMany();
  }

  /**
   * Admin: the lineup, in order, from ACCEPTED submissions of the venue; replaces the draft. Refused
   * once the lineup is published or the venue went live (it is then frozen as it was).
   */
  async setLineup(viewer: Viewer, venueId: string, submissionIds: readonly string[]): Promise<VenueEntity> {
    requireAdmin(viewer);
    const ids = [...submissionIds];
    if (ids.some((id) => !isUUID(id))) throw VenuesErrors.submissionIdsMalformed();
    if (new Set(ids).size !== ids.length) throw VenuesErrors.submissionIdsRepeated();
    await this.dataSource.transaction(async (manager) => {
      const venue = await lockVenue(manager, venueId);
      await assertLineupOpen(manager, venue);
      if (ids.length > venue.capacity) {
        throw VenuesErrors.lineupOverCapacity(venue.capacity);
      }
      const rows = ids.length
        ? await manager.getRepository(VenueSubmissionEntity).findBy({ id: In(ids), venueId: venue.id })
        : [];
      const found = new Map(rows.map((row) => [row.id, row]));
      const unknown = ids.filter((id) => !found.has(id));
      if (unknown.length) {
        throw VenuesErrors.notSubmissionsOfVenue(unknown);
      }
      const notAccepted = rows.filter((row) => row.status !== SubmissionStatus.ACCEPTED);
      if (notAccepted.length) {
        throw VenuesErrors.notAccepted(notAccepted);
      }
      // Under the venue's lock nothing else changes the lineup: clear the draft, then number the new one.
      await manager
        .getRepository(VenueSubmissionEntity)
        .createQueryBuilder()
        .update()
        .set({ lineupPosition: null })
        .where('venue_id = :venueId AND lineup_position IS NOT NULL', { venueId: venue.id })
        .execute();
      if (ids.length) {
        await manager.query(
          `UPDATE venue_submissions s SET lineup_position = entry.position
             FROM unnest($1::uuid[]) WITH ORDINALITY AS entry(id, position)
            WHERE s.id = entry.id AND s.venue_id = $2`,
          [ids, venue.id],
        );
      }
    });
    return this.dataSource.getRepository(VenueEntity).findOneByOrFail({ id: venueId });
  }

  /** Admin: freezes and publishes the lineup, during CURATING (CONFLICT otherwise, or when already published). */
  async publish(viewer: Viewer, venueId: string): Promise<VenueEntity> {
    requireAdmin(viewer);
    await this.dataSource.transaction(async (manager) => {
      // One conditional write decides, by the database clock: before goLiveAt an admin publishes; from
      // goLiveAt only the timer does (autoPublish), so the two never both publish.
      const published = await publishWhere(
        manager,
        venueId,
        viewer.userId,
        'clock.at >= v.submission_deadline AND clock.at < v.go_live_at',
      );
      if (!published) {
        const venue = await manager.getRepository(VenueEntity).findOneBy({ id: venueId });
        if (!venue) throw VenuesErrors.venueNotFound();
        if (venue.lineupPublishedAt) throw VenuesErrors.lineupPublished();
        throw VenuesErrors.notCurating(venue.phase);
      }
      await this.notifyLineup(manager, published);
    });
    return this.dataSource.getRepository(VenueEntity).findOneByOrFail({ id: venueId });
  }

  /**
   * The go-live timer: publishes the lineup as it is, unless someone already did. Idempotent: the
   * conditional write lets one call publish, however many instances or retries run it.
   */
  async autoPublish(venueId: string): Promise<boolean> {
    const venue = await this.dataSource.transaction(async (manager) => {
      const published = await publishWhere(manager, venueId, null, 'clock.at >= v.go_live_at');
      if (published) await this.notifyLineup(manager, published);
      return published;
    });
    if (venue) this.logger.log(`Venue ${venueId} went live: lineup published automatically`);
    return venue !== null;
  }

  /**
   * The reminder timer: VENUE_DEADLINE_SOON to everyone enrolled (pending or approved), once, in the
   * last 24 h before the submission deadline. Returns how many were notified.
   */
  async remindDeadline(venueId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [venue] = await manager.query<
        { id: string; name: string; event: string; submission_deadline: Date }[]
      >(
        `WITH clock AS (SELECT clock_timestamp() AS at),
              marked AS (
                UPDATE venues v SET deadline_reminder_sent_at = clock.at FROM clock
                 WHERE v.id = $1 AND v.deadline_reminder_sent_at IS NULL
                   AND clock.at >= v.submission_deadline - make_interval(secs => $2) AND clock.at < v.submission_deadline
                RETURNING v.id, v.name, v.event, v.submission_deadline)
         SELECT * FROM marked`,
        [venueId, DEADLINE_REMINDER_LEAD_SECONDS],
      );
      if (!venue) return 0;
      const enrolled = await manager.getRepository(VenueEnrollmentEntity).find({
        select: { userId: true },
        where: { venueId, status: In([EnrollmentStatus.PENDING, EnrollmentStatus.APPROVED]) },
      });
      return this.notifications.notifyMany(
        manager,
        enrolled.map((row) => row.userId),
        {
          type: NotificationType.VENUE_DEADLINE_SOON,
          params: {
            venue: venue.name,
            event: venue.event,
            closesAt: venue.submission_deadline.toISOString(),
          },
          venueId,
        },
      );
    });
  }

  private async notifyLineup(manager: EntityManager, venue: PublishedVenue): Promise<void> {
    const entries = await manager
      .getRepository(VenueSubmissionEntity)
      .createQueryBuilder('s')
      .where('s.venue_id = :venueId AND s.lineup_position IS NOT NULL', { venueId: venue.id })
      .orderBy('s.lineup_position')
      .getMany();
    for (const [index, entry] of entries.entries()) {
      await this.notifications.notify(manager, {
        userId: entry.submittedByUserId,
        type: NotificationType.VENUE_LINEUP_PUBLISHED,
        params: { venue: venue.name, event: venue.event, position: index + 1 },
        venueId: venue.id,
        orderId: entry.orderId,
      });
    }
  }
}

interface PublishedVenue {
  id: string;
  name: string;
  event: string;
}

/** Publishes the lineup if it is not yet and `condition` holds at one reading of the clock; null when it did not. */
async function publishWhere(
  manager: EntityManager,
  venueId: string,
  actorUserId: string | null,
  condition: string,
): Promise<PublishedVenue | null> {
  if (!isUUID(venueId)) return null;
  const [row] = await manager.query<PublishedVenue[]>(
    `WITH clock AS (SELECT clock_timestamp() AS at),
          published AS (
            UPDATE venues v SET lineup_published_at = clock.at, lineup_published_by_user_id = $2 FROM clock
             WHERE v.id = $1 AND v.lineup_published_at IS NULL AND ${condition}
            RETURNING v.id, v.name, v.event)
     SELECT * FROM published`,
    [venueId, actorUserId],
  );
  return row ?? null;
}

/**
 * Locks the venue row against other lineup changes (FOR NO KEY UPDATE: submissions, whose foreign key
 * takes KEY SHARE, still go in meanwhile). NOT_FOUND when there is none.
 */
export async function lockVenue(manager: EntityManager, venueId: string): Promise<VenueEntity> {
  const venue = isUUID(venueId)
    ? await manager
        .getRepository(VenueEntity)
        .findOne({ where: { id: venueId }, lock: { mode: 'for_no_key_update' } })
    : null;
  if (!venue) throw VenuesErrors.venueNotFound();
  return venue;
}

/** CONFLICT once the lineup is frozen: published, or the venue went live (the timer publishes it as it was). */
export async function assertLineupOpen(manager: EntityManager, venue: VenueEntity): Promise<void> {
  if (venue.lineupPublishedAt) throw VenuesErrors.lineupPublished();
  if (await hasPassed(manager, venue.goLiveAt)) throw VenuesErrors.venueLive();
}

export function requireAdmin(viewer: Viewer): void {
  if (viewer.role !== Role.ADMIN) throw VenuesErrors.adminOnly();
}

/** recruitmentOpensAt < recruitmentClosesAt <= submissionDeadline <= goLiveAt < endsAt, each break named on its later field. */
function timelineProblems(command: CreateVenueCommand): DomainError[] {
  const problems: DomainError[] = [];
  const at = (date: Date) => date.getTime();
  if (!(at(command.recruitmentOpensAt) < at(command.recruitmentClosesAt))) {
    problems.push(InputErrors.notAfter('recruitmentClosesAt', 'recruitmentOpensAt'));
  }
  if (!(at(command.recruitmentClosesAt) <= at(command.submissionDeadline))) {
    problems.push(InputErrors.notAtOrAfter('submissionDeadline', 'recruitmentClosesAt'));
  }
  if (!(at(command.submissionDeadline) <= at(command.goLiveAt))) {
    problems.push(InputErrors.notAtOrAfter('goLiveAt', 'submissionDeadline'));
  }
  if (!(at(command.goLiveAt) < at(command.endsAt))) problems.push(InputErrors.notAfter('endsAt', 'goLiveAt'));
  return problems;
}
