import { CreatorMatchProfileEntity } from './creator-match-profile.entity';
import { ShortlistEntity, ShortlistMemberEntity } from './shortlist.entity';

export { CreatorMatchProfileEntity, ShortlistEntity, ShortlistMemberEntity };

export const MATCHING_ENTITIES = [CreatorMatchProfileEntity, ShortlistEntity, ShortlistMemberEntity];
