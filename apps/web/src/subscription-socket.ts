import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient, type Client } from 'graphql-ws';
import { TOKEN_EXPIRED_CLOSE_CODE } from './lib/session';

export interface SocketSettings {
  url: string;
  /** Sent on every connect: the current token, language and time zone. */
  connectionParams: () => Record<string, unknown>;
  /** The API closed the socket because the token expired. */
  onTokenExpired: () => void;
}

/**
 * One lazy WebSocket for subscriptions, opened with the first subscription and closed a moment after
 * the last. The API checks the token once, on connect; `restart` reconnects (after a sign-in, or a
 * change of language) so the socket speaks for the current user. Dropped sockets retry with
 * graphql-ws' backoff. This module (graphql-ws with it) loads with the first subscription
 * (apollo.ts), not with the first page.
 */
export function createSocketLink(settings: SocketSettings): { link: GraphQLWsLink; restart: () => void } {
  const socket: Client = createClient({
    url: settings.url,
    lazy: true,
    lazyCloseTimeout: 3_000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    connectionParams: settings.connectionParams,
    on: {
      closed: (event) => {
        if ((event as { code?: number }).code === TOKEN_EXPIRED_CLOSE_CODE) settings.onTokenExpired();
      },
    },
  });
  return { link: new GraphQLWsLink(socket), restart: () => socket.terminate() };
}
