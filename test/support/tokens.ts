import { createHmac } from 'node:crypto';

const b64url = (value: object | string): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT built by hand, so tests can forge what a library would refuse to sign. */
export function craftToken(
  payload: Record<string, unknown>,
  options: { secret?: string; alg?: 'HS256' | 'HS384' | 'HS512' | 'none'; header?: object } = {},
): string {
  const alg = options.alg ?? 'HS256';
  const header = options.header ?? { alg, typ: 'JWT' };
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  if (alg === 'none') return `${signingInput}.`;
  const digest = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  const signature = createHmac(digest, options.secret ?? '')
    .update(signingInput)
    .digest('base64url');
  return `${signingInput}.${signature}`;
}

/** The claims of a token (no verification). */
export function decodeClaims(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
