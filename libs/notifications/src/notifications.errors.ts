import { defineErrors, ErrorCode } from '@vtask/core';

export const NotificationsErrors = defineErrors('notifications', {
  tooManyToMark: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'ids',
    en: (max: number) => `Mark at most ${max} notifications at once.`,
    zh: (max: number) => `一次最多标记 ${max} 条通知。`,
  },
});
