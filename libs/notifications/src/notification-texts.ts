import type { TextContext } from '@vtask/core';
import { DEAL_TERMS_TEXTS, type DealTermsParamsByType } from './deal-terms.notification-texts';
import { MATCHMAKING_TEXTS, type MatchmakingParamsByType } from './matchmaking.notification-texts';
import { NotificationType } from './notification-type';
import {
  actorEn,
  actorZh,
  at,
  CNY,
  EXAMPLE_AT,
  money,
  sentence,
  zhSentence,
  type Actor,
  type Instant,
  type MoneyParam,
  type NotificationText,
} from './notification-words';

export { moneyParam, type MoneyParam } from './notification-words';

/**
 * What each notification type stores besides its type: the facts, not a sentence, so its title and
 * message are written at read time in the reader's language and zone (SPEC "Language and conversation").
 */
export interface NotificationParamsByType extends DealTermsParamsByType, MatchmakingParamsByType {
  BID_RECEIVED: { handle: string; price: MoneyParam; title: string; pitch: string };
  BID_ACCEPTED: { shop: string; price: MoneyParam; title: string; fundBy: Instant };
  BID_REJECTED: { shop: string; price: MoneyParam; title: string; reason: string | null };
  INVITATION_RECEIVED: {
    shop: string;
    title: string;
    price: MoneyParam;
    answerBy: Instant;
    note: string | null;
  };
  INVITATION_ACCEPTED: { handle: string; title: string; price: MoneyParam; fundBy: Instant };
  INVITATION_DECLINED: { handle: string; title: string };
  INVITATION_EXPIRED: { handle: string; title: string };
  OFFER_BOOKED: { shop: string; title: string; price: MoneyParam; fundBy: Instant; brief: string };
  ORDER_FUNDED: { shop: string; title: string; price: MoneyParam; deliverBy: Instant };
  /** To the merchant `handle` is set (the creator they hired); to the creator `shop`. */
  FUNDING_EXPIRED: { title: string; handle?: string; shop?: string };
  /** `refund` only to the merchant of a funded order. */
  ORDER_CANCELLED: {
    by: Actor;
    shop: string;
    handle: string;
    title: string;
    reason: string | null;
    refund: MoneyParam | null;
    /** The kill fee the creator side keeps (before fees), when the merchant cancelled mid-work. */
    fee?: MoneyParam | null;
  };
  /** `version`: the delivery's number, when known. */
  DELIVERABLE_SUBMITTED: { handle: string; title: string; version: number | null; reviewBy: Instant };
  REVIEW_REMINDER: { handle: string; title: string; reviewBy: Instant };
  REVISION_REQUESTED: { shop: string; title: string; used: number; max: number; feedback: string };
  DELIVERY_ACCEPTED: { shop: string; title: string; payout: MoneyParam };
  /** To the merchant `handle` is set; to the creator `payout`. */
  DELIVERY_AUTO_ACCEPTED: { title: string; handle?: string; payout?: MoneyParam };
  DISPUTE_OPENED: {
    by: Actor;
    shop: string;
    handle: string;
    title: string;
    reason: string;
    price: MoneyParam;
  };
  DISPUTE_RESOLVED: {
    title: string;
    price: MoneyParam;
    toCreator: MoneyParam;
    refund: MoneyParam;
    decision: string;
  };
  AGENCY_INVITATION: { agency: string; sharePercent: number };
  VENUE_ENROLLMENT_APPROVED: { venue: string; event: string; submitBy: Instant };
  VENUE_ENROLLMENT_REJECTED: { venue: string; event: string };
  VENUE_SUBMISSION_ACCEPTED: { venue: string; event: string; why: string | null };
  VENUE_SUBMISSION_REJECTED: { venue: string; event: string; why: string };
  VENUE_LINEUP_PUBLISHED: { venue: string; event: string; position: number };
  VENUE_DEADLINE_SOON: { venue: string; event: string; closesAt: Instant };
  MESSAGE_UNREAD: Record<string, never>;
  /** `changed`: the terms by their API names; `invited`: the reader was invited rather than bid. */
  TASK_UPDATED: { shop: string; title: string; changed: string[]; invited: boolean };
  CONTENT_PUBLISHED: { handle: string; title: string; url: string; retainUntil: Instant };
  TAKEDOWN_REPORTED: { shop: string; title: string; note: string; restoreBy: Instant };
  CONTENT_RESTORED: { handle: string; title: string; url: string };
  HOLDBACK_RELEASED: { title: string; holdback: MoneyParam };
  /** `unpublished`: never marked published in time (else: not restored in time). */
  RETENTION_BREACHED: { title: string; holdback: MoneyParam; unpublished: boolean };
}

/** A notification's type with its parameters, as a writer hands it over. */
export type NotificationContent = {
  [K in NotificationType]: { type: K; params: NotificationParamsByType[K] };
}[NotificationType];

/** A task's terms as TASK_UPDATED names them (updateTask's input fields). */
const TASK_TERMS: Record<string, { en: string; zh: string }> = {
  title: { en: 'the title', zh: '标题' },
  brief: { en: 'the brief', zh: '需求说明' },
  channels: { en: 'the channels', zh: '发布渠道' },
  domainTags: { en: 'the tags', zh: '领域标签' },
  minTier: { en: 'the minimum tier', zh: '达人等级要求' },
  budget: { en: 'the budget', zh: '预算' },
  slots: { en: 'the slots', zh: '名额' },
  applyBy: { en: 'the application deadline', zh: '报名截止时间' },
  deliverBy: { en: 'the delivery deadline', zh: '交付截止时间' },
  maxRevisions: { en: 'the revisions allowed', zh: '最多修改次数' },
  usageRights: { en: 'the usage rights', zh: '内容使用权' },
  retentionDays: { en: 'the retention period', zh: '内容保留期' },
};

/** Every notification type's words, in both languages. */
export const NOTIFICATION_TEXTS: { [K in NotificationType]: NotificationText<NotificationParamsByType[K]> } =
  {
    BID_RECEIVED: {
      en: (p, r) => `@${p.handle} bid ${money(p.price, r)} on "${p.title}": "${p.pitch}"`,
      zh: (p, r) => `达人 @${p.handle} 报名了「${p.title}」，报价 ${money(p.price, r)}：“${p.pitch}”`,
      example: { handle: 'lily', price: CNY('800.00'), title: '新品面霜种草', pitch: '擅长护肤测评' },
    },
    BID_ACCEPTED: {
      en: (p, r) =>
        `${p.shop} accepted your bid of ${money(p.price, r)} on "${p.title}": the order starts once they fund it (by ${at(p.fundBy, r)}).`,
      zh: (p, r) =>
        `商家「${p.shop}」接受了你对「${p.title}」的报名（报价 ${money(p.price, r)}）。商家付款托管后订单开始（付款截止 ${at(p.fundBy, r)}）。`,
      example: { shop: '小美旗舰店', price: CNY('800.00'), title: '新品面霜种草', fundBy: EXAMPLE_AT },
    },
    BID_REJECTED: {
      en: (p, r) =>
        `${p.shop} declined your bid of ${money(p.price, r)} on "${p.title}"${p.reason ? `: ${p.reason}` : '.'}`,
      zh: (p, r) =>
        `商家「${p.shop}」未接受你对「${p.title}」的报名（报价 ${money(p.price, r)}）${p.reason ? `：${p.reason}` : '。'}`,
      example: { shop: '小美旗舰店', price: CNY('800.00'), title: '新品面霜种草', reason: '预算已用完' },
    },
    INVITATION_RECEIVED: {
      en: (p, r) =>
        `${p.shop} invites you to "${p.title}" at ${money(p.price, r)}: answer by ${at(p.answerBy, r)}.${p.note ? ` Their note: "${p.note}"` : ''}`,
      zh: (p, r) =>
        `商家「${p.shop}」邀请你参与「${p.title}」，报酬 ${money(p.price, r)}，请在 ${at(p.answerBy, r)} 前回复。${p.note ? `留言：“${p.note}”` : ''}`,
      example: {
        shop: '小美旗舰店',
        title: '新品面霜种草',
        price: CNY('800.00'),
        answerBy: EXAMPLE_AT,
        note: '期待合作',
      },
    },
    INVITATION_ACCEPTED: {
      en: (p, r) =>
        `@${p.handle} accepted your invitation to "${p.title}" at ${money(p.price, r)}: fund the order by ${at(p.fundBy, r)} so work can start.`,
      zh: (p, r) =>
        `达人 @${p.handle} 接受了你对「${p.title}」的邀请（${money(p.price, r)}）。请在 ${at(p.fundBy, r)} 前付款托管，达人即可开工。`,
      example: { handle: 'lily', title: '新品面霜种草', price: CNY('800.00'), fundBy: EXAMPLE_AT },
    },
    INVITATION_DECLINED: {
      en: (p) => `@${p.handle} declined your invitation to "${p.title}".`,
      zh: (p) => `达人 @${p.handle} 婉拒了你对「${p.title}」的邀请。`,
      example: { handle: 'lily', title: '新品面霜种草' },
    },
    INVITATION_EXPIRED: {
      en: (p) => `@${p.handle} did not answer your invitation to "${p.title}" in time; it has expired.`,
      zh: (p) => `达人 @${p.handle} 未在期限内回复你对「${p.title}」的邀请，邀请已过期。`,
      example: { handle: 'lily', title: '新品面霜种草' },
    },
    OFFER_BOOKED: {
      en: (p, r) =>
        `${p.shop} booked your offer "${p.title}" at ${money(p.price, r)}; the order starts once they fund it (by ${at(p.fundBy, r)}). Their brief: "${p.brief}"`,
      zh: (p, r) =>
        `商家「${p.shop}」预订了你的服务「${p.title}」（${money(p.price, r)}），付款托管后订单开始（付款截止 ${at(p.fundBy, r)}）。需求：“${p.brief}”`,
      example: {
        shop: '小美旗舰店',
        title: '直播带货一场',
        price: CNY('1200.00'),
        fundBy: EXAMPLE_AT,
        brief: '双11 预热',
      },
    },
    ORDER_FUNDED: {
      en: (p, r) =>
        `${p.shop} funded "${p.title}": ${money(p.price, r)} is held in escrow. Start work and deliver by ${at(p.deliverBy, r)}.`,
      zh: (p, r) =>
        `商家「${p.shop}」已为「${p.title}」付款，${money(p.price, r)} 已托管。请开始创作，并在 ${at(p.deliverBy, r)} 前交付。`,
      example: { shop: '小美旗舰店', title: '新品面霜种草', price: CNY('800.00'), deliverBy: EXAMPLE_AT },
    },
    FUNDING_EXPIRED: {
      en: (p) =>
        p.handle !== undefined
          ? `"${p.title}" with @${p.handle} was not funded in time, so the order is cancelled.`
          : `${p.shop ?? 'The merchant'} did not fund "${p.title}" in time, so the order is cancelled.`,
      zh: (p) =>
        p.handle !== undefined
          ? `与达人 @${p.handle} 的「${p.title}」未在期限内付款，订单已取消。`
          : `商家「${p.shop ?? ''}」未在期限内为「${p.title}」付款，订单已取消。`,
      example: { title: '新品面霜种草', shop: '小美旗舰店' },
    },
    ORDER_CANCELLED: {
      en: (p, r) =>
        `${actorEn(p, 'The platform')} cancelled "${p.title}"${p.reason ? `: ${sentence(p.reason)}` : '.'}${p.refund && p.fee ? ` ${money(p.refund, r)} of your payment is refunded.` : p.refund ? ` Your payment of ${money(p.refund, r)} is refunded.` : ''}${p.fee ? ` The creator side keeps a kill fee of ${money(p.fee, r)} (fees apply).` : ''}`,
      zh: (p, r) =>
        `${actorZh(p, '平台')}取消了「${p.title}」${p.reason ? `：${zhSentence(p.reason)}` : '。'}${p.refund && p.fee ? `你支付的款项中 ${money(p.refund, r)} 将退回。` : p.refund ? `你支付的 ${money(p.refund, r)} 将退回。` : ''}${p.fee ? `达人一方保留取消补偿 ${money(p.fee, r)}（另扣服务费）。` : ''}`,
      example: {
        by: 'CREATOR',
        shop: '小美旗舰店',
        handle: 'lily',
        title: '新品面霜种草',
        reason: '档期冲突',
        refund: CNY('800.00'),
      },
    },
    DELIVERABLE_SUBMITTED: {
      en: (p, r) =>
        `@${p.handle} delivered "${p.title}"${p.version ? ` (version ${p.version})` : ''}: review it by ${at(p.reviewBy, r)}, or it is accepted automatically.`,
      zh: (p, r) =>
        `达人 @${p.handle} 交付了「${p.title}」${p.version ? `（第 ${p.version} 版）` : ''}，请在 ${at(p.reviewBy, r)} 前验收，逾期将自动验收。`,
      example: { handle: 'lily', title: '新品面霜种草', version: 2, reviewBy: EXAMPLE_AT },
    },
    REVIEW_REMINDER: {
      en: (p, r) =>
        `24 hours left to review @${p.handle}'s delivery of "${p.title}": accept it, ask for changes or open a dispute by ${at(p.reviewBy, r)}, or it is accepted automatically.`,
      zh: (p, r) =>
        `达人 @${p.handle} 交付的「${p.title}」还剩 24 小时验收：请在 ${at(p.reviewBy, r)} 前验收、要求修改或发起争议，逾期将自动验收。`,
      example: { handle: 'lily', title: '新品面霜种草', reviewBy: EXAMPLE_AT },
    },
    REVISION_REQUESTED: {
      en: (p) =>
        `${p.shop} asked for changes to "${p.title}" (revision ${p.used} of ${p.max}): ${p.feedback}`,
      zh: (p) => `商家「${p.shop}」要求修改「${p.title}」（第 ${p.used} 次，共 ${p.max} 次）：${p.feedback}`,
      example: { shop: '小美旗舰店', title: '新品面霜种草', used: 1, max: 2, feedback: '请突出保湿效果' },
    },
    DELIVERY_ACCEPTED: {
      en: (p, r) =>
        `${p.shop} accepted your delivery of "${p.title}": ${money(p.payout, r)} is released to your wallet.`,
      zh: (p, r) => `商家「${p.shop}」已验收「${p.title}」，${money(p.payout, r)} 已打入你的钱包。`,
      example: { shop: '小美旗舰店', title: '新品面霜种草', payout: CNY('720.00') },
    },
    DELIVERY_AUTO_ACCEPTED: {
      en: (p, r) =>
        p.handle !== undefined
          ? `The review window of "${p.title}" ended, so @${p.handle}'s delivery was accepted automatically and the escrow released.`
          : `The review window of "${p.title}" ended, so your delivery was accepted automatically${p.payout ? `: ${money(p.payout, r)} is released to your wallet.` : '.'}`,
      zh: (p, r) =>
        p.handle !== undefined
          ? `「${p.title}」验收期已过，达人 @${p.handle} 的交付已自动验收，托管款已放款。`
          : `「${p.title}」验收期已过，你的交付已自动验收${p.payout ? `，${money(p.payout, r)} 已打入你的钱包。` : '。'}`,
      example: { title: '新品面霜种草', payout: CNY('720.00') },
    },
    DISPUTE_OPENED: {
      en: (p, r) =>
        `${actorEn(p, 'A party')} opened a dispute on "${p.title}": ${sentence(p.reason)} An admin will decide how the escrow of ${money(p.price, r)} is split.`,
      zh: (p, r) =>
        `${actorZh(p, '一方')}对「${p.title}」发起了争议：${zhSentence(p.reason)}管理员将裁定托管款 ${money(p.price, r)} 如何分配。`,
      example: {
        by: 'MERCHANT',
        shop: '小美旗舰店',
        handle: 'lily',
        title: '新品面霜种草',
        reason: '内容与需求不符',
        price: CNY('800.00'),
      },
    },
    DISPUTE_RESOLVED: {
      en: (p, r) =>
        `An admin resolved the dispute on "${p.title}": ${money(p.toCreator, r)} of the ${money(p.price, r)} escrow goes to the creator (fees apply) and ${money(p.refund, r)} is refunded to the merchant. Decision: ${sentence(p.decision)}`,
      zh: (p, r) =>
        `管理员已裁定「${p.title}」的争议：托管款 ${money(p.price, r)} 中 ${money(p.toCreator, r)} 归达人（另扣服务费），${money(p.refund, r)} 退还商家。裁定说明：${zhSentence(p.decision)}`,
      example: {
        title: '新品面霜种草',
        price: CNY('800.00'),
        toCreator: CNY('400.00'),
        refund: CNY('400.00'),
        decision: '双方各担一半',
      },
    },
    AGENCY_INVITATION: {
      en: (p) =>
        `${p.agency} invites you to join it (it takes ${p.sharePercent}% of each payout). Join or decline on your profile.`,
      zh: (p) =>
        `机构「${p.agency}」邀请你加入（每笔收入抽成 ${p.sharePercent}%）。可在“我的资料”中加入或婉拒。`,
      example: { agency: '星火 MCN', sharePercent: 15 },
    },
    VENUE_ENROLLMENT_APPROVED: {
      en: (p, r) =>
        `You are in "${p.venue}" (${p.event}): submit content of completed orders by ${at(p.submitBy, r)}.`,
      zh: (p, r) =>
        `你已入选会场「${p.venue}」（${p.event}）：请在 ${at(p.submitBy, r)} 前提交已完成订单的内容。`,
      example: { venue: '双11 美妆会场', event: '2026 双11', submitBy: EXAMPLE_AT },
    },
    VENUE_ENROLLMENT_REJECTED: {
      en: (p) => `Your enrollment in "${p.venue}" (${p.event}) was not approved.`,
      zh: (p) => `你在会场「${p.venue}」（${p.event}）的报名未通过审核。`,
      example: { venue: '双11 美妆会场', event: '2026 双11' },
    },
    VENUE_SUBMISSION_ACCEPTED: {
      en: (p) => `Your submission to "${p.venue}" (${p.event}) was accepted${p.why ? `: ${p.why}` : '.'}`,
      zh: (p) => `你提交到会场「${p.venue}」（${p.event}）的内容已通过${p.why ? `：${p.why}` : '。'}`,
      example: { venue: '双11 美妆会场', event: '2026 双11', why: '画面精美' },
    },
    VENUE_SUBMISSION_REJECTED: {
      en: (p) => `Your submission to "${p.venue}" (${p.event}) was rejected: ${p.why}`,
      zh: (p) => `你提交到会场「${p.venue}」（${p.event}）的内容未通过：${p.why}`,
      example: { venue: '双11 美妆会场', event: '2026 双11', why: '与会场主题不符' },
    },
    VENUE_LINEUP_PUBLISHED: {
      en: (p) =>
        `The lineup of "${p.venue}" (${p.event}) is published, with your submission at #${p.position}.`,
      zh: (p) => `会场「${p.venue}」（${p.event}）的排期已公布，你的内容排在第 ${p.position} 位。`,
      example: { venue: '双11 美妆会场', event: '2026 双11', position: 3 },
    },
    VENUE_DEADLINE_SOON: {
      en: (p, r) =>
        `Submissions to "${p.venue}" (${p.event}) close at ${at(p.closesAt, r)}: submit your completed orders before then.`,
      zh: (p, r) =>
        `会场「${p.venue}」（${p.event}）将于 ${at(p.closesAt, r)} 截止提交，请在此之前提交已完成的订单。`,
      example: { venue: '双11 美妆会场', event: '2026 双11', closesAt: EXAMPLE_AT },
    },
    MESSAGE_UNREAD: {
      en: () => 'You have unread messages.',
      zh: () => '你有未读消息。',
      example: {},
    },
    ...DEAL_TERMS_TEXTS,
    ...MATCHMAKING_TEXTS,
    TASK_UPDATED: {
      en: (p) =>
        `${p.shop} changed ${p.changed.map((term) => TASK_TERMS[term]?.en ?? term).join(', ')} of "${p.title}"; check the new terms ${p.invited ? 'before you answer their invitation' : 'while your bid is pending'}.`,
      zh: (p) =>
        `商家「${p.shop}」修改了「${p.title}」的${p.changed.map((term) => TASK_TERMS[term]?.zh ?? term).join('、')}，${p.invited ? '请在回复邀请前查看新条款。' : '你的报名仍在等待确认，请查看新条款。'}`,
      example: { shop: '小美旗舰店', title: '新品面霜种草', changed: ['budget', 'applyBy'], invited: false },
    },
    CONTENT_PUBLISHED: {
      en: (p, r) =>
        p.retainUntil
          ? `@${p.handle} published "${p.title}" at ${p.url}; it must stay up until ${at(p.retainUntil, r)}.`
          : `@${p.handle} published "${p.title}" at ${p.url}.`,
      zh: (p, r) =>
        p.retainUntil
          ? `达人 @${p.handle} 已发布「${p.title}」：${p.url}，须保留至 ${at(p.retainUntil, r)}。`
          : `达人 @${p.handle} 已发布「${p.title}」：${p.url}。`,
      example: {
        handle: 'lily',
        title: '新品面霜种草',
        url: 'https://example.com/post/1',
        retainUntil: EXAMPLE_AT,
      },
    },
    TAKEDOWN_REPORTED: {
      en: (p, r) =>
        `${p.shop} reports that "${p.title}" is no longer up: ${sentence(p.note)} Restore it and confirm by ${at(p.restoreBy, r)}, or the holdback goes back to the merchant.`,
      zh: (p, r) =>
        `商家「${p.shop}」反馈「${p.title}」已被下架：${zhSentence(p.note)}请在 ${at(p.restoreBy, r)} 前恢复并确认，否则保留金将退还商家。`,
      example: { shop: '小美旗舰店', title: '新品面霜种草', note: '链接打不开', restoreBy: EXAMPLE_AT },
    },
    CONTENT_RESTORED: {
      en: (p) => `@${p.handle} restored "${p.title}": ${p.url}`,
      zh: (p) => `达人 @${p.handle} 已恢复「${p.title}」：${p.url}`,
      example: { handle: 'lily', title: '新品面霜种草', url: 'https://example.com/post/1' },
    },
    HOLDBACK_RELEASED: {
      en: (p, r) =>
        `"${p.title}" stayed up through its retention window: the holdback of ${money(p.holdback, r)} is released to you (fees apply).`,
      zh: (p, r) => `「${p.title}」已保留满约定期限，保留金 ${money(p.holdback, r)} 已放款（另扣服务费）。`,
      example: { title: '新品面霜种草', holdback: CNY('80.00') },
    },
    RETENTION_BREACHED: {
      en: (p, r) =>
        `${p.unpublished ? `"${p.title}" was not marked published in time` : `"${p.title}" was not restored in time`}: the holdback of ${money(p.holdback, r)} went back to the merchant's wallet.`,
      zh: (p, r) =>
        `${p.unpublished ? `「${p.title}」未在期限内标记发布` : `「${p.title}」未在期限内恢复`}，保留金 ${money(p.holdback, r)} 已退回商家钱包。`,
      example: { title: '新品面霜种草', holdback: CNY('80.00'), unpublished: false },
    },
  };

const KNOWN_TYPES = new Set<string>(Object.values(NotificationType));

/**
 * A notification's message for its reader: written from its type and parameters; a row stored before
 * notifications kept parameters (or of a type no longer written) keeps the text it was stored with.
 */
export function notificationMessage(
  row: { type: string; params: unknown; message: string },
  reader: TextContext,
): string {
  if (!row.params || !KNOWN_TYPES.has(row.type)) return row.message;
  const text = NOTIFICATION_TEXTS[row.type as NotificationType] as NotificationText<unknown>;
  try {
    return (reader.locale === 'en' ? text.en : text.zh)(row.params, reader);
  } catch {
    return row.message;
  }
}

/** The English message stored with a notification (for rows read without a reader: logs, old clients). */
export function storedMessage(content: NotificationContent): string {
  const text = NOTIFICATION_TEXTS[content.type] as NotificationText<unknown>;
  return text.en(content.params, { locale: 'en', timeZone: 'UTC' });
}
