/** A fresh idempotency key for one money-moving attempt (works outside secure contexts too). */
export function newIdempotencyKey(action: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `web:${action}:${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
