import type { NotificationType } from './notification-type';
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

/** What the deal-terms notifications (issue 15: cancellation proposals, overdue revisions and disputes) store. */
export interface DealTermsParamsByType {
  /** `by`: who proposed; `toCreator`: the part of the escrow released to the creator side (fees apply). */
  CANCELLATION_PROPOSED: {
    by: Actor;
    shop: string;
    handle: string;
    title: string;
    toCreator: MoneyParam;
    price: MoneyParam;
    reason: string;
  };
  CANCELLATION_DECLINED: { by: Actor; shop: string; handle: string; title: string };
  CANCELLATION_WITHDRAWN: { by: Actor; shop: string; handle: string; title: string };
  CANCELLATION_AGREED: {
    by: Actor;
    shop: string;
    handle: string;
    title: string;
    toCreator: MoneyParam;
    refund: MoneyParam;
  };
  REVISION_OVERDUE: { title: string; dueBy: Instant };
  DISPUTE_OVERDUE: { title: string; decideBy: Instant };
}

type DealTermsType = keyof DealTermsParamsByType & NotificationType;

/** The deal-terms notifications' words, in both languages. */
export const DEAL_TERMS_TEXTS: { [K in DealTermsType]: NotificationText<DealTermsParamsByType[K]> } = {
  CANCELLATION_PROPOSED: {
    en: (p, r) =>
      `${actorEn(p, 'A party')} proposes to cancel "${p.title}": ${money(p.toCreator, r)} of the ${money(p.price, r)} escrow to the creator (fees apply), the rest refunded. ${sentence(p.reason)} Accept or decline it on the order.`,
    zh: (p, r) =>
      `${actorZh(p, '一方')}提议取消「${p.title}」：托管款 ${money(p.price, r)} 中 ${money(p.toCreator, r)} 归达人（另扣服务费），其余退还商家。${zhSentence(p.reason)}请在订单页接受或拒绝。`,
    example: {
      by: 'MERCHANT',
      shop: '小美旗舰店',
      handle: 'lily',
      title: '新品面霜种草',
      toCreator: CNY('300.00'),
      price: CNY('800.00'),
      reason: '活动取消了',
    },
  },
  CANCELLATION_DECLINED: {
    en: (p) =>
      `${actorEn(p, 'The other party')} declined your proposal to cancel "${p.title}"; the order goes on.`,
    zh: (p) => `${actorZh(p, '对方')}拒绝了你取消「${p.title}」的提议，订单继续。`,
    example: { by: 'CREATOR', shop: '小美旗舰店', handle: 'lily', title: '新品面霜种草' },
  },
  CANCELLATION_WITHDRAWN: {
    en: (p) => `${actorEn(p, 'The other party')} withdrew their proposal to cancel "${p.title}".`,
    zh: (p) => `${actorZh(p, '对方')}撤回了取消「${p.title}」的提议。`,
    example: { by: 'MERCHANT', shop: '小美旗舰店', handle: 'lily', title: '新品面霜种草' },
  },
  CANCELLATION_AGREED: {
    en: (p, r) =>
      `${actorEn(p, 'The other party')} accepted the cancellation of "${p.title}": ${money(p.toCreator, r)} goes to the creator (fees apply) and ${money(p.refund, r)} is refunded to the merchant.`,
    zh: (p, r) =>
      `${actorZh(p, '对方')}同意取消「${p.title}」：${money(p.toCreator, r)} 归达人（另扣服务费），${money(p.refund, r)} 退还商家。`,
    example: {
      by: 'CREATOR',
      shop: '小美旗舰店',
      handle: 'lily',
      title: '新品面霜种草',
      toCreator: CNY('300.00'),
      refund: CNY('500.00'),
    },
  },
  REVISION_OVERDUE: {
    en: (p, r) =>
      `The revision of "${p.title}" was due by ${at(p.dueBy, r)} and did not arrive, so the order is now in dispute; an admin will decide.`,
    zh: (p, r) =>
      `「${p.title}」的修改稿应在 ${at(p.dueBy, r)} 前提交但未提交，订单已转入争议，由管理员裁定。`,
    example: { title: '新品面霜种草', dueBy: EXAMPLE_AT },
  },
  DISPUTE_OVERDUE: {
    en: (p, r) =>
      `The dispute on "${p.title}" was due for a decision by ${at(p.decideBy, r)}: decide it now.`,
    zh: (p, r) => `「${p.title}」的争议应在 ${at(p.decideBy, r)} 前裁定，已逾期，请尽快处理。`,
    example: { title: '新品面霜种草', decideBy: EXAMPLE_AT },
  },
};
