import { type DomainError, inputErrors, InputErrors } from '@vtask/core';
import { AccountsErrors } from './accounts.errors';

/** An agency's name and the share of each member's payout it takes, in basis points. */
export interface AgencyProfile {
  name: string;
  revenueShareBps: number;
}

/** An agency takes at most half of a member's payout (the API's limit since sign-up). */
export const MAX_AGENCY_SHARE_BPS = 5000;

/**
 * The same rules at sign-up and on every later change: a name that is not blank, and a share from 0
 * to 50%. Field names carry `prefix` (`agency.` inside a sign-up). Returns the trimmed profile.
 */
export function checkedAgencyProfile(profile: AgencyProfile, prefix = ''): AgencyProfile {
  const problems: DomainError[] = [];
  if (!profile.name.trim()) problems.push(InputErrors.blank(`${prefix}name`));
  const bps = profile.revenueShareBps;
  if (!Number.isInteger(bps) || bps < 0 || bps > MAX_AGENCY_SHARE_BPS) {
    problems.push(AccountsErrors.revenueShareOutOfRange(`${prefix}revenueShareBps`, MAX_AGENCY_SHARE_BPS));
  }
  if (problems.length) throw inputErrors(problems);
  return { name: profile.name.trim(), revenueShareBps: bps };
}
