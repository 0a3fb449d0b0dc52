import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { nodesPagination } from './lib/pagination';
import { readerHeaders } from './lib/reader';
import { endsSession, expiredLoginPath, TOKEN_EXPIRED_CLOSE_CODE } from './lib/session';

const TOKEN_KEY = 'vtask.token';

export const tokenStore = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string): void => localStorage.setItem(TOKEN_KEY, token),
  clear: (): void => localStorage.removeItem(TOKEN_KEY),
};

/**
 * The API no longer takes the stored token (it expired, or the user is gone): forget it and go to
 * the log-in page, which says so and comes back here after.
 */
function endSession(): void {
  if (!tokenStore.get()) return;
  tokenStore.clear();
  window.location.assign(expiredLoginPath(window.location.pathname));
}

/** ws://host/graphql (wss:// behind https): the API serves graphql-ws on the same path as HTTP. */
function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

/**
 * One lazy WebSocket for subscriptions, opened with the first subscription and closed a moment after
 * the last. The API checks the token once, on connect; `restartSubscriptions` reconnects after a
 * sign-in so the socket speaks for the new user. Dropped sockets retry with graphql-ws' backoff.
 */
let socket: Client | null = null;

function subscriptionSocket(): Client {
  socket ??= createClient({
    url: socketUrl(),
    lazy: true,
    lazyCloseTimeout: 3_000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    connectionParams: () => {
      const token = tokenStore.get();
      const reader = readerHeaders();
      return {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        acceptLanguage: reader['accept-language'],
        timeZone: reader['x-time-zone'],
      };
    },
    on: {
      closed: (event) => {
        if ((event as { code?: number }).code === TOKEN_EXPIRED_CLOSE_CODE) endSession();
      },
    },
  });
  return socket;
}

/** Closes the socket; live subscriptions reconnect at once with the current token and language. */
export function restartSubscriptions(): void {
  socket?.terminate();
}

/**
 * Queries and mutations: POST /graphql with `content-type: application/json`, which the API's CSRF
 * prevention accepts (it refuses simple GET/form requests without a preflight header).
 * Subscriptions: graphql-ws on the same path. A refused token (UNAUTHENTICATED, or the socket closed
 * at the token's expiry) ends the session.
 */
export function createApolloClient(): ApolloClient {
  const auth = new SetContextLink(({ headers }) => {
    const token = tokenStore.get();
    return {
      headers: { ...headers, ...readerHeaders(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    };
  });
  const expiry = new ErrorLink(({ error, operation }) => {
    if (
      CombinedGraphQLErrors.is(error) &&
      endsSession(error, operation.operationName, Boolean(tokenStore.get()))
    )
      endSession();
  });
  const http = ApolloLink.from([expiry, auth, new HttpLink({ uri: '/graphql', useGETForQueries: false })]);
  const link = ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(subscriptionSocket()),
    http,
  );
  return new ApolloClient({
    link,
    cache: createCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}

/** The console's Apollo cache and how it keys, merges and pages what the API answers. */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      // Values without ids: merged into their parent rather than normalised.
      Money: { keyFields: false },
      Escrow: { keyFields: false },
      Wallet: { keyFields: false },
      CreatorStats: { keyFields: false },
      // An order's figures, asked for by two of its cards with different fields (OrderTracking and
      // OrderPerformance): merged, so that the later answer does not drop the other card's fields and
      // send that card back to the network for them.
      ContentPerformance: { keyFields: false, merge: true },
      VerifiedFigures: { keyFields: false, merge: true },
      DomainTag: { keyFields: ['slug'] },
      // Connections whose pages "load more" appends to: one cached list per filter, whatever `after`.
      Query: {
        fields: {
          tasks: nodesPagination(),
          myOrders: nodesPagination(),
          myBids: nodesPagination(),
          orders: nodesPagination(),
          offers: nodesPagination(),
          creators: nodesPagination(),
          venues: nodesPagination(),
          notifications: nodesPagination(),
        },
      },
      Merchant: { fields: { tasks: nodesPagination() } },
      Task: { fields: { bids: nodesPagination() } },
      // A conversation's pages, oldest first: "newer" appends (components/chat).
      Order: { fields: { messages: nodesPagination() } },
      Bid: { fields: { messages: nodesPagination() } },
      Venue: { fields: { enrollments: nodesPagination(), submissions: nodesPagination() } },
    },
  });
}
