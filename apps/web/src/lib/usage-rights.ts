import type { Channel, UsageRightsInput } from '../graphql/generated';

/** The task form's presets for what the merchant buys (SPEC "Usage rights, publication and retention"). */
export const USAGE_PRESETS = ['POST_ONLY', 'REUSE_90', 'REUSE_90_ADS'] as const;
export type UsagePreset = (typeof USAGE_PRESETS)[number];

/** The API's usage rights for a preset, the channels the merchant may reuse on, and the exclusivity days. */
export function usageRightsOf(
  preset: UsagePreset,
  reuseChannels: readonly Channel[],
  exclusivityDays: number,
): UsageRightsInput {
  const reuse = preset !== 'POST_ONLY';
  return {
    reuseDays: reuse ? 90 : 0,
    channels: reuse ? [...new Set(reuseChannels)] : [],
    paidAds: preset === 'REUSE_90_ADS',
    exclusivityDays,
  };
}

/** Words the sentence is made of, in the reader's language (the i18n messages, filled in). */
export interface TermsWords {
  postOnly: string;
  reuse: (days: number, channels: string) => string;
  ads: string;
  noAds: string;
  exclusive: (days: number) => string;
  notExclusive: string;
  retention: (days: number) => string;
  noRetention: string;
  /** How the language joins the sentence's parts ("; " or "；") and lists ("、" or ", "). */
  separator: string;
  listSeparator: string;
}

/**
 * The terms as the sentence the form shows while the merchant chooses them, worded like the server's
 * `UsageRights.summary` that creators will read on the task.
 */
export function termsSentence(
  rights: UsageRightsInput,
  retentionDays: number,
  words: TermsWords,
  channelName: (channel: Channel) => string,
): string {
  const reuse = rights.reuseDays
    ? words.reuse(rights.reuseDays, rights.channels.map(channelName).join(words.listSeparator))
    : words.postOnly;
  const ads = rights.paidAds ? words.ads : words.noAds;
  const exclusivity = rights.exclusivityDays ? words.exclusive(rights.exclusivityDays) : words.notExclusive;
  const retention = retentionDays ? words.retention(retentionDays) : words.noRetention;
  return `${[reuse, ads, exclusivity].join(words.separator)}${words.separator}${retention}`;
}
