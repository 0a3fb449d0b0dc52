// Orders' public face: what other libraries and the API may use.
export { ORDERS_ENTITIES } from './entities';
// Types only: other libraries read orders' rows through orders' services and read functions (order-reads.ts).
export type {
  DeliverableEntity,
  OrderEntity,
  OrderEventEntity,
  OrderPublicationEntity,
  CancellationProposalEntity,
  ReviewEntity,
} from './entities';
export { ReviewDirection } from './entities';
export { OrdersModule } from './orders.module';
export { ORDERS_OPTIONS, type OrdersOptions } from './orders.options';
export { OrdersErrors } from './orders.errors';
export {
  DEFAULT_CANCELLATION_TERMS,
  killFee,
  parseCancellationTerms,
  type CancellationStage,
} from './cancellation-terms';
export {
  DELIVERABLE_TRANSITIONS,
  DeliverableStatus,
  FINAL_ORDER_STATUSES,
  FUNDED_OPEN_ORDER_STATUSES,
  ORDER_TRANSITIONS,
  CANCELLATION_PROPOSAL_TRANSITIONS,
  CancellationProposalStatus,
  OrderSource,
  OrderStatus,
  PublicationStatus,
  type DeliverableAction,
  type OrderAction,
} from './orders.states';
export {
  FundingStatus,
  type FundingOutcome,
  type ResolveDisputeCommand,
  type SubmitDeliverableCommand,
} from './order-commands';
export {
  OrdersService,
  type CreateOrderCommand,
  type OrderEnding,
  type OrderFinalListener,
} from './orders.service';
export { OrderLifecycleService, ORDER_NOTE_MAX_LENGTH } from './order-lifecycle.service';
export { OrderUpdatesService } from './order-updates.service';
export {
  CancellationProposalsService,
  type ProposeCancellationCommand,
} from './cancellation-proposals.service';
export { ReputationService, type CreatorStats } from './reputation.service';
export { OrderPortfolioService } from './order-portfolio.service';
export { WalletsService, type WalletView } from './wallets.service';
export type { OrderChange, OrderTitles } from './order-notifications';
export {
  deliverableById,
  deliverablesByIds,
  latestApprovedDeliverable,
  orderById,
  ordersInStatus,
  orderIdsOfParty,
} from './order-reads';
export {
  ORDER_NOTE_TEXTS,
  orderEventNote,
  orderNote,
  providerLabel,
  type KeyedOrderNote,
  type OrderEventNote,
  type OrderNoteKey,
} from './order-event-notes';
export { OrderPublicationService } from './order-publication.service';
export {
  DEFAULT_RETENTION_DAYS,
  NO_USAGE_RIGHTS,
  dealTermsOf,
  dealTermsProblems,
  usageRightsSummary,
  type DealTerms,
  type UsageRights,
} from './usage-rights';
