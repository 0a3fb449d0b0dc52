import { describe, expect, it } from 'vitest';
import { endsSession, expiredLoginPath } from './session';

const unauthenticated = { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] };

describe('endsSession', () => {
  it('is true when the API refuses the token the console sent', () => {
    expect(endsSession(unauthenticated, 'MyOrders', true)).toBe(true);
  });

  it('is false for other errors, without a token, and for a failed log-in or sign-up', () => {
    expect(endsSession({ errors: [{ extensions: { code: 'FORBIDDEN' } }] }, 'MyOrders', true)).toBe(false);
    expect(endsSession({ errors: [{ extensions: null }] }, 'MyOrders', true)).toBe(false);
    expect(endsSession(unauthenticated, 'MyOrders', false)).toBe(false);
    expect(endsSession(unauthenticated, 'LogIn', true)).toBe(false);
    expect(endsSession(unauthenticated, 'SignUp', true)).toBe(false);
  });
});

describe('expiredLoginPath', () => {
  it('says the session expired and where to come back to', () => {
    expect(expiredLoginPath('/orders/42')).toBe('/login?expired=1&from=%2Forders%2F42');
  });

  it('does not lead back to the log-in page itself', () => {
    expect(expiredLoginPath('/login')).toBe('/login?expired=1');
  });
});
