import type { NotificationType } from './notification-type';
import {
  at,
  CNY,
  EXAMPLE_AT,
  money,
  type Instant,
  type MoneyParam,
  type NotificationText,
} from './notification-words';

/**
 * A matchmaking pairing's facts: the session, the task, both parties, and which side reads it (`to`),
 * so the text names the other one.
 */
interface PairingParams {
  session: string;
  title: string;
  to: 'MERCHANT' | 'CREATOR';
  shop: string;
  handle: string;
}

/** What the matchmaking-session notifications (issue 16) store: the pairing, and what the reader must do by when. */
export interface MatchmakingParamsByType {
  MATCHMAKING_PAIRING_PROPOSED: PairingParams & { answerBy: Instant };
  MATCHMAKING_PAIRING_ACCEPTED: PairingParams & { answerBy: Instant };
  MATCHMAKING_PAIRING_MATCHED: PairingParams & { price: MoneyParam; fundBy: Instant };
  MATCHMAKING_PAIRING_DECLINED: PairingParams;
  MATCHMAKING_PAIRING_EXPIRED: PairingParams;
}

type MatchmakingType = keyof MatchmakingParamsByType & NotificationType;

/** The other side of a pairing, as its reader knows them. */
function otherEn(p: PairingParams): string {
  return p.to === 'MERCHANT' ? `@${p.handle}` : p.shop;
}

function otherZh(p: PairingParams): string {
  return p.to === 'MERCHANT' ? `达人 @${p.handle}` : `商家「${p.shop}」`;
}

const EXAMPLE_PAIRING: PairingParams = {
  session: '家居 Home 定向匹配会',
  title: '沙发新品种草',
  to: 'CREATOR',
  shop: '小美家居',
  handle: 'lily',
};

/** The matchmaking notifications' words, in both languages. */
export const MATCHMAKING_TEXTS: { [K in MatchmakingType]: NotificationText<MatchmakingParamsByType[K]> } = {
  MATCHMAKING_PAIRING_PROPOSED: {
    en: (p, r) =>
      `"${p.session}" paired you with ${otherEn(p)} for "${p.title}": accept or decline by ${at(p.answerBy, r)}.`,
    zh: (p, r) =>
      `定向匹配会「${p.session}」为你匹配了${otherZh(p)}（任务「${p.title}」），请在 ${at(p.answerBy, r)} 前接受或婉拒。`,
    example: { ...EXAMPLE_PAIRING, answerBy: EXAMPLE_AT },
  },
  MATCHMAKING_PAIRING_ACCEPTED: {
    en: (p, r) =>
      `${otherEn(p)} said yes to your pairing for "${p.title}" in "${p.session}": answer by ${at(p.answerBy, r)}.`,
    zh: (p, r) =>
      `${otherZh(p)}接受了定向匹配会「${p.session}」中「${p.title}」的配对，请在 ${at(p.answerBy, r)} 前回复。`,
    example: { ...EXAMPLE_PAIRING, answerBy: EXAMPLE_AT },
  },
  MATCHMAKING_PAIRING_MATCHED: {
    en: (p, r) =>
      `You and ${otherEn(p)} both said yes in "${p.session}": an order for "${p.title}" at ${money(p.price, r)} awaits funding (by ${at(p.fundBy, r)}).`,
    zh: (p, r) =>
      `你与${otherZh(p)}在定向匹配会「${p.session}」中配对成功：任务「${p.title}」的订单（${money(p.price, r)}）待商家付款托管（截止 ${at(p.fundBy, r)}）。`,
    example: { ...EXAMPLE_PAIRING, price: CNY('800.00'), fundBy: EXAMPLE_AT },
  },
  MATCHMAKING_PAIRING_DECLINED: {
    en: (p) => `${otherEn(p)} declined the pairing for "${p.title}" in "${p.session}".`,
    zh: (p) => `${otherZh(p)}婉拒了定向匹配会「${p.session}」中「${p.title}」的配对。`,
    example: EXAMPLE_PAIRING,
  },
  MATCHMAKING_PAIRING_EXPIRED: {
    en: (p) =>
      `"${p.session}" ended before you and ${otherEn(p)} both answered: the pairing for "${p.title}" expired.`,
    zh: (p) =>
      `定向匹配会「${p.session}」已结束，你与${otherZh(p)}在「${p.title}」上的配对未获双方确认，已过期。`,
    example: EXAMPLE_PAIRING,
  },
};
