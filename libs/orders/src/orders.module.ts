import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule, AgenciesService } from '@vtask/accounts';
import { configuredModule } from '@vtask/database';
import { timerHandlers } from '@vtask/jobs';
import { LedgerModule } from '@vtask/ledger';
import { NotificationsModule } from '@vtask/notifications';
import { ORDERS_ENTITIES } from './entities';
import { ORDERS_OPTIONS, type OrdersOptions } from './orders.options';
import { OrderDeliveryService } from './order-delivery.service';
import { CancellationProposalsService } from './cancellation-proposals.service';
import { OrderCancellationService } from './order-cancellation.service';
import { OrderDisputesService } from './order-disputes.service';
import { OrderFundingService } from './order-funding.service';
import { OrderLifecycleService } from './order-lifecycle.service';
import { OrderTransitions } from './order-transitions.service';
import { OrderNotifier } from './order-notifications';
import { OrderPublicationService } from './order-publication.service';

import { OrderPortfolioService } from './order-portfolio.service';
import { OrderUpdatesService } from './order-updates.service';
import { OrdersService } from './orders.service';
import { OrdersTimers } from './orders.timers';
import { ReputationService } from './reputation.service';
import { WalletsService } from './wallets.service';

const SERVICES = [
  OrdersService,
  OrderLifecycleService,
  OrderUpdatesService,
  OrderPublicationService,
  WalletsService,
  ReputationService,
  CancellationProposalsService,
  OrderPortfolioService,
];

/** Orders: import it where its services are needed (it is not global); configured by `forRoot`. */
@Module({
  imports: [TypeOrmModule.forFeature(ORDERS_ENTITIES), AccountsModule, LedgerModule, NotificationsModule],
  providers: [
    timerHandlers(
      OrdersTimers,
      [OrderLifecycleService, OrderPublicationService],
      (lifecycle: OrderLifecycleService, publications: OrderPublicationService) => ({
        expireFunding: ({ orderId }) => lifecycle.expireFunding(orderId),
        autoAccept: ({ orderId }) => lifecycle.autoAccept(orderId),
        remindReview: ({ orderId, reviewDeadline }) =>
          lifecycle.remindReview(orderId, new Date(reviewDeadline)),
        revisionOverdue: ({ orderId }) => lifecycle.revisionOverdue(orderId),
        disputeOverdue: ({ orderId }) => lifecycle.disputeOverdue(orderId),
        releaseHoldback: ({ orderId }) => publications.releaseHoldback(orderId),
        breachUnrestored: ({ orderId }) => publications.breachUnrestored(orderId),
        breachUnpublished: ({ orderId }) => publications.breachUnpublished(orderId),
      }),
    ),
    OrderNotifier,
    OrderTransitions,
    OrderFundingService,
    OrderDeliveryService,
    OrderDisputesService,
    OrderCancellationService,
    ...SERVICES,
    {
      // Agency membership waits for open orders: accounts asks through what orders registers here.
      provide: Symbol('orders: creators’ active work, for accounts'),
      inject: [AgenciesService, OrdersService],
      useFactory: (agencies: AgenciesService, orders: OrdersService) =>
        agencies.useActiveWork({
          hasOrdersInProgress: (manager, creatorId) => orders.creatorHasOrdersInProgress(manager, creatorId),
        }),
    },
  ],
  exports: SERVICES,
})
export class OrdersModule {
  /** For the composition root (apps/api/src/domain.modules.ts). */
  static forRoot(options: OrdersOptions): DynamicModule {
    return configuredModule(OrdersModule, [{ provide: ORDERS_OPTIONS, useValue: options }]);
  }
}
