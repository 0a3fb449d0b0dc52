import type { Channel, UpdateCreatorProfileInput } from '../graphql/generated';

/** A creator has 1 to 5 domain tags (SPEC "Domain tags"). */
export const MIN_CREATOR_TAGS = 1;
export const MAX_CREATOR_TAGS = 5;

/** What is wrong with a creator's tag choice before it is sent, or null when it is fine. */
export function domainTagsProblem(tags: readonly string[] | null | undefined): 'required' | 'tooMany' | null {
  const unique = new Set(tags ?? []);
  if (unique.size < MIN_CREATOR_TAGS) return 'required';
  if (unique.size > MAX_CREATOR_TAGS) return 'tooMany';
  return null;
}

export interface CreatorProfileValues {
  bio?: string | null;
  channels?: Channel[] | null;
  domainTags?: string[] | null;
  followerCount?: number | null;
}

/**
 * The creator form's values as the API's input: a blank bio clears it (null), tags and channels
 * without duplicates, an empty follower count left out (unchanged). The bio's length is the API's
 * to judge: its message lands on the field.
 */
export function toCreatorProfileInput(values: CreatorProfileValues): UpdateCreatorProfileInput {
  const bio = values.bio?.trim();
  return {
    bio: bio ? bio : null,
    channels: [...new Set(values.channels ?? [])],
    domainTags: [...new Set(values.domainTags ?? [])],
    ...(values.followerCount == null ? {} : { followerCount: values.followerCount }),
  };
}

/** The merchant form's values as the API's input: an emptied industry clears it (null). */
export function toMerchantProfileInput(values: { shopName: string; industry?: string | null }): {
  shopName: string;
  industry: string | null;
} {
  return { shopName: values.shopName.trim(), industry: values.industry || null };
}
