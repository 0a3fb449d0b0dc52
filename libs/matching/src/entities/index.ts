import { CreatorPriceRangeEntity } from './creator-price-range.entity';
import { CreatorTrackRecordEntity } from './creator-track-record.entity';

export { CreatorPriceRangeEntity, CreatorTrackRecordEntity };

export const MATCHING_ENTITIES = [CreatorTrackRecordEntity, CreatorPriceRangeEntity];
