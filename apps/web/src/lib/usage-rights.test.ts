import { describe, expect, it } from 'vitest';
import { termsSentence, usageRightsOf, type TermsWords } from './usage-rights';

const EN: TermsWords = {
  postOnly: 'Post only, no reuse',
  reuse: (days, channels) => `${days} days of reuse on ${channels}`,
  ads: 'paid ads allowed',
  noAds: 'no paid ads',
  exclusive: (days) => `${days} days of exclusivity`,
  notExclusive: 'no exclusivity',
  retention: (days) => `keep it up ${days} days`,
  noRetention: 'no retention',
  separator: '; ',
  listSeparator: ', ',
};

describe('usage rights presets', () => {
  it('post only buys no reuse and no ads, whatever channels were picked', () => {
    expect(usageRightsOf('POST_ONLY', ['HEADLINES'], 0)).toEqual({
      reuseDays: 0,
      channels: [],
      paidAds: false,
      exclusivityDays: 0,
    });
  });

  it('90 days reuse + paid ads keeps the channels once each and the exclusivity', () => {
    expect(usageRightsOf('REUSE_90_ADS', ['HEADLINES', 'LIVE', 'LIVE'], 15)).toEqual({
      reuseDays: 90,
      channels: ['HEADLINES', 'LIVE'],
      paidAds: true,
      exclusivityDays: 15,
    });
  });

  it('reads as one sentence with the retention', () => {
    const rights = usageRightsOf('REUSE_90', ['HEADLINES', 'LIVE'], 0);
    expect(termsSentence(rights, 30, EN, (channel) => channel.toLowerCase())).toBe(
      '90 days of reuse on headlines, live; no paid ads; no exclusivity; keep it up 30 days',
    );
    expect(termsSentence(usageRightsOf('POST_ONLY', [], 7), 0, EN, String)).toBe(
      'Post only, no reuse; no paid ads; 7 days of exclusivity; no retention',
    );
  });
});
