export { AccountsModule } from './accounts.module';
export { AccountsErrors } from './accounts.errors';
export { AgenciesService } from './agencies.service';
export type { AgencyInvitationNotifier, CreatorActiveWork } from './agencies.service';
export { AuthService, MIN_PASSWORD_LENGTH } from './auth.service';
export { Channel, CHANNEL_NAMES } from './channel';
export {
  CREATOR_TIER_ZH,
  CreatorTier,
  TIER_ORDER,
  isBigV,
  meetsTier,
  tiersFrom,
  tiersUpTo,
} from './creator-tier';
export { creatorTextMatch } from './creator-text-match';
export type { CreatorTextMatch } from './creator-text-match';
export { CreatorsService } from './creators.service';
export type { CreatorFilter } from './creators.service';
export { ACCOUNTS_ENTITIES } from './entities';
export type { AgencyEntity, CreatorEntity, MerchantEntity, UserEntity } from './entities';
export { isOnLinkDomain, MAX_LINK_DOMAINS } from './link-domains';
export { ProfilesService } from './profiles.service';
export type { SignUpCommand } from './sign-up.command';
export { TagsService } from './tags.service';
export { ViewerCache } from './viewer-cache';
export { emailThrottleKey } from './email';
export {
  adminUserIds,
  agencyById,
  creatorById,
  creatorExists,
  creatorIdsAtTiers,
  creatorUserIds,
  dealParties,
  dealPartiesOf,
  industryGroupsOf,
  shopNameOf,
} from './account-reads';
export type { DealParties } from './account-reads';
