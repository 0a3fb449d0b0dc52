import { defineErrors, ErrorCode, fieldProblem, formatInstant } from '@vtask/core';

const STATUS_ZH: Record<string, string> = {
  PROPOSED: '待回复',
  MATCHED: '已成交',
  DECLINED: '已婉拒',
  EXPIRED: '已过期',
};

export const MatchmakingErrors = defineErrors('matchmaking', {
  sessionNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No matchmaking session with this id.',
    zh: () => '没有这个定向匹配会。',
  },
  /** The same answer for "no such pairing" and "not yours", so ids cannot be probed. */
  pairingNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No pairing with this id.',
    zh: () => '没有这个配对。',
  },
  /** The same answer for "no such task" and "another merchant's task". */
  taskNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No task of yours with this id.',
    zh: () => '你没有这个任务。',
  },
  adminOnly: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only platform staff create matchmaking sessions.',
    zh: () => '只有平台运营可以创建定向匹配会。',
  },
  notAParticipantRole: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only merchants and creators join matchmaking sessions.',
    zh: () => '只有商家和达人可以报名定向匹配会。',
  },
  nameMissing: fieldProblem('name', 'Give the session a name.', '请填写匹配会名称。'),
  industryNotParent: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'industry',
    en: (slug: string) => `"${slug}" is not an industry: choose a top-level tag such as home or beauty.`,
    zh: (slug: string) => `「${slug}」不是行业：请选择一级标签，例如 home（家居）或 beauty（美妆）。`,
  },
  taskIdRequired: fieldProblem(
    'taskId',
    'A merchant joins with one of its OPEN tasks of the industry: name it.',
    '商家需要带着一个该行业的招募中任务报名：请选择任务。',
  ),
  taskIdForMerchantsOnly: fieldProblem('taskId', 'Creators join without a task.', '达人报名无需选择任务。'),
  taskNotOpen: {
    code: ErrorCode.CONFLICT,
    en: (status: string) => `Only an OPEN task can join; this one is ${status}.`,
    zh: (status: string) => `只有招募中的任务可以报名，该任务当前状态为 ${status}。`,
  },
  taskNotInIndustry: {
    code: ErrorCode.CONFLICT,
    en: (industry: string) => `The task has no tag in ${industry}: tag it in the industry first.`,
    zh: (industry: string) => `该任务没有「${industry}」行业的标签：请先为任务添加该行业的标签。`,
  },
  creatorNotInIndustry: {
    code: ErrorCode.CONFLICT,
    en: (industry: string) => `None of your tags is in ${industry}; this session is for its creators.`,
    zh: (industry: string) => `你的领域标签都不属于「${industry}」，本场匹配会只面向该行业的达人。`,
  },
  creatorBelowBigV: {
    code: ErrorCode.TIER_TOO_LOW,
    en: () => 'Only big-V creators (CREATOR tier and above) take paid work, so only they join.',
    zh: () => '只有大V达人（大V达人及以上等级）可以接单，因此只有他们可以报名。',
  },
  alreadyJoined: {
    code: ErrorCode.CONFLICT,
    en: () => 'You have already joined this session (with this task).',
    zh: () => '你已经报名了本场匹配会（或已用该任务报名）。',
  },
  signupNotOpen: {
    code: ErrorCode.CONFLICT,
    en: (opensAt: Date) => (reader) => `Sign-up for this session opens at ${formatInstant(opensAt, reader)}.`,
    zh: (opensAt: Date) => (reader) => `本场匹配会将于 ${formatInstant(opensAt, reader)} 开放报名。`,
  },
  signupClosed: {
    code: ErrorCode.DEADLINE_PASSED,
    en: (closedAt: Date) => (reader) =>
      `Sign-up for this session closed at ${formatInstant(closedAt, reader)}.`,
    zh: (closedAt: Date) => (reader) => `本场匹配会已于 ${formatInstant(closedAt, reader)} 截止报名。`,
  },
  sessionEnded: {
    code: ErrorCode.DEADLINE_PASSED,
    en: (endedAt: Date) => (reader) =>
      `The session ended at ${formatInstant(endedAt, reader)}; pairings can no longer be answered.`,
    zh: (endedAt: Date) => (reader) =>
      `本场匹配会已于 ${formatInstant(endedAt, reader)} 结束，配对已无法回复。`,
  },
  pairingAnswered: {
    code: ErrorCode.CONFLICT,
    en: (status: string) => `This pairing is ${status} and takes no more answers.`,
    zh: (status: string) => `该配对${STATUS_ZH[status] ?? status}，不能再回复。`,
  },
  alreadyAnswered: {
    code: ErrorCode.CONFLICT,
    en: () => 'You have already accepted this pairing; the other side has yet to answer.',
    zh: () => '你已接受该配对，正在等待对方回复。',
  },
});
