import type { CreatorTier } from '@vtask/accounts';
import { Money, type CurrencyCode } from '@vtask/core';
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
  /** The creator's usual prices in the task's currency (null without any). */
  price: { low: bigint; high: bigint; typical: bigint } | null;
}

/** Why a creator fits a task, in words a merchant understands. */
export function creatorMatchReasons(tree: TagTree, facts: MatchFacts): string[] {
  const reasons: string[] = [];
  const coverage = tagCoverage(tree, facts.taskTags, facts.creatorTags);
  if (coverage.shared.length) reasons.push(`shares tags ${coverage.shared.join(', ')}`);
  for (const { tag, parent } of coverage.viaParent) reasons.push(`covers ${parent}, the parent of ${tag}`);
  if (!coverage.shared.length && !coverage.viaParent.length) {
    reasons.push(`no shared tags (the task asks for ${facts.taskTags.join(', ')})`);
  }
  reasons.push(`tier ${facts.tier} meets ${facts.minTier}`);
  reasons.push(priceReason(facts));
  reasons.push(...trackReasons(facts));
  reasons.push(channelReason(facts, 'publishes on'));
  reasons.push(`${formatCount(facts.followers)} followers`);
  return reasons;
}

/** Why a task fits the signed-in creator, in their words. */
export function taskMatchReasons(tree: TagTree, facts: MatchFacts): string[] {
  const reasons: string[] = [];
  const coverage = tagCoverage(tree, facts.taskTags, facts.creatorTags);
  if (coverage.shared.length) reasons.push(`shares tags ${coverage.shared.join(', ')}`);
  for (const { tag, parent } of coverage.viaParent) reasons.push(`asks for ${tag}, within your ${parent}`);
  if (!coverage.shared.length && !coverage.viaParent.length) {
    reasons.push(`outside your tags (the task asks for ${facts.taskTags.join(', ')})`);
  }
  reasons.push(`tier ${facts.tier} meets ${facts.minTier}`);
  const budget = formatMoney(facts.budgetMinor, facts.currency);
  reasons.push(
    facts.price
      ? `budget ${budget} per slot; you usually charge ${priceRange(facts.price, facts.currency)}`
      : `budget ${budget} per slot`,
  );
  reasons.push(channelReason(facts, 'on your channels'));
  return reasons;
}

function priceReason(facts: MatchFacts): string {
  if (!facts.price) return 'no price history yet';
  const range = priceRange(facts.price, facts.currency);
  if (facts.price.typical <= facts.budgetMinor) return `price fit: usually ${range}`;
  return `usually ${range}, above the ${formatMoney(facts.budgetMinor, facts.currency)} budget`;
}

function trackReasons(facts: MatchFacts): string[] {
  if (!facts.completed && !facts.ratingCount) return ['no completed orders yet'];
  const reasons: string[] = [];
  if (facts.completed) {
    reasons.push(`on time ${facts.onTime}/${facts.completed}`);
    reasons.push(`${facts.completed} completed order${facts.completed === 1 ? '' : 's'}`);
  }
  if (facts.ratingCount) {
    const average = Math.round((facts.ratingSum / facts.ratingCount) * 10) / 10;
    reasons.push(`rated ${average} from ${facts.ratingCount} review${facts.ratingCount === 1 ? '' : 's'}`);
  }
  return reasons;
}

function channelReason(facts: MatchFacts, lead: string): string {
  const shared = facts.taskChannels.filter((channel) => facts.creatorChannels.includes(channel));
  if (shared.length) return `${lead} ${shared.join(', ')}`;
  return `none of the task's channels (${facts.taskChannels.join(', ')})`;
}

function priceRange(price: { low: bigint; high: bigint }, currency: CurrencyCode): string {
  if (price.low === price.high) return formatMoney(price.low, currency);
  return `${formatAmount(price.low, currency)}-${formatMoney(price.high, currency)}`;
}

/** "1,100 CNY", or "900.50 CNY" when there are cents. */
export function formatMoney(minor: bigint, currency: CurrencyCode): string {
  return `${formatAmount(minor, currency)} ${currency}`;
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

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}
