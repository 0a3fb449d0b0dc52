import type { Money } from '@vtask/core';

export interface SubmitDeliverableCommand {
  orderId: string;
  title: string;
  body: string;
  mediaUrls?: string[] | null;
  publishedUrl?: string | null;
}

export interface ResolveDisputeCommand {
  orderId: string;
  creatorAmount: Money;
  note: string;
}

export enum FundingStatus {
  SUCCEEDED = 'SUCCEEDED',
  REQUIRES_ACTION = 'REQUIRES_ACTION',
  FAILED = 'FAILED',
}

/** What fundOrder answers (and what its idempotency key replays). */
export interface FundingOutcome {
  orderId: string;
  status: FundingStatus;
  clientSecret: string | null;
  failureReason: string | null;
}
