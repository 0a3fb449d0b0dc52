import { createHash } from 'node:crypto';

/** Fixed namespace of V-Task timers: changing it would orphan every pending timer. */
const NAMESPACE = Buffer.from('3b8f2a6e5c1d4f7a9e0b2c4d6f8a1b3c', 'hex');

/**
 * The pg-boss job id of timer `name` with `key`: a name-based (version 5, SHA-1) UUID, so the same
 * timer always maps to the same row and a second `send` with it is a no-op (`ON CONFLICT DO NOTHING`
 * on the job's primary key), on any instance, without a lookup.
 */
export function timerJobId(name: string, key: string): string {
  const hash = createHash('sha1')
    .update(NAMESPACE)
    .update(JSON.stringify([name, key]))
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
