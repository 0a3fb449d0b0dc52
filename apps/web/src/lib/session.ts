/** The API's code for a missing, expired or revoked token (ErrorCode.UNAUTHENTICATED). */
const UNAUTHENTICATED = 'UNAUTHENTICATED';
/** graphql-ws close code the API sends when the socket's token expires. */
export const TOKEN_EXPIRED_CLOSE_CODE = 4401;

interface ErrorsLike {
  errors: readonly { extensions?: Record<string, unknown> | null }[];
}

/**
 * Whether an answer means the signed-in session is over: the API refused the token the console sent.
 * Not for the log-in itself (a wrong password is the user's to fix on the form), nor without a token.
 */
export function endsSession(
  result: ErrorsLike,
  operationName: string | undefined,
  hadToken: boolean,
): boolean {
  if (!hadToken || operationName === 'LogIn' || operationName === 'SignUp') return false;
  return result.errors.some((error) => error.extensions?.code === UNAUTHENTICATED);
}

/** The log-in page's address after a session ended: it says why, and leads back to where the user was. */
export function expiredLoginPath(from: string): string {
  const params = new URLSearchParams({ expired: '1' });
  if (from && from !== '/login') params.set('from', from);
  return `/login?${params.toString()}`;
}
