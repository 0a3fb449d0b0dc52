import { defineErrors, ErrorCode, formatInstant } from '@vtask/core';

const PUBLICATION_STATUS_ZH: Record<string, string> = {
  UNPUBLISHED: '未发布',
  LIVE: '已发布',
  REPORTED_DOWN: '被反馈下架',
  RETAINED: '已保留满期',
  BREACHED: '未履约',
};

/** Every domain error orders throws (the transition tables word their own CONFLICTs). */
export const OrdersErrors = defineErrors('orders', {
  /** The same answer for "no such order" and "not yours", so ids cannot be probed. */
  notFound: { code: ErrorCode.NOT_FOUND, en: () => 'No order with this id.', zh: () => '没有这个订单。' },
  noRevisionFeedback: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'feedback',
    en: () => 'Tell the creator what to change.',
    zh: () => '请告诉达人要修改什么。',
  },
  noCancelReason: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'reason',
    en: () => 'Say why the order is cancelled.',
    zh: () => '请说明取消订单的原因。',
  },
  noDisputeReason: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'reason',
    en: () => 'Say what the dispute is about.',
    zh: () => '请说明争议的内容。',
  },
  noDecisionNote: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'note',
    en: () => 'Explain the decision; both parties see it.',
    zh: () => '请说明裁决理由，双方都会看到。',
  },
  tooLong: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string, max: number) => `At most ${max} characters.`,
    zh: (_field: string, max: number) => `最多 ${max} 个字符。`,
  },
  badRating: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'rating',
    en: () => 'From 1 to 5.',
    zh: () => '请打 1 到 5 分。',
  },
  tooManyMedia: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'mediaUrls',
    en: (max: number) => `At most ${max} media URLs.`,
    zh: (max: number) => `最多 ${max} 个素材链接。`,
  },
  notHttpUrl: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string) => 'Must be an http(s) URL.',
    zh: (_field: string) => '必须是 http(s) 网址。',
  },
  untitledDeliverable: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'title',
    en: () => 'Give the deliverable a title.',
    zh: () => '请给交付内容起个标题。',
  },
  emptyDeliverable: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'body',
    en: () => 'Describe the deliverable.',
    zh: () => '请描述交付内容。',
  },
  notTheMerchant: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the order's merchant does this.",
    zh: () => '只有订单的商家可以这样做。',
  },
  onlyMerchantFunds: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the order's merchant funds it.",
    zh: () => '只有订单的商家可以托管资金。',
  },
  onlyCreatorDelivers: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the order's creator delivers.",
    zh: () => '只有订单的达人可以交付。',
  },
  onlyCreatorReviewsMerchant: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the order's creator reviews its merchant.",
    zh: () => '只有订单的达人可以评价商家。',
  },
  onlyPartiesCancel: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the order's merchant or creator cancels it.",
    zh: () => '只有订单的商家或达人可以取消订单。',
  },
  onlyPartiesDispute: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the order's merchant or creator opens a dispute.",
    zh: () => '只有订单的商家或达人可以发起争议。',
  },
  onlyAdminsResolve: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only admins resolve disputes.',
    zh: () => '只有管理员可以裁决争议。',
  },
  fundingClosed: {
    code: ErrorCode.DEADLINE_PASSED,
    en: () => 'The funding window of this order has closed.',
    zh: () => '这个订单的托管期限已过。',
  },
  deliverByPassed: {
    code: ErrorCode.DEADLINE_PASSED,
    en: () => 'The delivery deadline of this order has passed; it can no longer be funded.',
    zh: () => '这个订单的交付截止时间已过，无法再托管付款。',
  },
  requestInProgress: {
    code: ErrorCode.CONFLICT,
    en: () => 'A request with this idempotency key is already being processed.',
    zh: () => '使用这个幂等键的请求正在处理中。',
  },
  revisionsUsed: {
    code: ErrorCode.CONFLICT,
    en: (max: number) => `All ${max} revisions are used; accept the delivery or open a dispute.`,
    zh: (max: number) => `${max} 次修改机会已用完，请验收交付或发起争议。`,
  },
  deliveredCannotCancel: {
    code: ErrorCode.CONFLICT,
    en: () =>
      'The creator has delivered, so the order cannot be cancelled: accept it, request a revision or open a dispute.',
    zh: () => '达人已交付，订单不能取消：请验收、要求修改或发起争议。',
  },
  noProposalReason: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'reason',
    en: () => 'Say why you propose to cancel.',
    zh: () => '请说明提议取消的原因。',
  },
  onlyPartiesPropose: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the order's merchant or creator proposes or answers a cancellation.",
    zh: () => '只有订单的商家或达人可以提议或回应取消。',
  },
  cannotProposeNow: {
    code: ErrorCode.CONFLICT,
    en: (status: string) =>
      `A cancellation can be proposed while the order is in progress, delivered, under revision or disputed, not ${status}.`,
    zh: (status: string) => `只有进行中、已交付、修改中或争议中的订单可以提议取消，当前为 ${status}。`,
  },
  proposalPending: {
    code: ErrorCode.CONFLICT,
    en: () => 'A cancellation proposal is already pending on this order: answer or withdraw it first.',
    zh: () => '这个订单已有待回应的取消提议，请先回应或撤回。',
  },
  proposalNotFound: {
    code: ErrorCode.NOT_FOUND,
    en: () => 'No cancellation proposal with this id.',
    zh: () => '没有这个取消提议。',
  },
  notYourProposalToAnswer: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'The other party answers a cancellation proposal; you may withdraw your own.',
    zh: () => '取消提议由对方回应，你可以撤回自己的提议。',
  },
  notYourProposal: {
    code: ErrorCode.FORBIDDEN,
    en: () => 'Only who proposed a cancellation withdraws it.',
    zh: () => '只有提议人可以撤回取消提议。',
  },
  alreadyClosed: {
    code: ErrorCode.CONFLICT,
    en: (status: string) => `The order is already ${status}.`,
    zh: (status: string) => `订单已经是 ${status} 状态。`,
  },
  notCompleted: {
    code: ErrorCode.CONFLICT,
    en: (status: string) => `Only a COMPLETED order can be reviewed; this one is ${status}.`,
    zh: (status: string) => `只有已完成（COMPLETED）的订单可以评价，这个订单是 ${status}。`,
  },
  alreadyReviewed: {
    code: ErrorCode.CONFLICT,
    en: () => 'You have already reviewed this merchant for this order.',
    zh: () => '你已经为这个订单评价过这位商家。',
  },
  otherCurrency: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'creatorAmount.currencyCode',
    en: (currency: string) => `Use the order's currency, ${currency}.`,
    zh: (currency: string) => `请使用订单的币种 ${currency}。`,
  },
  creatorAmountOutOfRange: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'creatorAmount.amount',
    en: (price: string) => `From 0 to the price, ${price}.`,
    zh: (price: string) => `金额应在 0 到订单价格 ${price} 之间。`,
  },
  taskOrderChanging: {
    code: ErrorCode.CONFLICT,
    en: () => 'An order of this task is changing right now; try again in a moment.',
    zh: () => '这个任务的订单正在变更，请稍后重试。',
  },
  onlyCreatorPublishes: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the order's creator marks its content published or restored.",
    zh: () => '只有订单的达人可以标记内容已发布或已恢复。',
  },
  onlyMerchantReportsTakedown: {
    code: ErrorCode.FORBIDDEN,
    en: () => "Only the order's merchant reports its content taken down.",
    zh: () => '只有订单的商家可以反馈内容被下架。',
  },
  notAcceptedYet: {
    code: ErrorCode.CONFLICT,
    en: (status: string) => `Content is published after the delivery is accepted; this order is ${status}.`,
    zh: (status: string) => `交付验收后才能发布内容，这个订单是 ${status} 状态。`,
  },
  nothingPublishedYet: {
    code: ErrorCode.CONFLICT,
    en: (status: string) =>
      `A takedown is reported once the accepted content is published; this order is ${status}.`,
    zh: (status: string) => `内容验收并发布后才能反馈下架，这个订单是 ${status} 状态。`,
  },
  publicationIs: {
    code: ErrorCode.CONFLICT,
    en: (status: string) => `The publication is ${status}; this cannot be done now.`,
    zh: (status: string) => `内容当前${PUBLICATION_STATUS_ZH[status] ?? status}，现在不能这样操作。`,
  },
  retentionEnded: {
    code: ErrorCode.CONFLICT,
    en: () => 'The retention window has ended; a takedown can no longer be reported.',
    zh: () => '约定保留期已结束，不能再反馈下架。',
  },
  restoreWindowPassed: {
    code: ErrorCode.CONFLICT,
    en: () => 'The time to restore the content has passed.',
    zh: () => '恢复内容的期限已过。',
  },
  noTakedownNote: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'note',
    en: () => 'Say what is down (a link, a screenshot).',
    zh: () => '请说明哪里下架了（链接或截图）。',
  },
  exclusivityConflict: {
    code: ErrorCode.CONFLICT,
    en: (until: Date) => (reader) =>
      `This creator is exclusive to another merchant of the same industry until ${formatInstant(until, reader)}.`,
    zh: (until: Date) => (reader) => `该达人在 ${formatInstant(until, reader)} 前为同行业另一商家独家合作。`,
  },
});
