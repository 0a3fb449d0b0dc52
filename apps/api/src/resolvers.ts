import { AgencyInvitationResolver, AgencyResolver } from './accounts/agency.resolver';
import { AuthResolver } from './accounts/auth.resolver';
import { CreatorResolver } from './accounts/creator.resolver';
import { DomainTagResolver } from './accounts/domain-tag.resolver';
import { MerchantResolver } from './accounts/merchant.resolver';
import { UserResolver } from './accounts/user.resolver';
import {
  BidMessagesResolver,
  MessageResolver,
  OrderMessagesResolver,
} from './conversations/message.resolver';
import { MetaResolver } from './graphql/meta.resolver';
import {
  CreatorResultsResolver,
  InsightsResolver,
  CreatorPerformanceResolver,
  MerchantPerformanceResolver,
  OrderPerformanceResolver,
} from './insights/insights.resolver';
import {
  DeliverableTrackingLinksResolver,
  ShowcaseEntryResolver,
  TrackingLinkResolver,
  TrackingResolver,
} from './insights/tracking.resolver';
import { BidResolver } from './marketplace/bid.resolver';
import { InvitationResolver } from './marketplace/invitation.resolver';
import { CreatorOffersResolver, OfferResolver } from './marketplace/offer.resolver';
import { MerchantTasksResolver, TaskResolver } from './marketplace/task.resolver';
import { MatchingResolver } from './matching/matching.resolver';
import { OrderDealTermsResolver, UsageRightsResolver } from './orders/deal-terms.resolver';
import { MatchmakingSessionResolver, PairingResolver } from './matchmaking/matchmaking.resolver';

import {
  CreatorProfileResolver,
  PortfolioItemResolver,
  ReviewAuthorResolver,
} from './matching/creator-profile.resolver';
import { ShortlistResolver } from './matching/shortlist.resolver';
import { OrderLifecycleResolver } from './orders/order-lifecycle.resolver';
import {
  CancellationProposalResolver,
  CreatorReliabilityResolver,
  OrderTermsResolver,
} from './orders/cancellation.resolver';
import { OrderUpdatesResolver } from './orders/order-updates.resolver';
import { DeliverableResolver, OrderEventResolver, OrderResolver } from './orders/order.resolver';
import { CreatorStatsResolver, MerchantRatingResolver } from './orders/reputation.resolver';
import { LedgerEntryResolver, WalletResolver } from './orders/wallet.resolver';
import { PaymentSettingsResolver } from './orders/payment-settings.resolver';
import { PayoutAccountResolver } from './orders/payout-account.resolver';
import { NotificationResolver } from './notifications/notification.resolver';
import {
  TaskVenueResolver,
  VenueEnrollmentResolver,
  VenueResolver,
  VenueSubmissionResolver,
} from './venues/venue.resolver';

/** Every resolver of the API: the served schema and the committed schema.gql are built from this list. */
export const RESOLVERS = [
  MetaResolver,
  TrackingResolver,
  ShowcaseEntryResolver,
  DeliverableTrackingLinksResolver,
  TrackingLinkResolver,
  MessageResolver,
  OrderMessagesResolver,
  BidMessagesResolver,
  AuthResolver,
  UserResolver,
  DomainTagResolver,
  MerchantResolver,
  CreatorResolver,
  AgencyResolver,
  AgencyInvitationResolver,
  TaskResolver,
  MerchantTasksResolver,
  BidResolver,
  InvitationResolver,
  OfferResolver,
  CreatorOffersResolver,
  OrderResolver,
  OrderEventResolver,
  OrderLifecycleResolver,
  OrderDealTermsResolver,
  UsageRightsResolver,
  OrderTermsResolver,
  CancellationProposalResolver,
  CreatorReliabilityResolver,
  OrderUpdatesResolver,
  DeliverableResolver,
  WalletResolver,
  LedgerEntryResolver,
  PayoutAccountResolver,
  PaymentSettingsResolver,
  CreatorStatsResolver,
  MerchantRatingResolver,
  VenueResolver,
  VenueEnrollmentResolver,
  VenueSubmissionResolver,
  TaskVenueResolver,
  NotificationResolver,
  MatchingResolver,
  MatchmakingSessionResolver,
  PairingResolver,
  CreatorProfileResolver,
  PortfolioItemResolver,
  ReviewAuthorResolver,
  ShortlistResolver,
  InsightsResolver,
  OrderPerformanceResolver,
  CreatorPerformanceResolver,
  MerchantPerformanceResolver,
  CreatorResultsResolver,
];
