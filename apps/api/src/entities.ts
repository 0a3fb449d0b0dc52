import { ACCOUNTS_ENTITIES } from '@vtask/accounts';
import { CONVERSATIONS_ENTITIES } from '@vtask/conversations';
import { INSIGHTS_ENTITIES } from '@vtask/insights';
import { LEDGER_ENTITIES } from '@vtask/ledger';
import { MARKETPLACE_ENTITIES } from '@vtask/marketplace';
import { MATCHING_ENTITIES } from '@vtask/matching';
import { MATCHMAKING_ENTITIES } from '@vtask/matchmaking';
import { NOTIFICATIONS_ENTITIES } from '@vtask/notifications';
import { ORDERS_ENTITIES } from '@vtask/orders';
import { VENUES_ENTITIES } from '@vtask/venues';
import { RateLimitWindowEntity } from './rate-limit/rate-limit-window.entity';

/** Every entity the API loads, listed explicitly (globs break under bundlers and hide what is loaded). */
export const ENTITIES = [
  ...ACCOUNTS_ENTITIES,
  ...LEDGER_ENTITIES,
  ...ORDERS_ENTITIES,
  ...MARKETPLACE_ENTITIES,
  ...VENUES_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...MATCHING_ENTITIES,
  ...MATCHMAKING_ENTITIES,
  ...INSIGHTS_ENTITIES,
  ...CONVERSATIONS_ENTITIES,
  RateLimitWindowEntity,
];
