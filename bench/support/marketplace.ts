/** The inputs the benches sign parties up and post tasks with: one shape, so every bench exercises the same rules. */

const DAY = 86_400_000;

export const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id merchant { id } creator { id } } } }`;
export const LOG_IN = `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`;
export const POST_TASK = `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`;

/**
 * A SignUpInput: a merchant with a home shop, or a creator in home.furniture on HEADLINES with 5,000
 * followers, a profile every bench task's tags and channels match.
 */
export function signUpInput(
  role: 'MERCHANT' | 'CREATOR',
  party: { email: string; password: string; displayName: string; shopName: string; handle: string },
): Record<string, unknown> {
  const profile =
    role === 'MERCHANT'
      ? { merchant: { shopName: party.shopName, industry: 'home' } }
      : {
          creator: {
            handle: party.handle,
            domainTags: ['home.furniture'],
            channels: ['HEADLINES'],
            followerCount: 5000,
          },
        };
  return {
    email: party.email,
    password: party.password,
    displayName: party.displayName,
    role,
    ...profile,
  };
}

/** A published PostTaskInput for one video in home.furniture, open for bids for a day, due in a week. */
export function taskInput(title: string, amount: string): Record<string, unknown> {
  return {
    title,
    brief: 'One short video of the product in use.',
    contentType: 'VIDEO',
    channels: ['HEADLINES'],
    domainTags: ['home.furniture'],
    budget: { amount, currencyCode: 'CNY' },
    slots: 1,
    applyBy: new Date(Date.now() + DAY).toISOString(),
    deliverBy: new Date(Date.now() + 7 * DAY).toISOString(),
    publish: true,
  };
}
