import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@vtask/accounts';
import { MarketplaceModule } from '@vtask/marketplace';
import { OrdersModule } from '@vtask/orders';
import { CreatorSearchService } from './creator-search.service';
import { MATCHING_ENTITIES } from './entities';
import { MatchingService } from './matching.service';
import { ShortlistInvitationsService } from './shortlist-invitations.service';
import { ShortlistsService } from './shortlists.service';

const SERVICES = [MatchingService, CreatorSearchService, ShortlistsService, ShortlistInvitationsService];

/**
 * Recommendations (千人千面) and creator search ranking; reads the market, never changes it.
 * Not global: it has no options, so whoever needs it imports the module itself (the app, the loaders).
 */
@Module({
  imports: [TypeOrmModule.forFeature(MATCHING_ENTITIES), AccountsModule, OrdersModule, MarketplaceModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class MatchingModule {}
