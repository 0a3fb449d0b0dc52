import { CREATOR_TIER_ZH, type CreatorTier } from '@vtask/accounts';
import { defineErrors, ErrorCode, fieldProblem, formatInstant } from '@vtask/core';

const TASK_STATUS_ZH: Record<string, string> = {
  DRAFT: '草稿',
  OPEN: '招募中',
  CLOSED: '已截止',
  COMPLETED: '已完成',
  CANCELLED: '已取消',
};
const OFFER_STATUS_ZH: Record<string, string> = { ACTIVE: '上架中', PAUSED: '已暂停', CLOSED: '已下架' };

export const MarketplaceErrors = defineErrors('marketplace', {
  taskNotFound: { code: ErrorCode.NOT_FOUND, en: () => 'No task with this id.', zh: () => '没有这个任务。' },
  bidNotFound: { code: ErrorCode.NOT_FOUND, en: () => 'No bid with this id.', zh: () => '没有这个报名。' },
  invitationNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No invitation with this id.',
    zh: () => '没有这个邀请。',
  },
  offerNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No offer with this id.',
    zh: () => '没有这个服务。',
  },
  notYourTask: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only the merchant who posted this task may change it.',
    zh: () => '只有发布该任务的商家可以修改它。',
  },
  onlyMerchants: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only merchants post and manage tasks.',
    zh: () => '只有商家可以发布和管理任务。',
  },
  onlyCreators: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only creators do this.',
    zh: () => '只有达人可以这样做。',
  },
  inviteOnly: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'This task is by invitation only.',
    zh: () => '该任务仅限受邀达人参与。',
  },
  notBigV: {
    code: ErrorCode.TIER_TOO_LOW,
    en: () => 'Only big-V creators (tier CREATOR and above) take paid work.',
    zh: () => '只有大V达人（等级为大V达人及以上）可以接付费合作。',
  },
  belowMinTier: {
    code: ErrorCode.TIER_TOO_LOW,
    en: (minTier: CreatorTier) => `This task is for creators of tier ${minTier} and above.`,
    zh: (minTier: CreatorTier) => `该任务仅限${CREATOR_TIER_ZH[minTier]}及以上等级的达人。`,
  },
  applyByPassed: {
    code: ErrorCode.DEADLINE_PASSED,
    en: () => 'The task stopped taking bids at its applyBy time.',
    zh: () => '该任务已过报名截止时间，不再接受报名。',
  },
  /** Publishing a draft whose applyBy is over. */
  applyByPassedRepost: {
    code: ErrorCode.DEADLINE_PASSED,
    en: () => 'Its applyBy has passed; post the task again with new dates.',
    zh: () => '该任务的报名截止时间已过，请用新的日期重新发布任务。',
  },
  bookByPassed: {
    code: ErrorCode.DEADLINE_PASSED,
    en: () => 'This offer could be booked only until its bookBy time.',
    zh: () => '该服务已过预订截止时间。',
  },
  invitationExpired: {
    code: ErrorCode.DEADLINE_PASSED,
    en: () => 'The invitation has expired.',
    zh: () => '该邀请已过期。',
  },
  taskNotOpen: {
    code: ErrorCode.CONFLICT,
    en: (status: string) => `The task is ${status}, not OPEN.`,
    zh: (status: string) => `该任务${TASK_STATUS_ZH[status] ?? status}，不在招募中。`,
  },
  offerNotActive: {
    code: ErrorCode.CONFLICT,
    en: (status: string) => `The offer is ${status}, not ACTIVE.`,
    zh: (status: string) => `该服务${OFFER_STATUS_ZH[status] ?? status}，不可预订。`,
  },
  slotsFull: {
    code: ErrorCode.CONFLICT,
    en: () => 'Every slot of this task is filled.',
    zh: () => '该任务的名额已满。',
  },
  offerFull: {
    code: ErrorCode.CONFLICT,
    en: () => 'Every slot of this offer is booked.',
    zh: () => '该服务的名额已被订满。',
  },
  liveBidExists: {
    code: ErrorCode.CONFLICT,
    en: () => 'You already have a live bid on this task; withdraw it first.',
    zh: () => '你已报名该任务，如需重新报名请先撤回。',
  },
  pendingInvitationExists: {
    code: ErrorCode.CONFLICT,
    en: () => 'This creator already has a pending invitation to this task.',
    zh: () => '已邀请该达人参与此任务，正在等待回复。',
  },
  fundedOrders: {
    code: ErrorCode.CONFLICT,
    en: () => 'This task has funded orders; cancel those orders first (or close the task instead).',
    zh: () => '该任务已有付款的订单，请先取消这些订单（或改为截止任务）。',
  },
  taskNotEditable: {
    code: ErrorCode.CONFLICT,
    en: (status: string) => `The task is ${status}; only a DRAFT or OPEN task can be edited.`,
    zh: (status: string) => `该任务${TASK_STATUS_ZH[status] ?? status}，只有草稿或招募中的任务可以修改。`,
  },
  creatorAlreadyHired: {
    code: ErrorCode.CONFLICT,
    en: () =>
      'A bid or invitation of this task was accepted, so its terms are part of an order and can no longer change; duplicate the task to post it again.',
    zh: () => '该任务已有报名或邀请被接受，任务条款已写入订单，不能再修改；可以复制该任务后重新发布。',
  },
  budgetCurrencyFixed: fieldProblem(
    'budget.currencyCode',
    "Pending bids and invitations are priced in the task's currency; it cannot change while any is pending.",
    '已有待处理的报名或邀请按任务原币种报价，在它们处理完之前不能更改币种。',
  ),
  pitchMissing: fieldProblem(
    'pitch',
    'Tell the merchant why you fit this task.',
    '请告诉商家你为什么适合这个任务。',
  ),
  titleMissing: fieldProblem('title', 'Give the task a title.', '请填写任务标题。'),
  briefMissing: fieldProblem(
    'brief',
    'Describe what the creator should make.',
    '请说明希望达人创作什么内容。',
  ),
  cancelReasonMissing: fieldProblem(
    'reason',
    'Say why the task is cancelled; creators see it.',
    '请说明取消任务的原因，达人会看到。',
  ),
  unknownVenue: fieldProblem('venueId', 'There is no such venue.', '没有这个会场。'),
  deliverByAfterVenueDeadline: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'deliverBy',
    en: (deadline: Date) => (reader) =>
      `Content for this venue must be delivered by its submission deadline, ${formatInstant(deadline, reader)}.`,
    zh: (deadline: Date) => (reader) =>
      `该会场的内容须在提交截止时间（${formatInstant(deadline, reader)}）前交付。`,
  },
  offerTitleMissing: fieldProblem('title', 'Give the offer a title.', '请填写服务标题。'),
  offerDescriptionMissing: fieldProblem(
    'description',
    'Describe what merchants get.',
    '请说明商家能获得什么。',
  ),
  turnaroundDays: fieldProblem('turnaroundDays', 'From 1 to 365 days.', '须在 1 到 365 天之间。'),
  liveNeedsTime: fieldProblem(
    'scheduledAt',
    'A live-stream offer needs the time of the stream.',
    '直播服务需填写直播时间。',
  ),
  bookByAfterStream: fieldProblem(
    'bookBy',
    'Bookings must close before the stream.',
    '预订须在直播开始前截止。',
  ),
  bookingBriefMissing: fieldProblem(
    'brief',
    'Say what the creator should feature.',
    '请说明希望达人推广的内容。',
  ),
});
