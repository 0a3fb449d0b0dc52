import { defineTimer, type TimerTable } from '@vtask/jobs';

/**
 * The market's durable timers (see `defineTimer` in libs/jobs), written in the same transaction as
 * the change that needs them; their handlers are registered in marketplace.module.ts.
 */
export const MarketplaceTimers = {
  /** At the task's applyBy: close it to new bids if the merchant has not. One per task. */
  closeTaskAtApplyBy: defineTimer<{ taskId: string }>({
    name: 'marketplace.close-task-at-apply-by',
    key: ({ taskId }) => taskId,
  }),
  /** At the invitation's expiresAt: expire it if the creator has not answered. One per invitation. */
  expireInvitation: defineTimer<{ invitationId: string }>({
    name: 'marketplace.expire-invitation',
    key: ({ invitationId }) => invitationId,
  }),
} satisfies TimerTable;
