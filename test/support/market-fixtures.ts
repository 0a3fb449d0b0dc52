import { setTimeout as sleep } from 'node:timers/promises';
import type { GqlClient, GqlError, TestServer } from './harness';

/** An ISO timestamp `seconds` from now (negative: in the past). */
export function inSeconds(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}

const DAY = 24 * 3600;

export const TASK_FIELDS = /* GraphQL */ `
  fragment TaskFields on Task {
    id
    title
    brief
    contentType
    channels
    domainTags {
      slug
    }
    minTier
    budget {
      amount
      currencyCode
    }
    slots
    slotsFilled
    applyBy
    deliverBy
    maxRevisions
    visibility
    status
    bidCount
    createdAt
    merchant {
      id
    }
  }
`;

export const ORDER_FIELDS = /* GraphQL */ `
  fragment OrderFields on Order {
    id
    source
    status
    brief
    contentType
    price {
      amount
      currencyCode
    }
    platformFee {
      amount
      currencyCode
    }
    agencyShare {
      amount
      currencyCode
    }
    creatorPayout {
      amount
      currencyCode
    }
    fundingDeadline
    deliverBy
    maxRevisions
    revisionsUsed
    task {
      id
    }
    offer {
      id
    }
    merchant {
      id
    }
    creator {
      id
    }
    events {
      type
      note
      actor {
        id
      }
    }
    createdAt
  }
`;

export const POST_TASK = /* GraphQL */ `
  mutation PostTask($input: PostTaskInput!) {
    postTask(input: $input) {
      ...TaskFields
    }
  }
  ${TASK_FIELDS}
`;

export const PUBLISH_TASK = `mutation($id: ID!) { publishTask(taskId: $id) { id status } }`;
export const CLOSE_TASK = `mutation($id: ID!) { closeTask(taskId: $id) { id status } }`;
export const CANCEL_TASK = `mutation($id: ID!, $reason: String!) { cancelTask(taskId: $id, reason: $reason) { id status } }`;

export const PLACE_BID = /* GraphQL */ `
  mutation PlaceBid($input: PlaceBidInput!) {
    placeBid(input: $input) {
      id
      status
      pitch
      price {
        amount
        currencyCode
      }
      task {
        id
      }
      creator {
        id
      }
    }
  }
`;
export const WITHDRAW_BID = `mutation($id: ID!) { withdrawBid(bidId: $id) { id status } }`;
export const ACCEPT_BID = /* GraphQL */ `
  mutation AcceptBid($id: ID!) {
    acceptBid(bidId: $id) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;
export const REJECT_BID = `mutation($id: ID!, $reason: String) { rejectBid(bidId: $id, reason: $reason) { id status } }`;

export const INVITE_CREATOR = /* GraphQL */ `
  mutation Invite($input: InviteCreatorInput!) {
    inviteCreator(input: $input) {
      id
      status
      message
      price {
        amount
        currencyCode
      }
      task {
        id
      }
      creator {
        id
      }
      order {
        id
      }
    }
  }
`;
export const RESPOND = /* GraphQL */ `
  mutation Respond($id: ID!, $accept: Boolean!) {
    respondToInvitation(invitationId: $id, accept: $accept) {
      id
      status
      order {
        ...OrderFields
      }
    }
  }
  ${ORDER_FIELDS}
`;

export const OFFER_FIELDS = /* GraphQL */ `
  fragment OfferFields on Offer {
    id
    title
    description
    contentType
    channels
    domainTags {
      slug
    }
    price {
      amount
      currencyCode
    }
    slots
    slotsBooked
    turnaroundDays
    scheduledAt
    bookBy
    status
    createdAt
    creator {
      id
    }
  }
`;
export const POST_OFFER = /* GraphQL */ `
  mutation PostOffer($input: PostOfferInput!) {
    postOffer(input: $input) {
      ...OfferFields
    }
  }
  ${OFFER_FIELDS}
`;
export const SET_OFFER_STATUS = `mutation($id: ID!, $status: OfferStatus!) { setOfferStatus(offerId: $id, status: $status) { id status } }`;
export const BOOK_OFFER = /* GraphQL */ `
  mutation Book($input: BookOfferInput!) {
    bookOffer(input: $input) {
      ...OrderFields
    }
  }
  ${ORDER_FIELDS}
`;

/** A valid task input; `overrides` replace fields (publish defaults to true). */
export function taskInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Review our oak dining table',
    brief: 'Show the table in a real home, with the assembly and the finish up close.',
    contentType: 'VIDEO',
    channels: ['HEADLINES'],
    domainTags: ['home.furniture'],
    budget: { amount: '500.00', currencyCode: 'CNY' },
    slots: 3,
    applyBy: inSeconds(7 * DAY),
    deliverBy: inSeconds(14 * DAY),
    publish: true,
    ...overrides,
  };
}

export async function postTask(
  gql: GqlClient,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  return (await gql.ok(POST_TASK, { input: taskInput(overrides) }, token)).postTask;
}

export async function placeBid(
  gql: GqlClient,
  token: string,
  taskId: string,
  amount = '450.00',
  currencyCode = 'CNY',
): Promise<Record<string, any>> {
  const input = { taskId, price: { amount, currencyCode }, pitch: 'I film furniture every week.' };
  return (await gql.ok(PLACE_BID, { input }, token)).placeBid;
}

/** A valid offer input; `overrides` replace fields. */
export function offerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'A short video review of your product',
    description: 'One 60-second video, scripted with you, posted on my channel.',
    contentType: 'VIDEO',
    channels: ['HEADLINES'],
    domainTags: ['home.furniture'],
    price: { amount: '800.00', currencyCode: 'CNY' },
    slots: 2,
    turnaroundDays: 5,
    ...overrides,
  };
}

export async function postOffer(
  gql: GqlClient,
  token: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  return (await gql.ok(POST_OFFER, { input: offerInput(overrides) }, token)).postOffer;
}

export async function setTier(
  gql: GqlClient,
  adminToken: string,
  creatorId: string,
  tier: string,
): Promise<void> {
  await gql.ok(
    `mutation($id: ID!, $tier: CreatorTier!) { setCreatorTier(creatorId: $id, tier: $tier, reason: "test") { id } }`,
    { id: creatorId, tier },
    adminToken,
  );
}

/** Polls `probe` (every `intervalMs`) until it returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T>,
  what: string,
  { timeoutMs = 15_000, intervalMs = 200 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Waits until the given ISO moment has passed (plus a margin), for deadline checks. */
export async function waitUntilPast(iso: string, marginMs = 200): Promise<void> {
  const remaining = new Date(iso).getTime() + marginMs - Date.now();
  if (remaining > 0) await sleep(remaining);
}

export async function taskStatusInDb(server: TestServer, taskId: string): Promise<string> {
  const [row] = await server.sql(`SELECT status FROM tasks WHERE id = $1`, [taskId]);
  return row?.status;
}

export function expectCode(error: GqlError, code: string): void {
  expect({ code: error.extensions?.code, message: error.message }).toMatchObject({ code });
}
