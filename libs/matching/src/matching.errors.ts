import { defineErrors, ErrorCode } from '@vtask/core';

export const MatchingErrors = defineErrors('matching', {
  /** The same answer for "no such task" and "a task you cannot see", so ids cannot be probed. */
  taskNotFound: { code: ErrorCode.NOT_FOUND, en: () => 'No task with this id.', zh: () => '没有这个任务。' },
  notYourTask: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only the merchant who posted this task, or an admin, sees the creators recommended for it.',
    zh: () => '只有发布该任务的商家或平台运营可以查看为它推荐的达人。',
  },
  notACreator: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only creators get task recommendations.',
    zh: () => '只有达人可以获得任务推荐。',
  },
});
