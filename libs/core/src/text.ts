/** Escapes LIKE wildcards so user search text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** A lone high surrogate (not followed by a low one) or a lone low surrogate (not preceded by a high one). */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What makes a text unstorable, or null when it is fine: PostgreSQL refuses a NUL byte in text, and
 * an unpaired surrogate is not Unicode (it cannot be encoded as UTF-8), so neither may reach a query.
 */
export function unstorableTextProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'Text may not contain a NUL character (\\u0000).';
  if (UNPAIRED_SURROGATE.test(text)) return 'Text may not contain an unpaired UTF-16 surrogate.';
  return null;
}
