import { CHANNEL_NAMES, type CreatorTier } from '@vtask/accounts';
import { CurrencyCode, Money, type Locale, type ReaderText } from '@vtask/core';
import { tagCoverage, type TagTree } from './tag-match';

/** What a match's reasons are written from: one creator and one task, as ranked. */
export interface MatchFacts {
  taskTags: readonly string[];
  taskChannels: readonly string[];
  minTier: CreatorTier;
  budgetMinor: bigint;
  currency: CurrencyCode;
  creatorTags: readonly string[];
  creatorChannels: readonly string[];
  tier: CreatorTier;
  followers: number;
  completed: number;
  onTime: number;
  ratingCount: number;
  ratingSum: number;
  /** Orders the creator cancelled or dropped (missed deliverBy), in any status. */
  cancelled: number;
  /** Orders whose first delivery came after deliverBy, in any status. */
  late: number;
  /** Retention windows that ended, and those BREACHED (content down, or never published). */
  endedRetentions: number;
  breachedRetentions: number;
  /** Completed orders with figures the platform counted. */
  verifiedOrders: number;
  /** The creator's usual prices in the task's currency (null without any). */
  price: { low: bigint; high: bigint; typical: bigint } | null;
}

/** The facts of the match profile's track record. */
export type TrackFact =
  | 'completed'
  | 'onTime'
  | 'ratingCount'
  | 'ratingSum'
  | 'cancelled'
  | 'late'
  | 'endedRetentions'
  | 'breachedRetentions'
  | 'verifiedOrders';

/** One reason a match fits, written for its reader (their language; tags, tiers and channels by name). */
export type MatchReason = ReaderText;

/** A tag's name in a language (its slug when the taxonomy does not name it). */
export type TagNames = (slug: string, locale: Locale) => string;

/** Tags named by their slugs: for callers without the taxonomy's names. */
export const SLUGS_AS_NAMES: TagNames = (slug) => slug;

type Words = Record<Locale, string>;

/** The console's names of tiers and channels (apps/web i18n enums), so a reason never shows a code. */
const TIER_NAMES: Record<string, Words> = {
  ORDINARY: { en: 'Ordinary', 'zh-CN': '普通达人' },
  CREATOR: { en: 'Creator', 'zh-CN': '大V达人' },
  EXPERT: { en: 'Expert', 'zh-CN': '资深达人' },
  CELEBRITY: { en: 'Celebrity', 'zh-CN': '明星达人' },
};

const nameIn = (table: Record<string, Words>, code: string, locale: Locale) => table[code]?.[locale] ?? code;

/** A list for a reader: "a, b" in English, "a、b" in Chinese. */
const list = (items: readonly string[], locale: Locale) => items.join(locale === 'en' ? ', ' : '、');

/** A reason with its English and Chinese wording. */
const reason =
  (en: (locale: Locale) => string, zh: (locale: Locale) => string): MatchReason =>
  (reader) =>
    reader.locale === 'en' ? en('en') : zh('zh-CN');

/** Why a creator fits a task, in words a merchant understands. */
export function creatorMatchReasons(
  tree: TagTree,
  facts: MatchFacts,
  names: TagNames = SLUGS_AS_NAMES,
): MatchReason[] {
  const reasons = tagReasons(tree, facts, names, {
    viaParent: (tag, parent) =>
      reason(
        (l) => `covers ${names(parent, l)}, the parent of ${names(tag, l)}`,
        (l) => `擅长「${names(parent, l)}」，涵盖「${names(tag, l)}」`,
      ),
    noneShared: (asked) =>
      reason(
        (l) => `no shared tags (the task asks for ${asked(l)})`,
        (l) => `没有相同的领域标签（任务要求：${asked(l)}）`,
      ),
  });
  reasons.push(tierReason(facts));
  reasons.push(priceReason(facts));
  reasons.push(...trackReasons(facts));
  reasons.push(channelReason(facts, 'publishes on', '发布渠道：'));
  reasons.push(
    reason(
      () => `${formatCount(facts.followers)} followers`,
      () => `粉丝 ${formatCountZh(facts.followers)}`,
    ),
  );
  return reasons;
}

/** Why a task fits the signed-in creator, in their words. */
export function taskMatchReasons(
  tree: TagTree,
  facts: MatchFacts,
  names: TagNames = SLUGS_AS_NAMES,
): MatchReason[] {
  const reasons = tagReasons(tree, facts, names, {
    viaParent: (tag, parent) =>
      reason(
        (l) => `asks for ${names(tag, l)}, within your ${names(parent, l)}`,
        (l) => `任务要求「${names(tag, l)}」，属于你擅长的「${names(parent, l)}」`,
      ),
    noneShared: (asked) =>
      reason(
        (l) => `outside your tags (the task asks for ${asked(l)})`,
        (l) => `不在你的领域标签内（任务要求：${asked(l)}）`,
      ),
  });
  reasons.push(tierReason(facts));
  const budget = formatMoney(facts.budgetMinor, facts.currency);
  const budgetZh = formatMoneyZh(facts.budgetMinor, facts.currency);
  const price = facts.price;
  reasons.push(
    reason(
      () =>
        price
          ? `budget ${budget} per slot; you usually charge ${priceRange(price, facts.currency)}`
          : `budget ${budget} per slot`,
      () =>
        price
          ? `每个名额预算 ${budgetZh}；你通常报价 ${priceRangeZh(price, facts.currency)}`
          : `每个名额预算 ${budgetZh}`,
    ),
  );
  reasons.push(channelReason(facts, 'on your channels', '你的渠道：'));
  return reasons;
}

/**
 * The reasons about tags, the same for both directions but for two wordings: shared tags, tags covered
 * through their parent, or none in common (naming what the task asks for).
 */
function tagReasons(
  tree: TagTree,
  facts: MatchFacts,
  names: TagNames,
  wording: {
    viaParent: (tag: string, parent: string) => MatchReason;
    noneShared: (asked: (locale: Locale) => string) => MatchReason;
  },
): MatchReason[] {
  const tags = (slugs: readonly string[], locale: Locale) =>
    list(
      slugs.map((slug) => names(slug, locale)),
      locale,
    );
  const reasons: MatchReason[] = [];
  const coverage = tagCoverage(tree, facts.taskTags, facts.creatorTags);
  if (coverage.shared.length) reasons.push(sharedTags(coverage.shared, tags));
  for (const { tag, parent } of coverage.viaParent) reasons.push(wording.viaParent(tag, parent));
  if (!coverage.shared.length && !coverage.viaParent.length) {
    reasons.push(wording.noneShared((locale) => tags(facts.taskTags, locale)));
  }
  return reasons;
}

function sharedTags(
  shared: readonly string[],
  tags: (slugs: readonly string[], locale: Locale) => string,
): MatchReason {
  return reason(
    (l) => `shares tags ${tags(shared, l)}`,
    (l) => `领域匹配：${tags(shared, l)}`,
  );
}

function tierReason(facts: MatchFacts): MatchReason {
  return reason(
    (l) => `tier ${nameIn(TIER_NAMES, facts.tier, l)} meets ${nameIn(TIER_NAMES, facts.minTier, l)}`,
    (l) => `等级「${nameIn(TIER_NAMES, facts.tier, l)}」满足「${nameIn(TIER_NAMES, facts.minTier, l)}」要求`,
  );
}

function priceReason(facts: MatchFacts): MatchReason {
  const price = facts.price;
  if (!price)
    return reason(
      () => 'no price history yet',
      () => '暂无报价记录',
    );
  const range = priceRange(price, facts.currency);
  const rangeZh = priceRangeZh(price, facts.currency);
  if (price.typical <= facts.budgetMinor) {
    return reason(
      () => `price fit: usually ${range}`,
      () => `价格合适：通常报价 ${rangeZh}`,
    );
  }
  return reason(
    () => `usually ${range}, above the ${formatMoney(facts.budgetMinor, facts.currency)} budget`,
    () => `通常报价 ${rangeZh}，高于预算 ${formatMoneyZh(facts.budgetMinor, facts.currency)}`,
  );
}

function trackReasons(facts: MatchFacts): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (!facts.completed && !facts.ratingCount) {
    reasons.push(
      reason(
        () => 'no completed orders yet',
        () => '暂无已完成订单',
      ),
    );
    return [...reasons, ...reliabilityReasons(facts)];
  }
  if (facts.completed) {
    reasons.push(
      reason(
        () => `on time ${facts.onTime}/${facts.completed}`,
        () => `按时交付 ${facts.onTime}/${facts.completed}`,
      ),
    );
    reasons.push(
      reason(
        () => `${facts.completed} completed order${facts.completed === 1 ? '' : 's'}`,
        () => `已完成 ${facts.completed} 单`,
      ),
    );
  }
  if (facts.ratingCount) {
    const average = Math.round((facts.ratingSum / facts.ratingCount) * 10) / 10;
    reasons.push(
      reason(
        () => `rated ${average} from ${facts.ratingCount} review${facts.ratingCount === 1 ? '' : 's'}`,
        () => `评分 ${average}（${facts.ratingCount} 条评价）`,
      ),
    );
  }
  return [...reasons, ...evidenceReasons(facts), ...reliabilityReasons(facts)];
}

/** Verified results, which rank above reported ones: said whenever the creator has any. */
function evidenceReasons(facts: MatchFacts): MatchReason[] {
  if (!facts.verifiedOrders) return [];
  const { verifiedOrders: verified, completed } = facts;
  return [
    reason(
      () =>
        `verified results (tracking-link clicks and sales) on ${verified} of ${completed} completed order${completed === 1 ? '' : 's'}`,
      () => `平台核实效果（追踪链接点击与成交）：${verified}/${completed} 单`,
    ),
  ];
}

/**
 * What lowers the track record, in numbers a merchant can check on the creator's profile; a clean
 * record with history says so, as that is what the ranking rewarded.
 */
function reliabilityReasons(facts: MatchFacts): MatchReason[] {
  const reasons: MatchReason[] = [];
  const taken = facts.completed + facts.cancelled;
  if (facts.cancelled) {
    reasons.push(
      reason(
        () => `cancelled ${facts.cancelled} of ${taken} order${taken === 1 ? '' : 's'}`,
        () => `取消过 ${facts.cancelled}/${taken} 单`,
      ),
    );
  }
  if (facts.late) {
    reasons.push(
      reason(
        () => `delivered late on ${facts.late} order${facts.late === 1 ? '' : 's'}`,
        () => `逾期交付 ${facts.late} 单`,
      ),
    );
  }
  if (facts.breachedRetentions) {
    reasons.push(
      reason(
        () =>
          `content not kept up for the agreed time on ${facts.breachedRetentions} of ${facts.endedRetentions} order${facts.endedRetentions === 1 ? '' : 's'}`,
        () => `${facts.breachedRetentions}/${facts.endedRetentions} 单内容未按约保留`,
      ),
    );
  }
  if (!reasons.length && facts.completed) {
    reasons.push(
      reason(
        () => 'reliable: no cancellations, late deliveries or takedowns',
        () => '履约可靠：无取消、逾期或下架',
      ),
    );
  }
  return reasons;
}

function channelReason(facts: MatchFacts, leadEn: string, leadZh: string): MatchReason {
  const shared = facts.taskChannels.filter((channel) => facts.creatorChannels.includes(channel));
  const channels = (codes: readonly string[], locale: Locale) =>
    list(
      codes.map((code) => nameIn(CHANNEL_NAMES, code, locale)),
      locale,
    );
  if (shared.length) {
    return reason(
      (l) => `${leadEn} ${channels(shared, l)}`,
      (l) => `${leadZh}${channels(shared, l)}`,
    );
  }
  return reason(
    (l) => `none of the task's channels (${channels(facts.taskChannels, l)})`,
    (l) => `不在任务的渠道内（${channels(facts.taskChannels, l)}）`,
  );
}

function priceRange(price: { low: bigint; high: bigint }, currency: CurrencyCode): string {
  if (price.low === price.high) return formatMoney(price.low, currency);
  return `${formatAmount(price.low, currency)}-${formatMoney(price.high, currency)}`;
}

function priceRangeZh(price: { low: bigint; high: bigint }, currency: CurrencyCode): string {
  if (price.low === price.high) return formatMoneyZh(price.low, currency);
  return `${formatMoneyZh(price.low, currency)}-${formatAmount(price.high, currency)}`;
}

/** "1,100 CNY", or "900.50 CNY" when there are cents. */
export function formatMoney(minor: bigint, currency: CurrencyCode): string {
  return `${formatAmount(minor, currency)} ${currency}`;
}

/** "¥1,100" for yuan, "900.50 USD" otherwise. */
export function formatMoneyZh(minor: bigint, currency: CurrencyCode): string {
  return currency === CurrencyCode.CNY ? `¥${formatAmount(minor, currency)}` : formatMoney(minor, currency);
}

function formatAmount(minor: bigint, currency: CurrencyCode): string {
  const [whole, fraction] = Money.of(minor, currency).toDecimal().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction && /[1-9]/.test(fraction) ? `${grouped}.${fraction}` : grouped;
}

/** 950, 12,300, 1.2M. */
export function formatCount(count: number): string {
  if (count >= 1_000_000) return `${trimZero((count / 1_000_000).toFixed(1))}M`;
  return count.toLocaleString('en-US');
}

/** 950, 1.2万, 123.5万: counts as a Chinese reader writes them. */
export function formatCountZh(count: number): string {
  if (count >= 10_000) return `${trimZero((count / 10_000).toFixed(1))}万`;
  return String(count);
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}
