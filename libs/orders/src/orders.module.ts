import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CREATOR_ACTIVE_WORK, type CreatorActiveWork } from '@vtask/accounts';
import { timerHandlers } from '@vtask/jobs';
import { LedgerModule } from '@vtask/ledger';
import { ORDERS_ENTITIES } from './entities';
import { ORDERS_OPTIONS, type OrdersOptions } from './orders.options';
import { OrderDeliveryService } from './order-delivery.service';
import { OrderDisputesService } from './order-disputes.service';
import { OrderFundingService } from './order-funding.service';
import { OrderLifecycleService } from './order-lifecycle.service';
import { OrderTransitions } from './order-transitions.service';
import { OrderNotifier } from './order-notifications';
import { OrderUpdatesService } from './order-updates.service';
import { OrdersService } from './orders.service';
import { OrdersTimers } from './orders.timers';
import { ReputationService } from './reputation.service';
import { WalletsService } from './wallets.service';

const SERVICES = [
  OrdersService,
  OrderLifecycleService,
  OrderUpdatesService,
  WalletsService,
  ReputationService,
];

@Module({})
export class OrdersModule {
  static forRoot(options: OrdersOptions): DynamicModule {
    return {
      module: OrdersModule,
      global: true,
      imports: [TypeOrmModule.forFeature(ORDERS_ENTITIES), LedgerModule],
      providers: [
        { provide: ORDERS_OPTIONS, useValue: options },
        timerHandlers(OrdersTimers, [OrderLifecycleService], (lifecycle: OrderLifecycleService) => ({
          expireFunding: ({ orderId }) => lifecycle.expireFunding(orderId),
          autoAccept: ({ orderId }) => lifecycle.autoAccept(orderId),
          remindReview: ({ orderId, reviewDeadline }) =>
            lifecycle.remindReview(orderId, new Date(reviewDeadline)),
        })),
        OrderNotifier,
        OrderTransitions,
        OrderFundingService,
        OrderDeliveryService,
        OrderDisputesService,
        ...SERVICES,
        {
          // Agency membership waits for open orders; accounts asks through this port.
          provide: CREATOR_ACTIVE_WORK,
          inject: [OrdersService],
          useFactory: (orders: OrdersService): CreatorActiveWork => ({
            hasOrdersInProgress: (manager, creatorId) =>
              orders.creatorHasOrdersInProgress(manager, creatorId),
          }),
        },
      ],
      exports: [...SERVICES, CREATOR_ACTIVE_WORK],
    };
  }
}
