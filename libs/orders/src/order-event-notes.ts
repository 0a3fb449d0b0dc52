import { formatInstant, type TextContext } from '@vtask/core';

/**
 * What each timeline note the server writes stores: the facts, not a sentence, so the note is written
 * at read time in the reader's language and zone (SPEC "Language and conversation"). A note a person
 * typed (a cancel reason, feedback, an admin's decision) is stored and shown as typed instead.
 */
export interface OrderNoteParamsByKey {
  BID_ACCEPTED: Record<string, never>;
  INVITATION_ACCEPTED: Record<string, never>;
  OFFER_BOOKED: Record<string, never>;
  /** The delivery's number: 1 for the first submission, +1 for each revision. */
  DELIVERY_VERSION: { version: number };
  /** The provider's name ("sandbox", "stripe") and its reference for the charge, kept verbatim. */
  CHARGED: { provider: string; reference: string | null };
  /** The provider's own words for a failed charge (not ours to translate), when it gave any. */
  CHARGE_FAILED: { reason: string | null };
  /** The funding deadline that passed, an ISO timestamp. */
  NOT_FUNDED_IN_TIME: { deadline: string | null };
  /** The merchant cancelled the task; `reason` is what they typed. */
  TASK_CANCELLED: { reason: string };
  /** The creator marked the accepted content published at `url` (or restored it there). */
  PUBLISHED_AT: { url: string };
  RESTORED_AT: { url: string };
  /** The revision deadline that passed without a new version, an ISO timestamp. */
  REVISION_NOT_DELIVERED: { deadline: string | null };
}

export type OrderNoteKey = keyof OrderNoteParamsByKey;

/** A timeline note the server writes, as a code and its parameters. */
export type KeyedOrderNote = {
  [K in OrderNoteKey]: { key: K; params: OrderNoteParamsByKey[K] };
}[OrderNoteKey];

/** What an event records beside its type: a keyed note, a person's own words, or nothing. */
export type OrderEventNote = KeyedOrderNote | string | null;

/** A keyed note; `params` are checked against its key. */
export function orderNote<K extends OrderNoteKey>(key: K, params: OrderNoteParamsByKey[K]): KeyedOrderNote {
  return { key, params } as KeyedOrderNote;
}

type Words<P> = (params: P, reader: TextContext) => string;

interface OrderNoteText<P> {
  en: Words<P>;
  zh: Words<P>;
  /** Parameters a test renders the note with, in both languages (a key cannot ship untranslated). */
  example: P;
}

/** A payment provider as a reader knows it; an unknown one by its own name. */
export function providerLabel(provider: string, reader: TextContext): string {
  if (provider === 'stripe') return 'Stripe';
  if (provider === 'sandbox') return reader.locale === 'en' ? 'sandbox' : '沙盒';
  return provider;
}

function at(value: string | null, reader: TextContext): string | null {
  return value ? formatInstant(new Date(value), reader) : null;
}

/** Every timeline note key's words, in both languages. */
export const ORDER_NOTE_TEXTS: { [K in OrderNoteKey]: OrderNoteText<OrderNoteParamsByKey[K]> } = {
  BID_ACCEPTED: { en: () => 'Bid accepted', zh: () => '商家接受了报名', example: {} },
  INVITATION_ACCEPTED: { en: () => 'Invitation accepted', zh: () => '达人接受了邀请', example: {} },
  OFFER_BOOKED: { en: () => 'Offer booked', zh: () => '商家预订了服务', example: {} },
  DELIVERY_VERSION: {
    en: (p) => `Version ${p.version}`,
    zh: (p) => `第 ${p.version} 版`,
    example: { version: 2 },
  },
  CHARGED: {
    en: (p, r) => `Charged (${[providerLabel(p.provider, r), p.reference].filter(Boolean).join(', ')})`,
    zh: (p, r) => `已扣款（${[providerLabel(p.provider, r), p.reference].filter(Boolean).join('，')}）`,
    example: { provider: 'stripe', reference: 'ch_3Q7xYz' },
  },
  CHARGE_FAILED: {
    en: (p) => (p.reason ? `Charge failed: ${p.reason}` : 'Charge failed'),
    zh: (p) => (p.reason ? `扣款失败：${p.reason}` : '扣款失败'),
    example: { reason: 'card_declined' },
  },
  NOT_FUNDED_IN_TIME: {
    en: (p, r) => {
      const deadline = at(p.deadline, r);
      return deadline ? `Not funded by ${deadline}` : 'Not funded in time';
    },
    zh: (p, r) => {
      const deadline = at(p.deadline, r);
      return deadline ? `商家未在 ${deadline} 前付款托管` : '商家未按时付款托管';
    },
    example: { deadline: '2026-12-08T05:26:28.096Z' },
  },
  TASK_CANCELLED: {
    en: (p) => `Task cancelled: ${p.reason}`,
    zh: (p) => `任务已取消：${p.reason}`,
    example: { reason: '活动取消了' },
  },
  PUBLISHED_AT: {
    en: (p) => `Published: ${p.url}`,
    zh: (p) => `已发布：${p.url}`,
    example: { url: 'https://example.com/post/1' },
  },
  RESTORED_AT: {
    en: (p) => `Restored: ${p.url}`,
    zh: (p) => `已恢复：${p.url}`,
    example: { url: 'https://example.com/post/1' },
  },
  REVISION_NOT_DELIVERED: {
    en: (p, r) => {
      const deadline = at(p.deadline, r);
      return deadline ? `Revision not delivered by ${deadline}` : 'Revision not delivered in time';
    },
    zh: (p, r) => {
      const deadline = at(p.deadline, r);
      return deadline ? `达人未在 ${deadline} 前提交修改` : '达人未按时提交修改';
    },
    example: { deadline: '2026-12-08T05:26:28.096Z' },
  },
};

/** An order event as stored: a keyed note (`noteKey`, `noteParams`) or text (`note`). */
export interface StoredOrderNote {
  note: string | null;
  noteKey: string | null;
  noteParams: object | null;
}

/**
 * The event's note for its reader: a keyed note in their language and zone; a person's words, and
 * the text of rows stored before notes were keyed, as stored.
 */
export function orderEventNote(event: StoredOrderNote, reader: TextContext): string | null {
  const text = event.noteKey
    ? (ORDER_NOTE_TEXTS[event.noteKey as OrderNoteKey] as OrderNoteText<unknown> | undefined)
    : undefined;
  if (!text) return event.note;
  const words = reader.locale === 'en' ? text.en : text.zh;
  return words(event.noteParams ?? {}, reader);
}

/** The columns an event stores for its note. */
export function storedNote(note: OrderEventNote): StoredOrderNote {
  if (note === null || typeof note === 'string') return { note, noteKey: null, noteParams: null };
  return { note: null, noteKey: note.key, noteParams: note.params };
}

/** A person's words within a note (a reason, feedback), for the notifications that quote them. */
export function typedWords(note: OrderEventNote): string | null {
  if (note === null || typeof note === 'string') return note;
  return note.key === 'TASK_CANCELLED' ? note.params.reason : null;
}
