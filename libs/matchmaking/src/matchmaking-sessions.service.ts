import { Injectable } from '@nestjs/common';
import { creatorById, isBigV, TagsService } from '@vtask/accounts';
import {
  type DomainError,
  inputErrors,
  InputErrors,
  Money,
  Role,
  type Page,
  type PageArgs,
  type Viewer,
} from '@vtask/core';
import { listPage, newestFirst, uniqueViolation } from '@vtask/database';
import { TimersService } from '@vtask/jobs';
import { TasksService, TaskStatus } from '@vtask/marketplace';
import { OrdersService, OrderStatus } from '@vtask/orders';
import { isUUID } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { MatchmakingParticipantEntity } from './entities/matchmaking-participant.entity';
import { MatchmakingSessionEntity } from './entities/matchmaking-session.entity';
import { sessionInPhaseSql } from './matchmaking-phase.sql';
import { MatchmakingErrors } from './matchmaking.errors';
import {
  MatchmakingPhase,
  PAIRINGS_PER_TASK_DEFAULT,
  PAIRINGS_PER_TASK_MAX,
  PairingStatus,
} from './matchmaking.states';
import { armSessionTimers } from './matchmaking.timers';

export interface CreateMatchmakingSessionCommand {
  name: string;
  industry: string;
  description?: string | null;
  signupOpensAt: Date;
  matchingStartsAt: Date;
  endsAt: Date;
  pairingsPerTask?: number | null;
}

export interface MatchmakingSessionFilter {
  phase?: MatchmakingPhase | null;
  industry?: string | null;
}

/** A session's figures (SPEC: merchants, creators, pairings proposed and matched, funded value). */
export interface MatchmakingStats {
  merchants: number;
  creators: number;
  pairingsProposed: number;
  pairingsMatched: number;
  /** Price of the matched orders that were funded (and not cancelled since), one entry per currency. */
  fundedValue: Money[];
}

/** Orders whose escrow was funded and still counts: neither waiting for the money nor cancelled. */
const UNFUNDED_OR_CANCELLED: readonly OrderStatus[] = [OrderStatus.AWAITING_FUNDING, OrderStatus.CANCELLED];

/** 定向匹配会: admins create sessions; merchants (with a task) and creators of the industry join them. */
@Injectable()
export class MatchmakingSessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tags: TagsService,
    private readonly tasks: TasksService,
    private readonly orders: OrdersService,
    private readonly timers: TimersService,
  ) {}

  async create(viewer: Viewer, command: CreateMatchmakingSessionCommand): Promise<MatchmakingSessionEntity> {
    if (viewer.role !== Role.ADMIN) throw MatchmakingErrors.adminOnly();
    const problems: DomainError[] = [];
    if (!command.name.trim()) problems.push(MatchmakingErrors.nameMissing());
    const perTask = command.pairingsPerTask ?? PAIRINGS_PER_TASK_DEFAULT;
    if (!Number.isInteger(perTask) || perTask < 1 || perTask > PAIRINGS_PER_TASK_MAX) {
      problems.push(InputErrors.outOfRange('pairingsPerTask', 1, PAIRINGS_PER_TASK_MAX));
    }
    const at = (date: Date) => date.getTime();
    if (!(at(command.signupOpensAt) < at(command.matchingStartsAt))) {
      problems.push(InputErrors.notAfter('matchingStartsAt', 'signupOpensAt'));
    }
    if (!(at(command.matchingStartsAt) < at(command.endsAt))) {
      problems.push(InputErrors.notAfter('endsAt', 'matchingStartsAt'));
    }
    const [industry] = await this.tags.bySlugs([command.industry]);
    if (!industry || industry.parentSlug !== null) {
      problems.push(MatchmakingErrors.industryNotParent(command.industry));
    }
    if (problems.length) throw inputErrors(problems);

    const id = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(MatchmakingSessionEntity).save(
        manager.create(MatchmakingSessionEntity, {
          name: command.name.trim(),
          industry: command.industry,
          description: command.description?.trim() || null,
          signupOpensAt: command.signupOpensAt,
          matchingStartsAt: command.matchingStartsAt,
          endsAt: command.endsAt,
          pairingsPerTask: perTask,
          pairingsProposedAt: null,
          createdByUserId: viewer.userId,
        }),
      );
      // The timers commit with the session: a session never exists without its proposal timer.
      await armSessionTimers(this.timers, manager, saved);
      return saved.id;
    });
    return this.dataSource.getRepository(MatchmakingSessionEntity).findOneByOrFail({ id });
  }

  /** Every session, newest first, optionally in one phase (by the database clock) or of one industry. */
  async search(filter: MatchmakingSessionFilter, page: PageArgs): Promise<Page<MatchmakingSessionEntity>> {
    const query = this.dataSource.getRepository(MatchmakingSessionEntity).createQueryBuilder('s');
    if (filter.industry) query.andWhere('s.industry = :industry', { industry: filter.industry });
    if (filter.phase) query.andWhere(sessionInPhaseSql('s', filter.phase));
    return listPage(query, page, newestFirst<MatchmakingSessionEntity>('s'));
  }

  async find(id: string): Promise<MatchmakingSessionEntity | null> {
    if (!isUUID(id)) return null;
    return this.dataSource.getRepository(MatchmakingSessionEntity).findOneBy({ id });
  }

  async byIds(ids: readonly string[]): Promise<MatchmakingSessionEntity[]> {
    if (!ids.length) return [];
    return this.dataSource.getRepository(MatchmakingSessionEntity).findBy({ id: In([...ids]) });
  }

  /**
   * A merchant joins with one of its OPEN tasks tagged in the industry; a creator (big V) joins with a
   * tag in it. Only during SIGNUP: before it CONFLICT, after it DEADLINE_PASSED, by the database clock.
   */
  async join(viewer: Viewer, sessionId: string, taskId: string | null): Promise<MatchmakingSessionEntity> {
    if (viewer.role !== Role.MERCHANT && viewer.role !== Role.CREATOR) {
      throw MatchmakingErrors.notAParticipantRole();
    }
    const session = await this.find(sessionId);
    if (!session) throw MatchmakingErrors.sessionNotFound();
    const industry = new Set(await this.tags.expand([session.industry]));
    const row = { sessionId: session.id, userId: viewer.userId };
    let participant: Partial<MatchmakingParticipantEntity>;
    if (viewer.merchantId) {
      if (!taskId) throw MatchmakingErrors.taskIdRequired();
      const [task] = isUUID(taskId) ? await this.tasks.byIds([taskId]) : [];
      if (!task || task.merchantId !== viewer.merchantId) throw MatchmakingErrors.taskNotFound();
      if (task.status !== TaskStatus.OPEN) throw MatchmakingErrors.taskNotOpen(task.status);
      if (!task.domainTags.some((tag) => industry.has(tag))) {
        throw MatchmakingErrors.taskNotInIndustry(session.industry);
      }
      participant = { ...row, merchantId: viewer.merchantId, taskId: task.id, creatorId: null };
    } else {
      if (taskId) throw MatchmakingErrors.taskIdForMerchantsOnly();
      const creator = await creatorById(this.dataSource.manager, viewer.creatorId!);
      if (!creator.domainTags.some((tag) => industry.has(tag))) {
        throw MatchmakingErrors.creatorNotInIndustry(session.industry);
      }
      if (!isBigV(creator.tier)) throw MatchmakingErrors.creatorBelowBigV();
      participant = { ...row, merchantId: null, taskId: null, creatorId: creator.id };
    }
    try {
      // The sign-up window is judged and the row written in one statement, at one reading of the
      // database clock: a request racing matchingStartsAt is either in the pairing or refused.
      const [outcome] = await this.dataSource.query<
        { too_early: boolean; too_late: boolean; id: string | null }[]
      >(
        `WITH clock AS (SELECT clock_timestamp() AS at),
              signup AS (
                SELECT s.id, clock.at < s.signup_opens_at AS too_early, clock.at >= s.matching_starts_at AS too_late
                  FROM matchmaking_sessions s, clock WHERE s.id = $1),
              joined AS (
                INSERT INTO matchmaking_participants (session_id, user_id, merchant_id, task_id, creator_id)
                SELECT id, $2, $3, $4, $5 FROM signup WHERE NOT too_early AND NOT too_late
                RETURNING id)
         SELECT signup.too_early, signup.too_late, joined.id FROM signup LEFT JOIN joined ON true`,
        [session.id, viewer.userId, participant.merchantId, participant.taskId, participant.creatorId],
      );
      if (outcome.too_early) throw MatchmakingErrors.signupNotOpen(session.signupOpensAt);
      if (outcome.too_late || !outcome.id) throw MatchmakingErrors.signupClosed(session.matchingStartsAt);
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint?.startsWith('matchmaking_participants_one_per')) throw MatchmakingErrors.alreadyJoined();
      throw error;
    }
    return session;
  }

  /** Whether the user joined each of these sessions (as a merchant with any task, or as a creator). */
  async joinedBy(userId: string, sessionIds: readonly string[]): Promise<Set<string>> {
    if (!sessionIds.length) return new Set();
    const rows = await this.dataSource.getRepository(MatchmakingParticipantEntity).find({
      select: { sessionId: true },
      where: { userId, sessionId: In([...sessionIds]) },
    });
    return new Set(rows.map((row) => row.sessionId));
  }

  /**
   * Each session's figures, for a whole list in two statements (the counts with the matched orders' ids,
   * then those orders), so a page of sessions costs what one session does.
   */
  async statsOf(sessionIds: readonly string[]): Promise<Map<string, MatchmakingStats>> {
    const ids = [...new Set(sessionIds)].filter((id) => isUUID(id));
    if (!ids.length) return new Map();
    const rows = await this.dataSource.query<
      { id: string; merchants: number; creators: number; proposed: number; matched_orders: string[] }[]
    >(
      `SELECT s.id::text AS id,
              (SELECT count(DISTINCT merchant_id)::int FROM matchmaking_participants WHERE session_id = s.id) AS merchants,
              (SELECT count(creator_id)::int FROM matchmaking_participants WHERE session_id = s.id) AS creators,
              (SELECT count(*)::int FROM matchmaking_pairings WHERE session_id = s.id) AS proposed,
              ARRAY(SELECT order_id::text FROM matchmaking_pairings WHERE session_id = s.id AND status = $2) AS matched_orders
         FROM unnest($1::uuid[]) AS s(id)`,
      [ids, PairingStatus.MATCHED],
    );
    const orderIds = rows.flatMap((row) => row.matched_orders.filter((id) => id !== null));
    const orders = new Map((await this.orders.byIds(orderIds)).map((order) => [order.id, order]));
    return new Map(
      rows.map((row) => {
        const totals = new Map<string, Money>();
        for (const orderId of row.matched_orders) {
          const order = orderId === null ? undefined : orders.get(orderId);
          if (!order || UNFUNDED_OR_CANCELLED.includes(order.status)) continue;
          const price = Money.of(order.priceMinor, order.currency);
          const sum = totals.get(order.currency);
          totals.set(order.currency, sum ? sum.add(price) : price);
        }
        const stats: MatchmakingStats = {
          merchants: row.merchants,
          creators: row.creators,
          pairingsProposed: row.proposed,
          pairingsMatched: row.matched_orders.length,
          fundedValue: [...totals.values()],
        };
        return [row.id, stats];
      }),
    );
  }
}
