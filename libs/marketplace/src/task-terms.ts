import type { Channel } from '@vtask/accounts';
import { InputErrors, type DomainError, type Money } from '@vtask/core';
import { dealTermsProblems, type UsageRights } from '@vtask/orders';
import { MarketplaceErrors } from './marketplace.errors';

/** Most slots one task offers. */
export const MAX_TASK_SLOTS = 1000;
/** Most revisions a task may promise. */
export const MAX_TASK_REVISIONS = 10;
/** Revisions a task promises when its merchant does not say. */
export const DEFAULT_TASK_REVISIONS = 2;

/** What a task promises creators, as posting it and editing it check them. */
export interface TaskTerms {
  title: string;
  brief: string;
  budget: Money;
  slots: number;
  maxRevisions: number;
  applyBy: Date;
  deliverBy: Date;
  channels: readonly Channel[];
  /** Checked when given (posting with them, or editing). */
  usageRights?: UsageRights | null;
  retentionDays?: number | null;
}

/**
 * Every problem of a task's terms at once (a form shows them all), for `inputErrors`. `minSlots` is
 * what the task can shrink to: 1 when posting, its filled slots when editing.
 */
export function taskTermsProblems(terms: TaskTerms, minSlots = 1): DomainError[] {
  const problems: DomainError[] = [];
  // Lengths are checked on the input; text that is only spaces would be saved as an empty title.
  if (!terms.title.trim()) problems.push(MarketplaceErrors.titleMissing());
  if (!terms.brief.trim()) problems.push(MarketplaceErrors.briefMissing());
  if (!terms.budget.isPositive()) problems.push(InputErrors.notPositive('budget.amount'));
  const lowest = Math.max(1, minSlots);
  if (!Number.isInteger(terms.slots) || terms.slots < lowest || terms.slots > MAX_TASK_SLOTS)
    problems.push(InputErrors.outOfRange('slots', lowest, MAX_TASK_SLOTS));
  if (
    !Number.isInteger(terms.maxRevisions) ||
    terms.maxRevisions < 0 ||
    terms.maxRevisions > MAX_TASK_REVISIONS
  )
    problems.push(InputErrors.outOfRange('maxRevisions', 0, MAX_TASK_REVISIONS));
  if (terms.deliverBy.getTime() <= terms.applyBy.getTime())
    problems.push(InputErrors.notAfter('deliverBy', 'applyBy'));
  if (!terms.channels.length) problems.push(InputErrors.noChannel());
  problems.push(...dealTermsProblems(terms.usageRights, terms.retentionDays));
  return problems;
}
