import { unstorableTextProblem } from '@vtask/core';

/** provider_events.event_id and .type, and provider references, as the database stores them. */
const MAX_EVENT_ID = 255;
const MAX_EVENT_TYPE = 100;
const MAX_REFERENCE = 200;

/** The fields each event V-Task acts on must have, on `data.object`: name -> what it must be. */
type Rule = (value: unknown) => string | null;

const reference: Rule = (value) => textProblem(value, MAX_REFERENCE);
const minorUnits: Rule = (value) =>
  Number.isSafeInteger(value) && (value as number) >= 0 ? null : 'must be a whole, non-negative amount';
const currency: Rule = (value) =>
  typeof value === 'string' && /^[A-Za-z]{3}$/.test(value) ? null : 'must be a 3-letter currency code';
const optional =
  (rule: Rule): Rule =>
  (value) =>
    value === null || value === undefined ? null : rule(value);
const referenceOrObject: Rule = (value) =>
  typeof value === 'object' && value !== null ? reference((value as { id?: unknown }).id) : reference(value);
const metadata: Rule = (value) => {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return 'must be an object';
  for (const [key, entry] of Object.entries(value)) {
    const problem = textProblem(entry, 500);
    if (problem) return `${key} ${problem}`;
  }
  return null;
};

const lastError: Rule = (value) => {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return 'must be an object';
  return optional((message) => textProblem(message, 5000))((value as { message?: unknown }).message);
};
const refunds: Rule = (value) => {
  if (value === null || value === undefined) return null;
  const list = (value as { data?: unknown }).data;
  if (!Array.isArray(list)) return 'must be a list object';
  for (const refund of list) {
    if (typeof refund !== 'object' || refund === null) return 'must list objects';
    const problem =
      reference((refund as { id?: unknown }).id) ?? metadata((refund as { metadata?: unknown }).metadata);
    if (problem) return `lists a refund whose ${problem}`;
  }
  return null;
};

const RULES: Record<string, Record<string, Rule>> = {
  'payment_intent.succeeded': {
    id: reference,
    amount: minorUnits,
    amount_received: optional(minorUnits),
    currency,
    metadata,
    transfer_group: optional(reference),
  },
  'payment_intent.payment_failed': {
    id: reference,
    metadata,
    last_payment_error: lastError,
    transfer_group: optional(reference),
  },
  'charge.refunded': {
    payment_intent: optional(referenceOrObject),
    amount_refunded: minorUnits,
    currency,
    metadata,
    refunds,
    transfer_group: optional(reference),
  },
  'transfer.reversed': { id: reference, amount_reversed: minorUnits, currency, metadata },
  'account.updated': { id: reference },
};

/**
 * What is wrong with a correctly signed event's shape, or null when V-Task can act on it. Checked
 * after the signature and before anything reads the event, so a malformed one (Stripe's own bug, an
 * API version we do not know, a test tool) is refused as such, never as a bad signature, and never
 * reaches PostgreSQL as something it cannot store (a 5,000-character id, a NUL).
 */
export function stripeEventProblem(event: unknown): string | null {
  if (typeof event !== 'object' || event === null) return 'the body is not a JSON object';
  const { id, type, created, data } = event as Record<string, unknown>;
  const problems: string[] = [];
  const idProblem = textProblem(id, MAX_EVENT_ID);
  if (idProblem) problems.push(`id ${idProblem}`);
  const typeProblem = textProblem(type, MAX_EVENT_TYPE);
  if (typeProblem) problems.push(`type ${typeProblem}`);
  if (!Number.isSafeInteger(created)) problems.push('created must be a whole number of seconds');
  const object = (data as { object?: unknown } | null | undefined)?.object;
  if (typeof object !== 'object' || object === null) {
    problems.push('data.object must be an object');
  } else if (typeof type === 'string' && RULES[type]) {
    for (const [field, rule] of Object.entries(RULES[type])) {
      const problem = rule((object as Record<string, unknown>)[field]);
      if (problem) problems.push(`data.object.${field} ${problem}`);
    }
  }
  return problems.length ? problems.join('; ') : null;
}

function textProblem(value: unknown, max: number): string | null {
  if (typeof value !== 'string' || !value) return 'must be a non-empty string';
  if (value.length > max) return `is longer than ${max} characters`;
  const unstorable = unstorableTextProblem(value);
  return unstorable ? unstorable.replace(/^Text may not/, 'may not').replace(/\.$/, '') : null;
}
