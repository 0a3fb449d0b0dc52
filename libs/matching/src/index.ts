export { CreatorSearchService, type CreatorSquareFilter } from './creator-search.service';
export { CreatorOrder } from './creator-square.keysets';
export { MATCHING_ENTITIES } from './entities';
export { MatchingModule } from './matching.module';
export { MatchingService } from './matching.service';
export type { MatchReason } from './match-reasons';
export {
  ShortlistInvitationsService,
  type BulkInvitation,
  type SkippedCreator,
} from './shortlist-invitations.service';
export {
  MAX_SHORTLIST_SIZE,
  MAX_SHORTLISTS,
  ShortlistsService,
  type ShortlistHolding,
} from './shortlists.service';
export type { CreatorMatchProfileEntity, ShortlistEntity, ShortlistMemberEntity } from './entities';
