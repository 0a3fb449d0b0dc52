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
