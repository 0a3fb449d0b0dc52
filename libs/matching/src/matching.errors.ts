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
  shortlistNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No shortlist with this id.',
    zh: () => '没有这个达人清单。',
  },
  onlyMerchantsShortlist: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only merchants keep shortlists of creators.',
    zh: () => '只有商家可以使用达人清单。',
  },
  tooManyShortlists: {
    code: ErrorCode.CONFLICT,
    en: (max: number) => `You already have ${max} shortlists, the most there can be. Delete one first.`,
    zh: (max: number) => `达人清单最多 ${max} 个，请先删除一个。`,
  },
  shortlistFull: {
    code: ErrorCode.CONFLICT,
    en: (max: number) => `A shortlist holds at most ${max} creators.`,
    zh: (max: number) => `每个达人清单最多 ${max} 位达人。`,
  },
  creatorNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No creator with this id.',
    zh: () => '没有这位达人。',
  },
});
