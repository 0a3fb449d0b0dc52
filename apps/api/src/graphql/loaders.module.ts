import { Global, Module } from '@nestjs/common';
import { AccountsModule } from '@vtask/accounts';
import { InsightsModule } from '@vtask/insights';
import { LedgerModule } from '@vtask/ledger';
import { MarketplaceModule } from '@vtask/marketplace';
import { MatchingModule } from '@vtask/matching';
import { MatchmakingModule } from '@vtask/matchmaking';
import { OrdersModule } from '@vtask/orders';
import { VenuesModule } from '@vtask/venues';
import { LoadersFactory } from './loaders';

/**
 * Global so the GraphQL module's context factory can inject it. It imports the domain modules whose
 * services the loaders batch (none of them is global; their settings come from the app's forRoot).
 */
@Global()
@Module({
  imports: [
    AccountsModule,
    LedgerModule,
    OrdersModule,
    MarketplaceModule,
    VenuesModule,
    InsightsModule,
    MatchingModule,
    MatchmakingModule,
  ],
  providers: [LoadersFactory],
  exports: [LoadersFactory],
})
export class LoadersModule {}
