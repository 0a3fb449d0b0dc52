import { type Account } from './fixtures';
import type { GqlClient } from './harness';
import { placeBid, postTask } from './market-fixtures';
import { key, mustSucceed, orderCalls } from './order-fixtures';

/** Helpers for the creator square, profile and shortlist suites. */

export interface CompletedOrder {
  orderId: string;
  deliverableId: string;
}

/**
 * A COMPLETED order of `creator` for `merchant`: a one-slot task, the creator's bid at `price`, funded,
 * delivered and accepted with `rating` (null: no review).
 */
export async function completedOrder(
  gql: GqlClient,
  merchant: Account,
  creator: Account,
  options: { price?: string; rating?: number | null; contentType?: string; title?: string } = {},
): Promise<CompletedOrder> {
  const price = options.price ?? '300.00';
  const task = await postTask(gql, merchant.token, {
    slots: 1,
    budget: { amount: price, currencyCode: 'CNY' },
    contentType: options.contentType ?? 'VIDEO',
  });
  const bid = await placeBid(gql, creator.token, task.id, price);
  const accepted = await gql.ok(
    `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
    { id: bid.id },
    merchant.token,
  );
  const orderId: string = accepted.acceptBid.id;
  const calls = orderCalls(gql);
  mustSucceed(await calls.fund(merchant.token, orderId), 'fund');
  const delivered = mustSucceed(
    await calls.deliver(creator.token, orderId, {
      title: options.title ?? 'The video',
      publishedUrl: 'https://video.example.com/p/1',
    }),
    'deliver',
  ) as { submitDeliverable: { id: string } };
  mustSucceed(await calls.accept(merchant.token, orderId, key('accept'), options.rating ?? null), 'accept');
  return { orderId, deliverableId: delivered.submitDeliverable.id };
}

export const CREATOR_CARD = /* GraphQL */ `
  fragment CreatorCard on Creator {
    id
    handle
    tier
    followerCount
    priceRange {
      low {
        amount
        currencyCode
      }
      typical {
        amount
      }
      high {
        amount
      }
    }
    stats {
      completedOrders
      averageRating
    }
  }
`;

export const SQUARE = /* GraphQL */ `
  query Square($filter: CreatorFilter, $orderBy: CreatorOrder, $first: Int, $after: String) {
    creators(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...CreatorCard
      }
    }
  }
  ${CREATOR_CARD}
`;
