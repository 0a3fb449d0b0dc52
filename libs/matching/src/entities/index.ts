import { CreatorMatchProfileEntity } from './creator-match-profile.entity';

export { CreatorMatchProfileEntity };

export const MATCHING_ENTITIES = [CreatorMatchProfileEntity];
