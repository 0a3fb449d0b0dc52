import { gql, InMemoryCache } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { nodesPagination } from './pagination';

const ORDERS = gql`
  query Orders($status: String, $first: Int, $after: String) {
    myOrders(status: $status, first: $first, after: $after) {
      totalCount
      nodes {
        id
        title
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`;

interface Page {
  ids: string[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

function page({ ids, endCursor, hasNextPage, totalCount }: Page) {
  return {
    myOrders: {
      __typename: 'OrderConnection',
      totalCount,
      nodes: ids.map((id) => ({ __typename: 'Order', id, title: `order ${id}` })),
      pageInfo: { __typename: 'PageInfo', endCursor, hasNextPage },
    },
  };
}

function newCache() {
  return new InMemoryCache({ typePolicies: { Query: { fields: { myOrders: nodesPagination() } } } });
}

function shownIds(cache: InMemoryCache, variables: Record<string, unknown>): string[] {
  const data = cache.readQuery<ReturnType<typeof page>>({ query: ORDERS, variables });
  return data?.myOrders.nodes.map((node) => node.id) ?? [];
}

describe('nodesPagination', () => {
  it('appends the next page to the list already shown, and takes pageInfo and totalCount from it', () => {
    const cache = newCache();
    cache.writeQuery({
      query: ORDERS,
      variables: { first: 2 },
      data: page({ ids: ['1', '2'], endCursor: 'c2', hasNextPage: true, totalCount: 3 }),
    });
    cache.writeQuery({
      query: ORDERS,
      variables: { first: 2, after: 'c2' },
      data: page({ ids: ['3'], endCursor: 'c3', hasNextPage: false, totalCount: 3 }),
    });
    expect(shownIds(cache, { first: 2 })).toEqual(['1', '2', '3']);
    const data = cache.readQuery<ReturnType<typeof page>>({ query: ORDERS, variables: { first: 2 } });
    expect(data?.myOrders.pageInfo).toEqual({ __typename: 'PageInfo', endCursor: 'c3', hasNextPage: false });
  });

  it('keeps a node the next page repeats once, where it was first seen', () => {
    const cache = newCache();
    cache.writeQuery({
      query: ORDERS,
      variables: { first: 2 },
      data: page({ ids: ['1', '2'], endCursor: 'c2', hasNextPage: true, totalCount: 4 }),
    });
    cache.writeQuery({
      query: ORDERS,
      variables: { first: 2, after: 'c2' },
      data: page({ ids: ['2', '4'], endCursor: 'c4', hasNextPage: false, totalCount: 4 }),
    });
    expect(shownIds(cache, { first: 2 })).toEqual(['1', '2', '4']);
  });

  it('replaces the list when the first page is fetched again (a refetch after a change)', () => {
    const cache = newCache();
    cache.writeQuery({
      query: ORDERS,
      variables: { first: 2 },
      data: page({ ids: ['1', '2'], endCursor: 'c2', hasNextPage: true, totalCount: 3 }),
    });
    cache.writeQuery({
      query: ORDERS,
      variables: { first: 2, after: 'c2' },
      data: page({ ids: ['3'], endCursor: 'c3', hasNextPage: false, totalCount: 3 }),
    });
    cache.writeQuery({
      query: ORDERS,
      variables: { first: 2 },
      data: page({ ids: ['5', '1'], endCursor: 'c1', hasNextPage: true, totalCount: 4 }),
    });
    expect(shownIds(cache, { first: 2 })).toEqual(['5', '1']);
  });

  it('keeps one list per filter', () => {
    const cache = newCache();
    cache.writeQuery({
      query: ORDERS,
      variables: { first: 2, status: 'FUNDED' },
      data: page({ ids: ['1'], endCursor: 'c1', hasNextPage: false, totalCount: 1 }),
    });
    cache.writeQuery({
      query: ORDERS,
      variables: { first: 2, status: 'COMPLETED' },
      data: page({ ids: ['7'], endCursor: 'c7', hasNextPage: false, totalCount: 1 }),
    });
    expect(shownIds(cache, { first: 2, status: 'FUNDED' })).toEqual(['1']);
    expect(shownIds(cache, { first: 2, status: 'COMPLETED' })).toEqual(['7']);
  });
});
