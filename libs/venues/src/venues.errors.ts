import { CREATOR_TIER_ZH, type CreatorTier } from '@vtask/accounts';
import { defineErrors, ErrorCode, fieldProblem, formatInstant } from '@vtask/core';

const ENROLLMENT_STATUS_ZH: Record<string, string> = {
  PENDING: '待审核',
  APPROVED: '已通过',
  REJECTED: '已拒绝',
};
const SUBMISSION_STATUS_ZH: Record<string, string> = {
  SUBMITTED: '待审核',
  ACCEPTED: '已入选',
  REJECTED: '未入选',
};
const ORDER_STATUS_ZH: Record<string, string> = {
  AWAITING_FUNDING: '待付款',
  IN_PROGRESS: '制作中',
  DELIVERED: '待验收',
  REVISION_REQUESTED: '修改中',
  COMPLETED: '已完成',
  CANCELLED: '已取消',
  DISPUTED: '纠纷中',
  RESOLVED: '已裁决',
};
const PHASE_ZH: Record<string, string> = {
  UPCOMING: '未开始',
  RECRUITING: '招募中',
  DOCKING: '对接中',
  CURATING: '排期中',
  LIVE: '进行中',
  ENDED: '已结束',
};

export const VenuesErrors = defineErrors('venues', {
  venueNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No venue with this id.',
    zh: () => '没有这个会场。',
  },
  enrollmentNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No enrollment with this id.',
    zh: () => '没有这个报名。',
  },
  submissionNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No submission with this id.',
    zh: () => '没有这个提交。',
  },
  /** The same answer for "no such order" and "not yours", so ids cannot be probed. */
  orderNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No order with this id.',
    zh: () => '没有这个订单。',
  },
  adminOnly: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only platform staff manage venues.',
    zh: () => '只有平台运营可以管理会场。',
  },
  notAParticipantRole: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only merchants and creators take part in venues.',
    zh: () => '只有商家和达人可以参加会场。',
  },
  notApproved: {
    code: ErrorCode.FORBIDDEN,
    en: (status: string | null) =>
      status === null
        ? 'Only approved participants submit content: enroll in the venue first.'
        : `Only approved participants submit content; your enrollment is ${status}.`,
    zh: (status: string | null) =>
      status === null
        ? '只有报名通过的参与者可以提交内容，请先报名会场。'
        : `只有报名通过的参与者可以提交内容，你的报名${ENROLLMENT_STATUS_ZH[status] ?? status}。`,
  },
  recruitmentNotOpen: {
    code: ErrorCode.CONFLICT,
    en: (opensAt: Date) => (reader) => `Enrollment in this venue opens at ${formatInstant(opensAt, reader)}.`,
    zh: (opensAt: Date) => (reader) => `该会场将于 ${formatInstant(opensAt, reader)} 开始招募。`,
  },
  recruitmentClosed: {
    code: ErrorCode.DEADLINE_PASSED,
    en: (closedAt: Date) => (reader) =>
      `Enrollment in this venue closed at ${formatInstant(closedAt, reader)}.`,
    zh: (closedAt: Date) => (reader) => `该会场已于 ${formatInstant(closedAt, reader)} 结束招募。`,
  },
  submissionDeadlinePassed: {
    code: ErrorCode.DEADLINE_PASSED,
    en: (deadline: Date) => (reader) =>
      `Submissions to this venue closed at ${formatInstant(deadline, reader)}.`,
    zh: (deadline: Date) => (reader) => `该会场已于 ${formatInstant(deadline, reader)} 截止提交。`,
  },
  alreadyEnrolled: {
    code: ErrorCode.CONFLICT,
    en: () => 'You have already enrolled in this venue.',
    zh: () => '你已报名该会场。',
  },
  belowMinTier: {
    code: ErrorCode.TIER_TOO_LOW,
    en: (minTier: CreatorTier) => `This venue is for creators of tier ${minTier} and above.`,
    zh: (minTier: CreatorTier) => `该会场仅限${CREATOR_TIER_ZH[minTier]}及以上等级的达人参加。`,
  },
  orderCreatorBelowMinTier: {
    code: ErrorCode.TIER_TOO_LOW,
    en: (minTier: CreatorTier) =>
      `The order's creator is below this venue's minimum tier, ${minTier}: their content does not qualify.`,
    zh: (minTier: CreatorTier) =>
      `该订单的达人低于会场要求的等级（${CREATOR_TIER_ZH[minTier]}），其内容不符合条件。`,
  },
  orderNotCompleted: {
    code: ErrorCode.CONFLICT,
    en: (status: string) => `Only content of COMPLETED orders qualifies; this order is ${status}.`,
    zh: (status: string) => `只有已完成订单的内容可以提交，该订单${ORDER_STATUS_ZH[status] ?? status}。`,
  },
  noApprovedDeliverable: {
    code: ErrorCode.CONFLICT,
    en: () => 'The order has no approved deliverable; name the deliverable to submit.',
    zh: () => '该订单没有已通过的交付内容，请指定要提交的交付内容。',
  },
  deliverableNotOfOrder: fieldProblem(
    'deliverableId',
    'This deliverable is not part of the order.',
    '该交付内容不属于这个订单。',
  ),
  alreadySubmitted: {
    code: ErrorCode.CONFLICT,
    en: () => 'This order is already submitted to this venue.',
    zh: () => '该订单已提交到这个会场。',
  },
  lineupPublished: {
    code: ErrorCode.CONFLICT,
    en: () => 'The lineup of this venue is published and frozen.',
    zh: () => '该会场的排期已发布，不能再修改。',
  },
  venueLive: {
    code: ErrorCode.CONFLICT,
    en: () => 'The venue went live: its lineup is frozen as it was at goLiveAt.',
    zh: () => '会场已上线，排期已按上线时的状态锁定。',
  },
  notCurating: {
    code: ErrorCode.CONFLICT,
    en: (phase: string) =>
      `A lineup is published while the venue is CURATING (from submissionDeadline to goLiveAt); it is ${phase}.`,
    zh: (phase: string) =>
      `排期只能在会场排期中（提交截止到上线之间）发布，该会场当前${PHASE_ZH[phase] ?? phase}。`,
  },
  nameMissing: fieldProblem('name', 'Give the venue a name.', '请填写会场名称。'),
  eventMissing: fieldProblem(
    'event',
    'Name the event, e.g. "Double 11 2026".',
    '请填写活动名称，如“2026 双11”。',
  ),
  submissionIdsMalformed: fieldProblem(
    'submissionIds',
    'Some of these ids are not submission ids.',
    '其中有些 ID 不是提交 ID。',
  ),
  submissionIdsRepeated: fieldProblem(
    'submissionIds',
    'Each submission may appear once.',
    '每个提交只能出现一次。',
  ),
  lineupOverCapacity: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'submissionIds',
    en: (capacity: number) => `At most ${capacity} entries: the venue's capacity.`,
    zh: (capacity: number) => `最多 ${capacity} 个，即会场的容量。`,
  },
  notSubmissionsOfVenue: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'submissionIds',
    en: (ids: string[]) => `Not submissions to this venue: ${ids.join(', ')}.`,
    zh: (ids: string[]) => `以下不是该会场的提交：${ids.join('、')}。`,
  },
  notAccepted: {
    code: ErrorCode.CONFLICT,
    en: (rows: { id: string; status: string }[]) =>
      `Only ACCEPTED submissions go in the lineup: ${rows.map((row) => `${row.id} is ${row.status}`).join('; ')}.`,
    zh: (rows: { id: string; status: string }[]) =>
      `只有已入选的提交可以加入排期：${rows
        .map((row) => `${row.id} ${SUBMISSION_STATUS_ZH[row.status] ?? row.status}`)
        .join('；')}。`,
  },
  rejectReasonMissing: fieldProblem(
    'reason',
    'Say why the submission is rejected: the submitter reads it.',
    '请说明不入选的原因，提交者会看到。',
  ),
});
