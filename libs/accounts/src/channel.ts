import type { Locale } from '@vtask/core';

/** Where content is published: the app's content channels, or outside the platform. */
export enum Channel {
  HEADLINES = 'HEADLINES',
  GOOD_FINDS = 'GOOD_FINDS',
  STROLL = 'STROLL',
  LIST = 'LIST',
  MUST_BUY = 'MUST_BUY',
  HOT_MARKET = 'HOT_MARKET',
  LIVE = 'LIVE',
  COMMUNITY = 'COMMUNITY',
  EXTERNAL = 'EXTERNAL',
}

/** Each channel's name as the console shows it (apps/web i18n enums), so server text never shows a code. */
export const CHANNEL_NAMES: Record<Channel, Record<Locale, string>> = {
  HEADLINES: { en: 'Headlines', 'zh-CN': '淘宝头条' },
  GOOD_FINDS: { en: 'Good finds', 'zh-CN': '有好货' },
  STROLL: { en: 'Stroll', 'zh-CN': '爱逛街' },
  LIST: { en: 'Lists', 'zh-CN': '必买清单' },
  MUST_BUY: { en: 'Must buy', 'zh-CN': '必买' },
  HOT_MARKET: { en: 'Hot market', 'zh-CN': '热门市场' },
  LIVE: { en: 'Live', 'zh-CN': '淘宝直播' },
  COMMUNITY: { en: 'Community', 'zh-CN': '社区' },
  EXTERNAL: { en: 'External', 'zh-CN': '站外' },
};
