import { AccountsErrors } from './accounts.errors';

/**
 * Characters nobody sees in an address: format characters (zero-width space and joiners, the BOM,
 * soft hyphens, direction marks), controls, and combining marks still left once NFKC has composed
 * what it can. Two addresses that differ only by these would look the same to everyone.
 */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Mn}\p{Me}]/u;

/**
 * The one form an e-mail address is stored and looked up in: Unicode NFKC (full-width `ａ` is `a`,
 * `e` + combining acute is `é`), trimmed. Case stays as typed; lookups compare lower-case.
 */
export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').trim();
}

/** The normalized address, refused (BAD_USER_INPUT on `field`) when it holds invisible characters. */
export function checkedEmail(email: string, field = 'email'): string {
  const normalized = normalizeEmail(email);
  if (INVISIBLE.test(normalized)) {
    throw AccountsErrors.invisibleEmailCharacters(field);
  }
  return normalized;
}

/**
 * The key log-in attempts are counted under: every spelling of one address (case, width, invisible
 * characters) shares it, so variants cannot get more tries.
 */
export function emailThrottleKey(email: string): string {
  return normalizeEmail(email).replace(new RegExp(INVISIBLE.source, 'gu'), '').toLowerCase();
}

/** Whether a password is only spaces and invisible characters (a length rule alone lets 12 spaces in). */
export function isBlankPassword(password: string): boolean {
  return !password.replace(/[\s\p{Cf}]/gu, '');
}
