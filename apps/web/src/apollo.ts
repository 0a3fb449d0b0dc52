import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';

const TOKEN_KEY = 'vtask.token';

export const tokenStore = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string): void => localStorage.setItem(TOKEN_KEY, token),
  clear: (): void => localStorage.removeItem(TOKEN_KEY),
};

/**
 * POST /graphql with `content-type: application/json`, which the API's CSRF prevention accepts
 * (it refuses simple GET/form requests without a preflight header).
 */
export function createApolloClient(): ApolloClient {
  const auth = new SetContextLink(({ headers }) => {
    const token = tokenStore.get();
    return { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } };
  });
  return new ApolloClient({
    link: ApolloLink.from([auth, new HttpLink({ uri: '/graphql', useGETForQueries: false })]),
    cache: new InMemoryCache({
      typePolicies: {
        // Values without ids: merged into their parent rather than normalised.
        Money: { keyFields: false },
        Escrow: { keyFields: false },
        Wallet: { keyFields: false },
        CreatorStats: { keyFields: false },
        DomainTag: { keyFields: ['slug'] },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
