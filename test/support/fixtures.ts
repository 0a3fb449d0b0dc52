import { randomBytes } from 'node:crypto';
import type { GqlClient } from './harness';

export const PASSWORD = 'correct-horse-battery';

export interface Account {
  token: string;
  userId: string;
  email: string;
  /** The merchant, creator or agency profile id. */
  profileId: string;
}

const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
      user {
        id
        email
        role
        merchant {
          id
        }
        creator {
          id
        }
        agency {
          id
        }
      }
    }
  }
`;

export function unique(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

async function signUp(gql: GqlClient, input: Record<string, unknown>): Promise<Account> {
  const data = await gql.ok(SIGN_UP, { input: { password: PASSWORD, displayName: 'Test User', ...input } });
  const user = data.signUp.user;
  return {
    token: data.signUp.token,
    userId: user.id,
    email: user.email,
    profileId: (user.merchant ?? user.creator ?? user.agency).id,
  };
}

export function signUpMerchant(gql: GqlClient, overrides: Record<string, unknown> = {}): Promise<Account> {
  return signUp(gql, {
    email: `${unique('merchant')}@example.com`,
    role: 'MERCHANT',
    merchant: { shopName: 'Test Shop', industry: 'home' },
    ...overrides,
  });
}

export function signUpCreator(
  gql: GqlClient,
  overrides: Record<string, unknown> = {},
  profile: Record<string, unknown> = {},
): Promise<Account> {
  return signUp(gql, {
    email: `${unique('creator')}@example.com`,
    role: 'CREATOR',
    creator: {
      handle: unique('c_'),
      domainTags: ['home.furniture'],
      channels: ['HEADLINES'],
      followerCount: 1000,
      ...profile,
    },
    ...overrides,
  });
}

export function signUpAgency(gql: GqlClient, revenueShareBps = 2000): Promise<Account> {
  return signUp(gql, {
    email: `${unique('agency')}@example.com`,
    role: 'AGENCY',
    agency: { name: 'Test Agency', revenueShareBps },
  });
}

export const ADMIN = { email: 'admin@vtask.test', password: 'admin-password-123' };

/** The env that makes the server ensure the test admin at start. */
export const ADMIN_ENV = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };

export async function logInAdmin(gql: GqlClient): Promise<string> {
  const data = await gql.ok(
    `mutation { logIn(email: "${ADMIN.email}", password: "${ADMIN.password}") { token } }`,
  );
  return data.logIn.token;
}

/** Signs up a creator and raises them to `tier` as the admin: the usual big-V creator of a test. */
export async function signUpCreatorWithTier(
  gql: GqlClient,
  adminToken: string,
  tier: string,
  profile: Record<string, unknown> = {},
): Promise<Account> {
  const creator = await signUpCreator(gql, {}, profile);
  await gql.ok(
    `mutation($id: ID!, $tier: CreatorTier!) { setCreatorTier(creatorId: $id, tier: $tier, reason: "test setup") { id } }`,
    { id: creator.profileId, tier },
    adminToken,
  );
  return creator;
}
