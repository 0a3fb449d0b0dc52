import { describe, expect, it } from 'vitest';
import { domainTagsProblem, toCreatorProfileInput, toMerchantProfileInput } from './profile';

describe('domainTagsProblem', () => {
  it('asks for 1 to 5 distinct tags', () => {
    expect(domainTagsProblem(undefined)).toBe('required');
    expect(domainTagsProblem([])).toBe('required');
    expect(domainTagsProblem(['home'])).toBeNull();
    expect(domainTagsProblem(['a', 'b', 'c', 'd', 'e'])).toBeNull();
    expect(domainTagsProblem(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('tooMany');
    // Duplicates count once, as the API counts them.
    expect(domainTagsProblem(['a', 'b', 'c', 'd', 'e', 'a'])).toBeNull();
  });
});

describe('toCreatorProfileInput', () => {
  it('sends the bio trimmed, and a blank bio as null (cleared)', () => {
    expect(toCreatorProfileInput({ bio: '  Small flats.  ', domainTags: ['home'] }).bio).toBe('Small flats.');
    expect(toCreatorProfileInput({ bio: '   ', domainTags: ['home'] }).bio).toBeNull();
    expect(toCreatorProfileInput({ domainTags: ['home'] }).bio).toBeNull();
  });

  it('drops duplicate tags and channels and leaves an empty follower count out', () => {
    expect(
      toCreatorProfileInput({
        bio: 'x',
        domainTags: ['home', 'home.furniture', 'home'],
        channels: ['LIVE', 'HEADLINES', 'LIVE'],
        followerCount: null,
      }),
    ).toEqual({ bio: 'x', domainTags: ['home', 'home.furniture'], channels: ['LIVE', 'HEADLINES'] });
    expect(toCreatorProfileInput({ domainTags: ['home'], followerCount: 0 }).followerCount).toBe(0);
  });

  it('does not cut a long bio: the API judges its length and says so on the field', () => {
    const bio = 'x'.repeat(2001);
    expect(toCreatorProfileInput({ bio, domainTags: ['home'] }).bio).toBe(bio);
  });
});

describe('toMerchantProfileInput', () => {
  it('trims the shop name and sends an emptied industry as null', () => {
    expect(toMerchantProfileInput({ shopName: ' Linen & Oak ', industry: 'home' })).toEqual({
      shopName: 'Linen & Oak',
      industry: 'home',
    });
    expect(toMerchantProfileInput({ shopName: 'Shop', industry: undefined })).toEqual({
      shopName: 'Shop',
      industry: null,
    });
  });
});
