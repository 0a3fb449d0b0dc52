import { hash } from '@node-rs/argon2';

/** argon2id (`Algorithm.Argon2id`, a const enum that isolated modules cannot read) with the library's OWASP defaults. */
const ARGON2 = { algorithm: 2 } as const;

/** How every V-Task password is stored: sign-up, password changes, the admin at start, bench seeding. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}
