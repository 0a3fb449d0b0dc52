import { CHANNEL_NAMES, type Channel } from '@vtask/accounts';
import { InputErrors, type DomainError, type Locale } from '@vtask/core';

/** What the merchant may do with the content (SPEC "Usage rights, publication and retention"). */
export interface UsageRights {
  reuseDays: number;
  channels: Channel[];
  paidAds: boolean;
  exclusivityDays: number;
}

/** A task or offer that says nothing buys only the creator's post. */
export const NO_USAGE_RIGHTS: UsageRights = {
  reuseDays: 0,
  channels: [],
  paidAds: false,
  exclusivityDays: 0,
};
/** Days published content must stay up when a task or offer does not say. */
export const DEFAULT_RETENTION_DAYS = 30;
export const MAX_REUSE_DAYS = 3650;
export const MAX_EXCLUSIVITY_DAYS = 365;
export const MAX_RETENTION_DAYS = 365;

/** Usage rights and retention as a task or offer states them (both optional on input). */
export interface DealTerms {
  usageRights: UsageRights;
  retentionDays: number;
}

/** Every problem of the terms at once, named by their input fields (prefix e.g. `usageRights`). */
export function dealTermsProblems(
  usageRights: UsageRights | null | undefined,
  retentionDays: number | null | undefined,
): DomainError[] {
  const problems: DomainError[] = [];
  const inRange = (value: number, min: number, max: number) =>
    Number.isInteger(value) && value >= min && value <= max;
  if (usageRights) {
    if (!inRange(usageRights.reuseDays, 0, MAX_REUSE_DAYS))
      problems.push(InputErrors.outOfRange('usageRights.reuseDays', 0, MAX_REUSE_DAYS));
    if (!inRange(usageRights.exclusivityDays, 0, MAX_EXCLUSIVITY_DAYS))
      problems.push(InputErrors.outOfRange('usageRights.exclusivityDays', 0, MAX_EXCLUSIVITY_DAYS));
  }
  if (retentionDays !== null && retentionDays !== undefined && !inRange(retentionDays, 0, MAX_RETENTION_DAYS))
    problems.push(InputErrors.outOfRange('retentionDays', 0, MAX_RETENTION_DAYS));
  return problems;
}

/** The terms with defaults filled in and channels without repeats (call after `dealTermsProblems`). */
export function dealTermsOf(
  usageRights: UsageRights | null | undefined,
  retentionDays: number | null | undefined,
): DealTerms {
  const rights = usageRights ?? NO_USAGE_RIGHTS;
  return {
    usageRights: {
      reuseDays: rights.reuseDays,
      channels: [...new Set(rights.channels)],
      paidAds: rights.paidAds,
      exclusivityDays: rights.exclusivityDays,
    },
    retentionDays: retentionDays ?? DEFAULT_RETENTION_DAYS,
  };
}

/**
 * The rights as one sentence for a reader: "Post only; no paid ads; no exclusivity" or
 * "90 days of reuse on Headlines, Live; paid ads allowed; 30 days of exclusivity".
 */
export function usageRightsSummary(rights: UsageRights, locale: Locale): string {
  const en = locale === 'en';
  const channels = rights.channels.map((channel) => CHANNEL_NAMES[channel as Channel]?.[locale] ?? channel);
  const reuse =
    rights.reuseDays === 0
      ? en
        ? 'Post only, no reuse'
        : '仅发布，不可二次使用'
      : en
        ? `${rights.reuseDays} days of reuse${channels.length ? ` on ${channels.join(', ')}` : ''}`
        : `${channels.length ? `可在${channels.join('、')}` : '可'}二次使用 ${rights.reuseDays} 天`;
  const ads = rights.paidAds ? (en ? 'paid ads allowed' : '允许投流') : en ? 'no paid ads' : '不可投流';
  const exclusivity =
    rights.exclusivityDays === 0
      ? en
        ? 'no exclusivity'
        : '无独家期'
      : en
        ? `${rights.exclusivityDays} days of exclusivity in the industry`
        : `同行业独家 ${rights.exclusivityDays} 天`;
  return en ? `${reuse}; ${ads}; ${exclusivity}.` : `${reuse}；${ads}；${exclusivity}。`;
}
