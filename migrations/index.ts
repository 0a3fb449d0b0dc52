import { Foundation1795689022623 } from './1795689022623-Foundation';
import { ChineseTagsAndSearch1796500000000 } from './1796500000000-ChineseTagsAndSearch';
import { DomainTags1795689100000 } from './1795689100000-DomainTags';
import { LiveEvents1795694300000 } from './1795694300000-LiveEvents';
import { Marketplace1795689551212 } from './1795689551212-Marketplace';
import { Matching1795691921741 } from './1795691921741-Matching';
import { MatchingProfiles1795693351511 } from './1795693351511-MatchingProfiles';
import { OrdersAndLedger1795690146721 } from './1795690146721-OrdersAndLedger';
import { NotificationParams1796510000000 } from './1796510000000-NotificationParams';
import { OrderSplitAmounts1796400000000 } from './1796400000000-OrderSplitAmounts';
import { RateLimits1795701365698 } from './1795701365698-RateLimits';
import { Conversations1796530000000 } from './1796530000000-Conversations';
import { KeyedTimelineNotes1796540000000 } from './1796540000000-KeyedTimelineNotes';
import { CancellationTermsAndDeadlines1796600000000 } from './1796600000000-CancellationTermsAndDeadlines';
import { UsageRightsAndRetention1796610000000 } from './1796610000000-UsageRightsAndRetention';
import { CreatorSquare1796620000000 } from './1796620000000-CreatorSquare';
import { CreatorTagRanks1796740000000 } from './1796740000000-CreatorTagRanks';
import { MatchmakingSessions1796630000000 } from './1796630000000-MatchmakingSessions';
import { CreatorDirectoryCounters1796010000000 } from './1796010000000-CreatorDirectoryCounters';
import { ScaleCountersAndLedger1796000000000 } from './1796000000000-ScaleCountersAndLedger';
import { StripePayments1795691279721 } from './1795691279721-StripePayments';
import { EffectYouCanTrust1796640000000 } from './1796640000000-EffectYouCanTrust';
import { ReliableRanking1796730000000 } from './1796730000000-ReliableRanking';
import { MatchCandidates1796780000000 } from './1796780000000-MatchCandidates';
import { AdminDisplayName1796790000000 } from './1796790000000-AdminDisplayName';
import { SerialCreatorScans1796800000000 } from './1796800000000-SerialCreatorScans';
import { TokenVersions1796300000000 } from './1796300000000-TokenVersions';
import { Venues1795691086125 } from './1795691086125-Venues';

/** Every migration, in order. Listed explicitly; a migration never changes after it lands. */
export const MIGRATIONS = [
  Foundation1795689022623,
  DomainTags1795689100000,
  Marketplace1795689551212,
  OrdersAndLedger1795690146721,
  Venues1795691086125,
  StripePayments1795691279721,
  Matching1795691921741,
  MatchingProfiles1795693351511,
  LiveEvents1795694300000,
  RateLimits1795701365698,
  ScaleCountersAndLedger1796000000000,
  CreatorDirectoryCounters1796010000000,
  TokenVersions1796300000000,
  OrderSplitAmounts1796400000000,
  ChineseTagsAndSearch1796500000000,
  NotificationParams1796510000000,
  Conversations1796530000000,
  KeyedTimelineNotes1796540000000,
  CancellationTermsAndDeadlines1796600000000,
  UsageRightsAndRetention1796610000000,
  CreatorSquare1796620000000,
  MatchmakingSessions1796630000000,
  EffectYouCanTrust1796640000000,
  ReliableRanking1796730000000,
  CreatorTagRanks1796740000000,
  MatchCandidates1796780000000,
  AdminDisplayName1796790000000,
  SerialCreatorScans1796800000000,
];
