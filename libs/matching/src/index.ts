export { CreatorSearchService } from './creator-search.service';
export { MATCHING_ENTITIES } from './entities';
export { MatchingModule } from './matching.module';
export { MatchingService } from './matching.service';
export type { MatchReason } from './match-reasons';
