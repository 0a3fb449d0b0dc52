import { useApolloClient, useQuery } from '@apollo/client/react';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { restartSubscriptions, tokenStore } from '../apollo';
import { MeDocument, type ViewerFieldsFragment } from '../graphql/generated';

export type Viewer = ViewerFieldsFragment;

interface Session {
  viewer: Viewer | null;
  loading: boolean;
  signIn(token: string, viewer: Viewer): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** The signed-in user, from the stored bearer token (cleared when the API no longer knows it). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [token, setToken] = useState(tokenStore.get);
  const hasToken = Boolean(token);
  const { data, loading } = useQuery(MeDocument, { skip: !hasToken, fetchPolicy: 'cache-and-network' });

  const signIn = useCallback(
    async (next: string, viewer: Viewer) => {
      tokenStore.set(next);
      // The API reads the token when the socket connects: reconnect as the new user.
      restartSubscriptions();
      await client.clearStore();
      client.writeQuery({ query: MeDocument, data: { me: viewer } });
      setToken(next);
    },
    [client],
  );
  const signOut = useCallback(async () => {
    tokenStore.clear();
    await client.clearStore();
    window.location.assign('/login');
  }, [client]);

  const value = useMemo<Session>(
    () => ({
      viewer: hasToken ? (data?.me ?? null) : null,
      loading: hasToken && loading && !data,
      signIn,
      signOut,
    }),
    [data, hasToken, loading, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for pages behind RequireRole. */
export function useViewer(): Viewer {
  const { viewer } = useSession();
  if (!viewer) throw new Error('useViewer without a signed-in user');
  return viewer;
}

/** Where each role starts. */
export function homePath(viewer: Viewer): string {
  switch (viewer.role) {
    case 'MERCHANT':
      return '/dashboard';
    case 'CREATOR':
      return '/feed';
    case 'ADMIN':
      return '/admin/creators';
    case 'AGENCY':
      return '/agency';
    default:
      return '/orders';
  }
}
