import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@vtask/accounts';
import { timerHandlers } from '@vtask/jobs';
import { MarketplaceModule } from '@vtask/marketplace';
import { MatchingModule } from '@vtask/matching';
import { NotificationsModule } from '@vtask/notifications';
import { OrdersModule } from '@vtask/orders';
import { MATCHMAKING_ENTITIES } from './entities';
import { MatchmakingSessionsService } from './matchmaking-sessions.service';
import { MatchmakingTimers } from './matchmaking.timers';
import { PairingsService } from './pairings.service';

const SERVICES = [MatchmakingSessionsService, PairingsService];

/** 定向匹配会: import it where its services are needed (it is not global; it has no settings). */
@Module({
  imports: [
    TypeOrmModule.forFeature(MATCHMAKING_ENTITIES),
    AccountsModule,
    NotificationsModule,
    OrdersModule,
    MarketplaceModule,
    MatchingModule,
  ],
  providers: [
    // Each acts through one conditional write (the session marked proposed, pairings still PROPOSED
    // expired), so a timer that fires twice (two instances, a retry after a crash) changes nothing more.
    timerHandlers(MatchmakingTimers, [PairingsService], (pairings: PairingsService) => ({
      proposePairings: async ({ sessionId }) => void (await pairings.propose(sessionId)),
      expirePairings: async ({ sessionId }) => void (await pairings.expire(sessionId)),
    })),
    ...SERVICES,
  ],
  exports: SERVICES,
})
export class MatchmakingModule {}
