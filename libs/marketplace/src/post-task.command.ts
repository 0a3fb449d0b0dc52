import type { Channel, CreatorTier } from '@vtask/accounts';
import type { ContentType, Money } from '@vtask/core';
import type { UsageRights } from '@vtask/orders';
import type { TaskStatus, TaskVisibility } from './marketplace.states';

export interface PostTaskCommand {
  title: string;
  brief: string;
  contentType: ContentType;
  channels: Channel[];
  domainTags: string[];
  minTier?: CreatorTier | null;
  budget: Money;
  slots: number;
  applyBy: Date;
  deliverBy: Date;
  maxRevisions?: number | null;
  visibility?: TaskVisibility | null;
  venueId?: string | null;
  publish?: boolean | null;
  /** Defaults: no reuse, no paid ads, no exclusivity; 30 days of retention. */
  usageRights?: UsageRights | null;
  retentionDays?: number | null;
}

export enum TaskOrder {
  NEWEST = 'NEWEST',
  APPLY_BY_SOONEST = 'APPLY_BY_SOONEST',
  BUDGET_HIGHEST = 'BUDGET_HIGHEST',
}

export interface TaskFilter {
  status?: TaskStatus | null;
  domainTags?: string[] | null;
  contentType?: ContentType | null;
  channel?: Channel | null;
  eligibleForTier?: CreatorTier | null;
  venueId?: string | null;
  merchantId?: string | null;
  search?: string | null;
}
