/** Creator levels of the creator system 2.0, lowest first. */
export enum CreatorTier {
  ORDINARY = 'ORDINARY',
  CREATOR = 'CREATOR',
  EXPERT = 'EXPERT',
  CELEBRITY = 'CELEBRITY',
}

/** The console's Chinese names of the tiers (达人等级), for text the server writes. */
export const CREATOR_TIER_ZH: Readonly<Record<CreatorTier, string>> = {
  [CreatorTier.ORDINARY]: '普通达人',
  [CreatorTier.CREATOR]: '大V达人',
  [CreatorTier.EXPERT]: '资深达人',
  [CreatorTier.CELEBRITY]: '明星达人',
};

export const TIER_ORDER: readonly CreatorTier[] = [
  CreatorTier.ORDINARY,
  CreatorTier.CREATOR,
  CreatorTier.EXPERT,
  CreatorTier.CELEBRITY,
];

export function tierRank(tier: CreatorTier): number {
  return TIER_ORDER.indexOf(tier);
}

/** Big V (大V): CREATOR and above, the only creators who take paid work. */
export function isBigV(tier: CreatorTier): boolean {
  return tierRank(tier) >= tierRank(CreatorTier.CREATOR);
}

export function meetsTier(tier: CreatorTier, minTier: CreatorTier): boolean {
  return tierRank(tier) >= tierRank(minTier);
}

/** Tiers at or below `tier`, for "eligible for" filters. */
export function tiersUpTo(tier: CreatorTier): CreatorTier[] {
  return TIER_ORDER.slice(0, tierRank(tier) + 1);
}

/** Tiers at or above `tier`, for "at least" filters. */
export function tiersFrom(tier: CreatorTier): CreatorTier[] {
  return TIER_ORDER.slice(tierRank(tier));
}
