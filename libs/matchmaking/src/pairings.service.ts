import { Injectable, Logger } from '@nestjs/common';
import { dealParties, dealPartiesOf, type DealParties } from '@vtask/accounts';
import { Money, Role, type Page, type PageArgs, type TextContext, type Viewer } from '@vtask/core';
import { applyTransition, hasPassed, listPage, timestampKeyset } from '@vtask/database';
import { InvitationsService, TasksService, TaskStatus, type TaskEntity } from '@vtask/marketplace';
import { MatchingService } from '@vtask/matching';
import { moneyParam, NotificationsService, NotificationType, type NotifyCommand } from '@vtask/notifications';
import { isUUID } from 'class-validator';
import { DataSource, In, type EntityManager } from 'typeorm';
import { MatchmakingParticipantEntity } from './entities/matchmaking-participant.entity';
import { MatchmakingSessionEntity } from './entities/matchmaking-session.entity';
import { PairingEntity, type PairingReasons } from './entities/pairing.entity';
import { MatchmakingErrors } from './matchmaking.errors';
import { PAIRING_TRANSITIONS, PairingStatus } from './matchmaking.states';

/** Reasons are written once, at proposal, in each language the console reads (they name no moment). */
const READERS: Record<keyof PairingReasons, TextContext> = {
  en: { locale: 'en', timeZone: 'UTC' },
  'zh-CN': { locale: 'zh-CN', timeZone: 'Asia/Shanghai' },
};

/** Most pairings listed to one merchant or creator in one session. */
const MY_PAIRINGS_MAX = 200;

type Side = 'MERCHANT' | 'CREATOR';

/** The pairings of matchmaking sessions: proposed by the timer, answered by both sides. */
@Injectable()
export class PairingsService {
  private readonly logger = new Logger('Matchmaking');

  constructor(
    private readonly dataSource: DataSource,
    private readonly matching: MatchingService,
    private readonly tasks: TasksService,
    private readonly invitations: InvitationsService,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * The timer at matchingStartsAt: for each joined task still OPEN, its best `pairingsPerTask` joined
   * creators (the matching score and reasons; eligible and not already bidding), and both sides told.
   * Exactly once: one conditional write marks the session proposed; a second instance or a retry waits
   * for the first's row lock and then finds it marked. Returns how many pairings it proposed.
   */
  async propose(sessionId: string): Promise<number> {
    if (!isUUID(sessionId)) return 0;
    const count = await this.dataSource.transaction(async (manager) => {
      // A SELECT over the marking CTE: the answer is the marked rows (none when another run marked it).
      const [session] = await manager.query<{ id: string }[]>(
        `WITH marked AS (
           UPDATE matchmaking_sessions SET pairings_proposed_at = clock_timestamp()
            WHERE id = $1 AND pairings_proposed_at IS NULL
              AND clock_timestamp() >= matching_starts_at AND clock_timestamp() < ends_at
           RETURNING id)
         SELECT id FROM marked`,
        [sessionId],
      );
      if (!session) return 0;
      const marked = await manager.getRepository(MatchmakingSessionEntity).findOneByOrFail({ id: sessionId });
      const joined = await manager
        .getRepository(MatchmakingParticipantEntity)
        .find({ where: { sessionId }, order: { createdAt: 'ASC', id: 'ASC' } });
      const creatorIds = joined.flatMap((row) => (row.creatorId ? [row.creatorId] : []));
      const taskIds = joined.flatMap((row) => (row.taskId ? [row.taskId] : []));
      const tasks = await this.tasks.byIds(taskIds);
      let proposed = 0;
      for (const task of tasks) {
        if (task.status !== TaskStatus.OPEN) continue;
        const matches = await this.matching.rankCreatorsAmong(task.id, creatorIds, marked.pairingsPerTask);
        if (!matches.length) continue;
        const pairings = await manager.getRepository(PairingEntity).save(
          matches.map((match) =>
            manager.create(PairingEntity, {
              sessionId,
              taskId: task.id,
              merchantId: task.merchantId,
              creatorId: match.creator.id,
              score: match.score,
              reasons: {
                en: match.reasons.map((reason) => reason(READERS.en)),
                'zh-CN': match.reasons.map((reason) => reason(READERS['zh-CN'])),
              },
              merchantAccepted: null,
              creatorAccepted: null,
              status: PairingStatus.PROPOSED,
              orderId: null,
            }),
          ),
        );
        const parties = await dealPartiesOf(manager, pairings);
        for (const [index, pairing] of pairings.entries()) {
          await this.tellBoth(manager, marked, task, pairing, parties[index], (to) => ({
            type: NotificationType.MATCHMAKING_PAIRING_PROPOSED,
            extra: { answerBy: marked.endsAt.toISOString() },
            to,
          }));
        }
        proposed += pairings.length;
      }
      return proposed;
    });
    if (count) this.logger.log(`Session ${sessionId}: ${count} pairings proposed`);
    return count;
  }

  /**
   * Either side's answer to a PROPOSED pairing. A "no" ends it (DECLINED); the second "yes" makes the
   * order at the task's budget, as an accepted invitation does, and the pairing MATCHED. The pairing's
   * row lock serializes both sides: when they answer at the same instant, one makes the order.
   */
  async respond(viewer: Viewer, pairingId: string, accept: boolean): Promise<PairingEntity> {
    const side: Side | null = viewer.merchantId ? 'MERCHANT' : viewer.creatorId ? 'CREATOR' : null;
    if (!side || !isUUID(pairingId)) throw MatchmakingErrors.pairingNotFound();
    return this.dataSource.transaction(async (manager) => {
      const pairing = await manager
        .getRepository(PairingEntity)
        .findOne({ where: { id: pairingId }, lock: { mode: 'pessimistic_write' } });
      const mine =
        pairing &&
        (side === 'MERCHANT'
          ? pairing.merchantId === viewer.merchantId
          : pairing.creatorId === viewer.creatorId);
      if (!pairing || !mine) throw MatchmakingErrors.pairingNotFound();
      const session = await manager
        .getRepository(MatchmakingSessionEntity)
        .findOneByOrFail({ id: pairing.sessionId });
      if (pairing.status !== PairingStatus.PROPOSED) {
        if (pairing.status === PairingStatus.EXPIRED) throw MatchmakingErrors.sessionEnded(session.endsAt);
        throw MatchmakingErrors.pairingAnswered(pairing.status);
      }
      if (await hasPassed(manager, session.endsAt)) throw MatchmakingErrors.sessionEnded(session.endsAt);
      const mineColumn = side === 'MERCHANT' ? 'merchantAccepted' : 'creatorAccepted';
      const theirs = side === 'MERCHANT' ? pairing.creatorAccepted : pairing.merchantAccepted;
      if (pairing[mineColumn] !== null) throw MatchmakingErrors.alreadyAnswered();
      const [task] = await this.tasks.byIds([pairing.taskId]);
      const parties = await dealParties(manager, pairing.merchantId, pairing.creatorId);
      const other: Side = side === 'MERCHANT' ? 'CREATOR' : 'MERCHANT';

      if (!accept) {
        const declined = await applyTransition(
          manager,
          PairingEntity,
          PAIRING_TRANSITIONS,
          'DECLINE',
          pairing.id,
          {
            [mineColumn]: false,
          },
        );
        await this.tell(
          manager,
          session,
          task,
          declined,
          parties,
          other,
          NotificationType.MATCHMAKING_PAIRING_DECLINED,
          {},
        );
        return declined;
      }
      if (theirs === true) {
        const order = await this.invitations.awardAgreedSlot(manager, {
          taskId: pairing.taskId,
          creatorId: pairing.creatorId,
          actorUserId: viewer.userId,
        });
        const matched = await applyTransition(
          manager,
          PairingEntity,
          PAIRING_TRANSITIONS,
          'MATCH',
          pairing.id,
          {
            [mineColumn]: true,
            orderId: order.id,
          },
        );
        await this.tellBoth(manager, session, task, matched, parties, (to) => ({
          type: NotificationType.MATCHMAKING_PAIRING_MATCHED,
          extra: {
            price: moneyParam(Money.of(order.priceMinor, order.currency)),
            fundBy: order.fundingDeadline?.toISOString() ?? null,
          },
          to,
        }));
        return matched;
      }
      await manager
        .getRepository(PairingEntity)
        .update({ id: pairing.id, status: PairingStatus.PROPOSED }, { [mineColumn]: true });
      const accepted = await manager.getRepository(PairingEntity).findOneByOrFail({ id: pairing.id });
      await this.tell(
        manager,
        session,
        task,
        accepted,
        parties,
        other,
        NotificationType.MATCHMAKING_PAIRING_ACCEPTED,
        {
          answerBy: session.endsAt.toISOString(),
        },
      );
      return accepted;
    });
  }

  /** The timer at endsAt: every pairing still PROPOSED expires, once, and both sides are told. */
  async expire(sessionId: string): Promise<number> {
    if (!isUUID(sessionId)) return 0;
    return this.dataSource.transaction(async (manager) => {
      const expired = await manager.query<{ id: string }[]>(
        `WITH expired AS (
           UPDATE matchmaking_pairings p SET status = $2
             FROM matchmaking_sessions s
            WHERE p.session_id = s.id AND s.id = $1 AND p.status = ANY($3::pairing_status[])
              AND clock_timestamp() >= s.ends_at
           RETURNING p.id)
         SELECT id FROM expired`,
        [sessionId, PAIRING_TRANSITIONS.to('EXPIRE'), PAIRING_TRANSITIONS.from('EXPIRE')],
      );
      if (!expired.length) return 0;
      const session = await manager
        .getRepository(MatchmakingSessionEntity)
        .findOneByOrFail({ id: sessionId });
      const pairings = await manager
        .getRepository(PairingEntity)
        .findBy({ id: In(expired.map((row) => row.id)) });
      const tasks = new Map(
        (await this.tasks.byIds([...new Set(pairings.map((p) => p.taskId))])).map((t) => [t.id, t]),
      );
      const parties = await dealPartiesOf(manager, pairings);
      for (const [index, pairing] of pairings.entries()) {
        await this.tellBoth(manager, session, tasks.get(pairing.taskId), pairing, parties[index], (to) => ({
          type: NotificationType.MATCHMAKING_PAIRING_EXPIRED,
          extra: {},
          to,
        }));
      }
      return pairings.length;
    });
  }

  /** The viewer's own pairings in the session (as its merchant or its creator), best score first. */
  async mine(viewer: Viewer | null, sessionId: string): Promise<PairingEntity[]> {
    const where = viewer?.merchantId
      ? { sessionId, merchantId: viewer.merchantId }
      : viewer?.creatorId
        ? { sessionId, creatorId: viewer.creatorId }
        : null;
    if (!where) return [];
    return this.dataSource
      .getRepository(PairingEntity)
      .find({ where, order: { score: 'DESC', id: 'ASC' }, take: MY_PAIRINGS_MAX });
  }

  /** A session's pairings, oldest first: every one for admins, otherwise only the viewer's own. */
  async forSession(
    viewer: Viewer | null,
    sessionId: string,
    status: PairingStatus | null,
    page: PageArgs,
  ): Promise<Page<PairingEntity>> {
    const query = this.dataSource
      .getRepository(PairingEntity)
      .createQueryBuilder('p')
      .where('p.session_id = :sessionId', { sessionId });
    if (!viewer) query.andWhere('false');
    else if (viewer.role !== Role.ADMIN) {
      if (viewer.merchantId) query.andWhere('p.merchant_id = :merchantId', { merchantId: viewer.merchantId });
      else if (viewer.creatorId) query.andWhere('p.creator_id = :creatorId', { creatorId: viewer.creatorId });
      else query.andWhere('false');
    }
    if (status) query.andWhere('p.status = :status', { status });
    return listPage(
      query,
      page,
      timestampKeyset<PairingEntity>('p', 'created_at', 'ASC', (row) => row.createdAt),
    );
  }

  async byIds(ids: readonly string[]): Promise<PairingEntity[]> {
    if (!ids.length) return [];
    return this.dataSource.getRepository(PairingEntity).findBy({ id: In([...ids]) });
  }

  /** One notification about a pairing to one side, naming the other. */
  private async tell(
    manager: EntityManager,
    session: MatchmakingSessionEntity,
    task: TaskEntity | undefined,
    pairing: PairingEntity,
    parties: DealParties,
    to: Side,
    type: PairingNotice['type'],
    extra: object,
  ): Promise<void> {
    await this.notifications.notify(manager, {
      userId: to === 'MERCHANT' ? parties.merchantUserId : parties.creatorUserId,
      type,
      params: {
        session: session.name,
        title: task?.title ?? '',
        to,
        shop: parties.shopName,
        handle: parties.handle,
        ...extra,
      },
      taskId: pairing.taskId,
      orderId: pairing.orderId,
      // One shape for five types: each type's own parameters are its `extra` (see PairingNotice).
    } as NotifyCommand);
  }

  private async tellBoth(
    manager: EntityManager,
    session: MatchmakingSessionEntity,
    task: TaskEntity | undefined,
    pairing: PairingEntity,
    parties: DealParties,
    notice: (to: Side) => PairingNotice,
  ): Promise<void> {
    for (const to of ['MERCHANT', 'CREATOR'] as const) {
      const { type, extra } = notice(to);
      await this.tell(manager, session, task, pairing, parties, to, type, extra);
    }
  }
}

interface PairingNotice {
  type:
    | typeof NotificationType.MATCHMAKING_PAIRING_PROPOSED
    | typeof NotificationType.MATCHMAKING_PAIRING_ACCEPTED
    | typeof NotificationType.MATCHMAKING_PAIRING_MATCHED
    | typeof NotificationType.MATCHMAKING_PAIRING_DECLINED
    | typeof NotificationType.MATCHMAKING_PAIRING_EXPIRED;
  extra: object;
  to: Side;
}
