import { Injectable } from '@nestjs/common';
import {
  CreatorsService,
  CreatorTier,
  isBigV,
  TagsService,
  tiersFrom,
  tiersUpTo,
  type CreatorEntity,
} from '@vtask/accounts';
import { pageSize, Role, type CurrencyCode, type Viewer } from '@vtask/core';
import {
  BidStatus,
  InvitationStatus,
  TasksService,
  TaskStatus,
  TaskVisibility,
  type TaskEntity,
} from '@vtask/marketplace';
import { OrderStatus } from '@vtask/orders';
import { DataSource } from 'typeorm';
import {
  creatorMatchReasons,
  taskMatchReasons,
  type MatchFacts,
  type MatchReason,
  type TrackFact,
  type TagNames,
} from './match-reasons';
import { num, partColumnsSql, scoreSql, tierRankSql } from './match-score.sql';
import { MATCH_TUNING } from './match-weights';
import { MatchingErrors } from './matching.errors';
import { SqlParams } from './sql-params';
import { creatorTagPlan, taskTagPlan, type TagTree } from './tag-match';

export interface CreatorMatch {
  creator: CreatorEntity;
  /** 0 to 1, higher is a better fit. */
  score: number;
  /** Written for a reader (the API words them in the request's language). */
  reasons: MatchReason[];
}

export interface TaskMatch {
  task: TaskEntity;
  score: number;
  reasons: MatchReason[];
}

/** A creator asked already: a pending invitation, or one they answered (expired ones may be asked again). */
const INVITED: readonly InvitationStatus[] = [
  InvitationStatus.PENDING,
  InvitationStatus.ACCEPTED,
  InvitationStatus.DECLINED,
];

/**
 * A creator who bid already: a pending bid, one the merchant rejected, or one the creator withdrew
 * (each side has answered; an expired bid only ran out of time and may be asked again).
 */
const BID: readonly BidStatus[] = [BidStatus.PENDING, BidStatus.REJECTED, BidStatus.WITHDRAWN];

/** The match profile's track record columns, each ranked row carries them (for its reasons). */
const TRACK_RECORD_COLUMNS = [
  'completed_orders',
  'on_time_orders',
  'rating_count',
  'rating_sum',
  'cancelled_orders',
  'late_deliveries',
  'ended_retentions',
  'breached_retentions',
  'verified_orders',
] as const;

const trackRecordColumns = (alias: string | null): string =>
  TRACK_RECORD_COLUMNS.map((column) => (alias ? `${alias}.${column}` : column)).join(', ');

/** Track record and price columns every ranked row carries (for its reasons). */
interface RankedRow {
  id: string;
  score: number;
  completed_orders: number | null;
  on_time_orders: number | null;
  rating_count: number | null;
  rating_sum: number | null;
  cancelled_orders: number | null;
  late_deliveries: number | null;
  ended_retentions: number | null;
  breached_retentions: number | null;
  verified_orders: number | null;
  low_minor: string | null;
  typical_minor: string | null;
  high_minor: string | null;
}

interface CreatorRow extends RankedRow {
  tier: CreatorTier;
  domain_tags: string[];
  channels: string[];
  follower_count: number;
}

interface TaskRow extends RankedRow {
  domain_tags: string[];
  channels: string[];
  min_tier: CreatorTier;
  currency: CurrencyCode;
  budget_minor: string;
}

/**
 * Matching (千人千面): creators ranked for a task, open tasks ranked for a creator. Both rank inside
 * PostgreSQL in one query: eligibility and the task's tags pick the candidates (for creators, an
 * index-only scan of creator_match_tags; for tasks, a GIN `&&`), every candidate is scored
 * (match-score.sql.ts, weights in match-weights.ts), and only the best `first` come back, with their
 * reasons written here.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tags: TagsService,
    private readonly tasks: TasksService,
    private readonly creators: CreatorsService,
  ) {}

  /** For the task's merchant and admins: eligible big-V creators not yet bidding, invited or booked on it. */
  async recommendedCreators(viewer: Viewer, taskId: string, first?: number | null): Promise<CreatorMatch[]> {
    const size = pageSize(first);
    const task = await this.tasks.findVisible(viewer, taskId);
    if (!task) throw MatchingErrors.taskNotFound();
    if (viewer.role !== Role.ADMIN && task.merchantId !== viewer.merchantId)
      throw MatchingErrors.notYourTask();
    return this.rankCreators(task, size, null);
  }

  /**
   * For a matchmaking session (定向匹配会): the best `first` of these creators for the task, ranked and
   * explained as recommendedCreators does, with the same eligibility (big V, the task's minTier, not
   * already bidding, invited or booked on it). Empty for a task that does not exist.
   */
  async rankCreatorsAmong(
    taskId: string,
    creatorIds: readonly string[],
    first: number,
  ): Promise<CreatorMatch[]> {
    const task = (await this.tasks.byIds([taskId]))[0];
    if (!task || !creatorIds.length) return [];
    return this.rankCreators(task, first, creatorIds);
  }

  /** Creators ranked for the task, all of them or only `among` these. */
  private async rankCreators(
    task: TaskEntity,
    size: number,
    among: readonly string[] | null,
  ): Promise<CreatorMatch[]> {
    const tiers = tiersFrom(task.minTier).filter(isBigV);
    if (!size || !tiers.length) return [];

    const [tree, names] = await Promise.all([this.tagTree(), this.tagNames()]);
    const plan = taskTagPlan(tree, task.domainTags);
    const p = new SqlParams();
    const taskIdParam = p.add(task.id, 'uuid');
    const narrow = p.add(plan.narrow, 'varchar[]');
    const eligibleTiers = p.add(tiers, 'creator_tier[]');
    const limit = p.add(size, 'int');
    // One task tag without a parent (a whole category): every on-topic candidate covers it fully, so
    // the flag says it all and the largest candidate sets skip an array overlap per row.
    const onlyFull = plan.perTag.length === 1 && !plan.perTag[0].partial.length;
    const tagPart = onlyFull
      ? 'CASE WHEN c.is_topical THEN 1::float8 ELSE 0::float8 END'
      : plan.perTag
          .map(({ full, partial }) => {
            const parent = partial.length
              ? `WHEN c.domain_tags && ${p.add(partial, 'varchar[]')} THEN ${num(MATCH_TUNING.parentTagCredit)}`
              : '';
            return `CASE WHEN c.domain_tags && ${p.add(full, 'varchar[]')} THEN 1::float8 ${parent} ELSE 0::float8 END`;
          })
          .join(' + ');
    const channelPart = task.channels.length
      ? `(${task.channels.map((channel) => `(${p.add(channel, 'channel')} = ANY(c.channels))::int`).join(' + ')})::float8 / ${num(task.channels.length)}`
      : '0::float8';
    const currency = p.add(task.currency, 'currency_code');
    const parts = partColumnsSql({
      topical: 'c.is_topical',
      tagPart: onlyFull ? tagPart : `(${tagPart}) / ${num(plan.perTag.length)}`,
      tierGap: `${tierRankSql('c.tier')} - ${tierRankSql(p.add(task.minTier, 'creator_tier'))}`,
      channelPart,
      typicalPrice: `c.price_typical_minor[array_position(c.price_currencies, ${currency})]`,
      budget: p.add(task.budgetMinor.toString(), 'bigint'),
      audiencePart: 'c.audience_part',
      trackPart: 'c.track_part',
    });
    const notExcluded = 'c.creator_id NOT IN (SELECT creator_id FROM excluded)';
    // The literal `tier <> 'ORDINARY'` lets the planner use the partial (big-V) GIN index.
    const eligible = `c.tier <> '${CreatorTier.ORDINARY}' AND c.tier = ANY(${eligibleTiers}) AND ${notExcluded}`;
    // On topic: every creator of the task's tags from the covering index of creator_match_tags (one row
    // per big-V creator and tag, counted at the first of its tags the task asks for), or only `among`.
    const amongIds = among ? p.add([...among], 'uuid[]') : null;
    const onTopic = amongIds
      ? `creator_match_profiles c
          WHERE c.creator_id = ANY(${amongIds}) AND c.domain_tags && ${narrow} AND ${eligible}`
      : `creator_match_tags c
          WHERE c.tag = ANY(${narrow}) AND c.tier = ANY(${eligibleTiers})
            AND NOT (c.domain_tags[1:c.tag_position - 1] && ${narrow}) AND ${notExcluded}`;
    const offTopicOnly = amongIds ? ` AND c.creator_id = ANY(${amongIds})` : '';
    const columns =
      'c.creator_id, c.tier, c.domain_tags, c.channels, c.follower_count, c.audience_part, c.track_part, c.price_currencies, c.price_typical_minor';
    const rows: CreatorRow[] = await this.dataSource.query(
      `WITH excluded AS (
         SELECT creator_id FROM bids WHERE task_id = ${taskIdParam} AND status = ANY(${p.add(BID, 'bid_status[]')})
         UNION SELECT creator_id FROM invitations
                WHERE task_id = ${taskIdParam} AND status = ANY(${p.add(INVITED, 'invitation_status[]')})
         UNION SELECT creator_id FROM orders WHERE task_id = ${taskIdParam} AND status <> '${OrderStatus.CANCELLED}'
       ), on_topic AS (
         SELECT ${columns} FROM ${onTopic}
       ), candidates AS (
         SELECT *, true AS is_topical FROM on_topic
         UNION ALL
         -- Off-topic creators only fill a list with too few on-topic ones: a bounded probe decides, once.
         SELECT ${columns}, false FROM creator_match_profiles c
          WHERE (SELECT count(*) FROM (SELECT 1 FROM on_topic LIMIT ${limit}) enough) < ${limit}
            AND NOT (c.domain_tags && ${narrow}) AND ${eligible}${offTopicOnly}
       ), parts AS (
         SELECT c.creator_id AS id, c.tier, c.domain_tags, c.channels::text[] AS channels, c.follower_count,
                ${parts}
           FROM candidates c
         OFFSET 0 -- computes each part once (see scoreSql)
       ), ranked AS (
         SELECT id, tier, domain_tags, channels, follower_count, track_part, ${scoreSql()} AS score
           FROM parts
          ORDER BY score DESC, track_part DESC, follower_count DESC, id
          LIMIT ${limit}
       )
       -- Only the ranked few read their profile: the track record and prices their reasons quote.
       SELECT r.id, r.tier, r.domain_tags, r.channels, r.follower_count, r.score, ${trackRecordColumns('m')},
              m.price_low_minor[array_position(m.price_currencies, ${currency})]::text AS low_minor,
              m.price_typical_minor[array_position(m.price_currencies, ${currency})]::text AS typical_minor,
              m.price_high_minor[array_position(m.price_currencies, ${currency})]::text AS high_minor
         FROM ranked r JOIN creator_match_profiles m ON m.creator_id = r.id
        ORDER BY r.score DESC, r.track_part DESC, r.follower_count DESC, r.id`,
      p.values,
    );

    const byId = new Map((await this.creators.findByIds(rows.map((row) => row.id))).map((c) => [c.id, c]));
    return rows.flatMap((row) => {
      const creator = byId.get(row.id);
      if (!creator) return [];
      const facts: MatchFacts = {
        ...trackFacts(row),
        taskTags: task.domainTags,
        taskChannels: task.channels,
        minTier: task.minTier,
        budgetMinor: task.budgetMinor,
        currency: task.currency,
        creatorTags: row.domain_tags,
        creatorChannels: row.channels,
        tier: row.tier,
        followers: row.follower_count,
      };
      return [{ creator, score: row.score, reasons: creatorMatchReasons(tree, facts, names) }];
    });
  }

  /**
   * For the signed-in creator: OPEN public tasks still taking bids, whose minTier they meet, that they
   * are not already bidding on, invited to or booked on. Empty for a creator below big V.
   */
  async recommendedTasks(viewer: Viewer, first?: number | null): Promise<TaskMatch[]> {
    const size = pageSize(first);
    if (!viewer.creatorId) throw MatchingErrors.notACreator();
    const me = await this.creators.findById(viewer.creatorId);
    if (!size || !isBigV(me.tier)) return [];

    const [tree, names] = await Promise.all([this.tagTree(), this.tagNames()]);
    const plan = creatorTagPlan(tree, me.domainTags);
    const p = new SqlParams();
    const creatorId = p.add(me.id, 'uuid');
    const narrow = p.add(plan.narrow, 'varchar[]');
    const limit = p.add(size, 'int');
    const parts = partColumnsSql({
      topical: 't.is_topical',
      tagPart: `(SELECT coalesce(sum(CASE WHEN x = ANY(${p.add(plan.full, 'varchar[]')}) THEN 1::float8
                   WHEN x = ANY(${p.add(plan.partial, 'varchar[]')}) THEN ${num(MATCH_TUNING.parentTagCredit)} ELSE 0::float8 END), 0)
                   FROM unnest(t.domain_tags) x) / GREATEST(cardinality(t.domain_tags), 1)`,
      tierGap: `${tierRankSql('m.tier')} - ${tierRankSql('t.min_tier')}`,
      channelPart: `(SELECT count(*) FROM unnest(t.channels) ch WHERE ch = ANY(m.channels))::float8
                    / GREATEST(cardinality(t.channels), 1)`,
      typicalPrice: 'm.price_typical_minor[array_position(m.price_currencies, t.currency)]',
      budget: 't.budget_minor',
      audiencePart: 'm.audience_part',
      trackPart: 'm.track_part',
    });
    const columns = 't.id, t.domain_tags, t.channels, t.min_tier, t.currency, t.budget_minor, t.apply_by';
    // The literals let the planner use the partial GIN index of open public tasks (migration MatchCandidates).
    const open = `t.status = '${TaskStatus.OPEN}' AND t.visibility = '${TaskVisibility.PUBLIC}'
            AND t.apply_by > now() AND t.slots_filled < t.slots
            AND t.min_tier = ANY(${p.add(tiersUpTo(me.tier), 'creator_tier[]')})
            AND t.id NOT IN (SELECT task_id FROM taken)`;
    const rows: TaskRow[] = await this.dataSource.query(
      `WITH taken AS (
         SELECT task_id FROM bids WHERE creator_id = ${creatorId} AND status = ANY(${p.add(BID, 'bid_status[]')})
         UNION SELECT task_id FROM invitations
                WHERE creator_id = ${creatorId} AND status = ANY(${p.add(INVITED, 'invitation_status[]')})
         -- An order booked from an offer has no task.
         UNION SELECT task_id FROM orders
                WHERE creator_id = ${creatorId} AND status <> '${OrderStatus.CANCELLED}' AND task_id IS NOT NULL
       ), on_topic AS (
         SELECT ${columns} FROM tasks t WHERE t.domain_tags && ${narrow} AND ${open}
       ), candidates AS (
         SELECT *, true AS is_topical FROM on_topic
         UNION ALL
         -- Off-topic tasks only fill a list with too few on-topic ones: a bounded probe decides, once.
         SELECT ${columns}, false FROM tasks t
          WHERE (SELECT count(*) FROM (SELECT 1 FROM on_topic LIMIT ${limit}) enough) < ${limit}
            AND NOT (t.domain_tags && ${narrow}) AND ${open}
       ), parts AS (
         SELECT t.id, t.domain_tags, t.channels::text[] AS channels, t.min_tier, t.currency, t.budget_minor, t.apply_by,
                ${trackRecordColumns('m')},
                m.price_low_minor[array_position(m.price_currencies, t.currency)]::text AS low_minor,
                m.price_typical_minor[array_position(m.price_currencies, t.currency)]::text AS typical_minor,
                m.price_high_minor[array_position(m.price_currencies, t.currency)]::text AS high_minor,
                ${parts}
           FROM candidates t CROSS JOIN creator_match_profiles m
          WHERE m.creator_id = ${creatorId}
         OFFSET 0 -- computes each part once (see scoreSql)
       )
       SELECT *, ${scoreSql()} AS score FROM parts
        ORDER BY score DESC, budget_minor DESC, apply_by, id
        LIMIT ${limit}`,
      p.values,
    );

    const byId = new Map((await this.tasks.byIds(rows.map((row) => row.id))).map((task) => [task.id, task]));
    return rows.flatMap((row) => {
      const task = byId.get(row.id);
      if (!task) return [];
      const facts: MatchFacts = {
        ...trackFacts(row),
        taskTags: row.domain_tags,
        taskChannels: row.channels,
        minTier: row.min_tier,
        budgetMinor: BigInt(row.budget_minor),
        currency: row.currency,
        creatorTags: me.domainTags,
        creatorChannels: me.channels,
        tier: me.tier,
        followers: me.followerCount,
      };
      return [{ task, score: row.score, reasons: taskMatchReasons(tree, facts, names) }];
    });
  }

  private async tagTree(): Promise<TagTree> {
    return new Map((await this.tags.all()).map((tag) => [tag.slug, tag.parentSlug]));
  }

  /** Tags by their names in the reader's language (the taxonomy names each in Chinese and English). */
  private async tagNames(): Promise<TagNames> {
    const bySlug = new Map(
      (await this.tags.all()).map((tag) => [tag.slug, { en: tag.nameEn, zh: tag.nameZh }]),
    );
    return (slug, locale) => {
      const names = bySlug.get(slug);
      return names ? (locale === 'en' ? names.en : names.zh) : slug;
    };
  }
}

function trackFacts(row: RankedRow): Pick<MatchFacts, TrackFact | 'price'> {
  return {
    completed: row.completed_orders ?? 0,
    onTime: row.on_time_orders ?? 0,
    ratingCount: row.rating_count ?? 0,
    ratingSum: row.rating_sum ?? 0,
    cancelled: row.cancelled_orders ?? 0,
    late: row.late_deliveries ?? 0,
    endedRetentions: row.ended_retentions ?? 0,
    breachedRetentions: row.breached_retentions ?? 0,
    verifiedOrders: row.verified_orders ?? 0,
    price:
      row.typical_minor === null
        ? null
        : {
            low: BigInt(row.low_minor!),
            typical: BigInt(row.typical_minor),
            high: BigInt(row.high_minor!),
          },
  };
}
