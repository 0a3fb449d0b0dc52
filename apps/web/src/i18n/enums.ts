import type { Lang } from '../lib/countdown';

type Labels = Record<string, { zh: string; en: string }>;

/** Display names of the API's enum values, by enum. Unknown values show as they are. */
const ENUMS = {
  OrderStatus: {
    AWAITING_FUNDING: { zh: '待付款', en: 'Awaiting funding' },
    IN_PROGRESS: { zh: '制作中', en: 'In progress' },
    DELIVERED: { zh: '待验收', en: 'Delivered' },
    REVISION_REQUESTED: { zh: '修改中', en: 'Revision requested' },
    COMPLETED: { zh: '已完成', en: 'Completed' },
    CANCELLED: { zh: '已取消', en: 'Cancelled' },
    DISPUTED: { zh: '纠纷中', en: 'Disputed' },
    RESOLVED: { zh: '已裁决', en: 'Resolved' },
  },
  TaskStatus: {
    DRAFT: { zh: '草稿', en: 'Draft' },
    OPEN: { zh: '招募中', en: 'Open' },
    CLOSED: { zh: '已截止', en: 'Closed' },
    COMPLETED: { zh: '已完成', en: 'Completed' },
    CANCELLED: { zh: '已取消', en: 'Cancelled' },
  },
  BidStatus: {
    PENDING: { zh: '待确认', en: 'Pending' },
    ACCEPTED: { zh: '已接受', en: 'Accepted' },
    REJECTED: { zh: '已拒绝', en: 'Rejected' },
    WITHDRAWN: { zh: '已撤回', en: 'Withdrawn' },
    EXPIRED: { zh: '已过期', en: 'Expired' },
  },
  InvitationStatus: {
    PENDING: { zh: '待回复', en: 'Pending' },
    ACCEPTED: { zh: '已接受', en: 'Accepted' },
    DECLINED: { zh: '已婉拒', en: 'Declined' },
    EXPIRED: { zh: '已过期', en: 'Expired' },
  },
  OfferStatus: {
    ACTIVE: { zh: '上架中', en: 'Active' },
    PAUSED: { zh: '已暂停', en: 'Paused' },
    CLOSED: { zh: '已下架', en: 'Closed' },
  },
  CreatorOrder: {
    RELEVANCE: { zh: '综合排序', en: 'Best match' },
    FOLLOWERS: { zh: '粉丝最多', en: 'Most followers' },
    RATING: { zh: '评分最高', en: 'Top rated' },
    COMPLETED_ORDERS: { zh: '成交最多', en: 'Most orders' },
    PRICE_LOW: { zh: '报价最低', en: 'Lowest price' },
    NEWEST: { zh: '最新入驻', en: 'Newest' },
  },
  CreatorTier: {
    ORDINARY: { zh: '普通达人', en: 'Ordinary' },
    CREATOR: { zh: '大V达人', en: 'Creator' },
    EXPERT: { zh: '资深达人', en: 'Expert' },
    CELEBRITY: { zh: '明星达人', en: 'Celebrity' },
  },
  ContentType: {
    POST: { zh: '图文', en: 'Post' },
    LIST: { zh: '清单', en: 'List' },
    OUTFIT: { zh: '搭配', en: 'Outfit' },
    VIDEO: { zh: '短视频', en: 'Video' },
    LIVE: { zh: '直播', en: 'Live' },
  },
  Channel: {
    HEADLINES: { zh: '淘宝头条', en: 'Headlines' },
    GOOD_FINDS: { zh: '有好货', en: 'Good finds' },
    STROLL: { zh: '爱逛街', en: 'Stroll' },
    LIST: { zh: '必买清单', en: 'Lists' },
    MUST_BUY: { zh: '必买', en: 'Must buy' },
    HOT_MARKET: { zh: '热门市场', en: 'Hot market' },
    LIVE: { zh: '淘宝直播', en: 'Live' },
    COMMUNITY: { zh: '社区', en: 'Community' },
    EXTERNAL: { zh: '站外', en: 'External' },
  },
  TaskVisibility: {
    PUBLIC: { zh: '公开', en: 'Public' },
    INVITE_ONLY: { zh: '仅邀请', en: 'Invite only' },
  },
  OrderSource: {
    BID: { zh: '报名', en: 'Bid' },
    INVITATION: { zh: '邀请', en: 'Invitation' },
    OFFER: { zh: '服务预订', en: 'Offer' },
  },
  EscrowStatus: {
    UNFUNDED: { zh: '未付款', en: 'Unfunded' },
    PENDING: { zh: '确认中', en: 'Pending' },
    HELD: { zh: '托管中', en: 'Held' },
    RELEASED: { zh: '已结算', en: 'Released' },
    REFUNDED: { zh: '已退款', en: 'Refunded' },
    SPLIT: { zh: '已分配', en: 'Split' },
  },
  DeliverableStatus: {
    SUBMITTED: { zh: '待验收', en: 'Submitted' },
    APPROVED: { zh: '已通过', en: 'Approved' },
    CHANGES_REQUESTED: { zh: '需修改', en: 'Changes requested' },
  },
  PayoutStatus: {
    PENDING: { zh: '处理中', en: 'Pending' },
    PAID: { zh: '已到账', en: 'Paid' },
    FAILED: { zh: '失败', en: 'Failed' },
  },
  Role: {
    MERCHANT: { zh: '商家', en: 'Merchant' },
    CREATOR: { zh: '达人', en: 'Creator' },
    AGENCY: { zh: '机构', en: 'Agency' },
    ADMIN: { zh: '平台运营', en: 'Admin' },
  },
  VenueKind: {
    CREATOR: { zh: '达人会场', en: 'Creator' },
    LIVE: { zh: '直播会场', en: 'Live' },
    HEADLINE: { zh: '头条会场', en: 'Headline' },
    LIST: { zh: '清单会场', en: 'List' },
  },
  VenuePhase: {
    UPCOMING: { zh: '未开始', en: 'Upcoming' },
    RECRUITING: { zh: '招募中', en: 'Recruiting' },
    DOCKING: { zh: '对接中', en: 'Docking' },
    CURATING: { zh: '排期中', en: 'Curating' },
    LIVE: { zh: '进行中', en: 'Live' },
    ENDED: { zh: '已结束', en: 'Ended' },
  },
  EnrollmentStatus: {
    PENDING: { zh: '待审核', en: 'Pending' },
    APPROVED: { zh: '已通过', en: 'Approved' },
    REJECTED: { zh: '已拒绝', en: 'Rejected' },
  },
  SubmissionStatus: {
    SUBMITTED: { zh: '待审核', en: 'Submitted' },
    ACCEPTED: { zh: '已入选', en: 'Accepted' },
    REJECTED: { zh: '未入选', en: 'Rejected' },
    WITHDRAWN: { zh: '已撤回', en: 'Withdrawn' },
  },
  OrderEvent: {
    CREATED: { zh: '订单创建', en: 'Created' },
    FUNDED: { zh: '付款托管', en: 'Funded' },
    DELIVERED: { zh: '提交交付', en: 'Delivered' },
    REVISION_REQUESTED: { zh: '要求修改', en: 'Revision requested' },
    ACCEPTED: { zh: '验收通过', en: 'Accepted' },
    AUTO_ACCEPTED: { zh: '自动验收', en: 'Auto-accepted' },
    CANCELLED: { zh: '订单取消', en: 'Cancelled' },
    DISPUTED: { zh: '发起纠纷', en: 'Disputed' },
    DISPUTE_OPENED: { zh: '发起纠纷', en: 'Dispute opened' },
    RESOLVED: { zh: '纠纷裁决', en: 'Resolved' },
    REVIEW_REMINDER: { zh: '验收提醒', en: 'Review reminder' },
    FUNDING_EXPIRED: { zh: '付款超时', en: 'Funding expired' },
    FUNDING_FAILED: { zh: '付款失败', en: 'Funding failed' },
  },
  // What each notification is about, as its title; the API's message (English) gives the details.
  NotificationType: {
    BID_RECEIVED: { zh: '收到新报名', en: 'New bid' },
    BID_ACCEPTED: { zh: '报名已被接受', en: 'Bid accepted' },
    BID_REJECTED: { zh: '报名未通过', en: 'Bid rejected' },
    INVITATION_RECEIVED: { zh: '收到定向邀请', en: 'New invitation' },
    INVITATION_ACCEPTED: { zh: '达人接受了邀请', en: 'Invitation accepted' },
    INVITATION_DECLINED: { zh: '达人婉拒了邀请', en: 'Invitation declined' },
    INVITATION_EXPIRED: { zh: '邀请已过期', en: 'Invitation expired' },
    OFFER_BOOKED: { zh: '服务被预订', en: 'Offer booked' },
    ORDER_FUNDED: { zh: '订单已付款托管', en: 'Order funded' },
    FUNDING_EXPIRED: { zh: '付款超时，订单取消', en: 'Funding expired' },
    ORDER_CANCELLED: { zh: '订单已取消', en: 'Order cancelled' },
    DELIVERABLE_SUBMITTED: { zh: '达人提交了交付', en: 'Delivery to review' },
    REVIEW_REMINDER: { zh: '验收即将到期', en: 'Review reminder' },
    REVISION_REQUESTED: { zh: '商家要求修改', en: 'Revision requested' },
    DELIVERY_ACCEPTED: { zh: '交付已验收', en: 'Delivery accepted' },
    DELIVERY_AUTO_ACCEPTED: { zh: '交付已自动验收', en: 'Delivery auto-accepted' },
    DISPUTE_OPENED: { zh: '对方发起了纠纷', en: 'Dispute opened' },
    DISPUTE_RESOLVED: { zh: '纠纷已裁决', en: 'Dispute resolved' },
    AGENCY_INVITATION: { zh: '机构邀请你加入', en: 'Agency invitation' },
    VENUE_ENROLLMENT_APPROVED: { zh: '会场报名已通过', en: 'Venue enrollment approved' },
    VENUE_ENROLLMENT_REJECTED: { zh: '会场报名未通过', en: 'Venue enrollment rejected' },
    VENUE_SUBMISSION_ACCEPTED: { zh: '内容已入选会场', en: 'Submission accepted' },
    VENUE_SUBMISSION_REJECTED: { zh: '内容未入选会场', en: 'Submission rejected' },
    VENUE_LINEUP_PUBLISHED: { zh: '会场排期已发布', en: 'Lineup published' },
    VENUE_DEADLINE_SOON: { zh: '会场提交即将截止', en: 'Venue deadline soon' },
    TASK_UPDATED: { zh: '任务条款已更新', en: 'Task updated' },
  },
} satisfies Record<string, Labels>;

export type EnumName = keyof typeof ENUMS;

export function enumLabel(name: EnumName, value: string, lang: Lang): string {
  const labels: Labels = ENUMS[name];
  return labels[value]?.[lang] ?? value;
}

export function enumValues(name: EnumName): string[] {
  return Object.keys(ENUMS[name]);
}
