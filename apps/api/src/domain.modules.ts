import type { DynamicModule, Type } from '@nestjs/common';
import { AccountsModule } from '@vtask/accounts';
import { ConversationsModule } from '@vtask/conversations';
import { InsightsModule } from '@vtask/insights';
import { JobsModule, type JobsOptions } from '@vtask/jobs';
import { LedgerModule, type PaymentProvider } from '@vtask/ledger';
import { MarketplaceModule } from '@vtask/marketplace';
import { MatchingModule } from '@vtask/matching';
import { MatchmakingModule } from '@vtask/matchmaking';
import { NotificationsModule } from '@vtask/notifications';
import { OrdersModule } from '@vtask/orders';
import { VenuesModule } from '@vtask/venues';
import type { AppConfig } from './config';

/**
 * The domain libraries' modules, configured from the settings: the API imports them beside GraphQL and
 * HTTP, and the service tests import exactly these without either, so the two cannot drift apart.
 */
export function domainModules(
  config: AppConfig,
  databaseUrl: string,
  provider: PaymentProvider,
  jobs: Partial<JobsOptions> = {},
): (DynamicModule | Type)[] {
  return [
    AccountsModule.forRoot({ jwtSecret: config.jwtSecret, tokenTtlSeconds: config.tokenTtlSeconds }),
    JobsModule.forRoot({ databaseUrl, ...jobs }),
    LedgerModule.forRoot(provider, { recoveryDelaySeconds: config.orderRecoveryDelayS }),
    OrdersModule.forRoot({
      platformFeeBps: config.platformFeeBps,
      fundingWindowSeconds: config.orderFundingWindowS,
      reviewWindowSeconds: config.orderReviewWindowS,
      maxOrderAmount: config.maxOrderAmount,
      daySeconds: config.dayS,
      retentionHoldbackBps: config.retentionHoldbackBps,
      restoreWindowSeconds: config.restoreWindowS,
      publishWindowSeconds: config.publishWindowS,
      cancellationTerms: config.cancellationTerms,
      revisionWindowSeconds: config.revisionWindowS,
      disputeWindowSeconds: config.disputeWindowS,
    }),
    MarketplaceModule.forRoot({ ttlSeconds: config.invitationTtlS }),
    NotificationsModule.forRoot({ databaseUrl }),
    VenuesModule,
    MatchingModule,
    MatchmakingModule,
    InsightsModule.forRoot({
      attributionWindowSeconds: config.attributionWindowS,
      conversionKeyGraceSeconds: config.conversionKeyGraceS,
      serverSecret: config.conversionKeySecret,
    }),
    ConversationsModule.forRoot({ unreadNotifySeconds: config.messageUnreadNotifyS }),
  ];
}
