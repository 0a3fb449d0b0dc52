import { useApolloClient, useQuery } from '@apollo/client/react';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { restartSubscriptions, tokenStore } from '../apollo';
import { MeDocument, type ViewerFieldsFragment } from '../graphql/generated';

export type Viewer = ViewerFieldsFragment;

const VIEWER_KEY = 'vtask.viewer';

/** Which token a stored viewer was seen with: its signature, so another user's token never shows it. */
const tokenMark = (token: string) => token.slice(-24);

/**
 * The signed-in user as last seen, beside the token it came with. A reload starts from it: the console
 * and the page's own queries start at once, and the sign-in check (Me) runs beside them rather than
 * before them; Me's answer then replaces it (and a refused token still ends the session).
 */
export const viewerStore = {
  get(token: string): Viewer | null {
    try {
      const saved = JSON.parse(localStorage.getItem(VIEWER_KEY) ?? 'null') as {
        mark: string;
        viewer: Viewer;
      } | null;
      return saved?.mark === tokenMark(token) ? saved.viewer : null;
    } catch {
      return null;
    }
  },
  set(token: string, viewer: Viewer): void {
    localStorage.setItem(VIEWER_KEY, JSON.stringify({ mark: tokenMark(token), viewer }));
  },
  clear(): void {
    localStorage.removeItem(VIEWER_KEY);
  },
};

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
  const [token, setToken] = useState(() => {
    const stored = tokenStore.get();
    const seen = stored ? viewerStore.get(stored) : null;
    // A viewer stored by an older console may lack a field Me asks for now: then Me is simply awaited.
    if (seen) {
      try {
        client.writeQuery({ query: MeDocument, data: { me: seen } });
      } catch {
        viewerStore.clear();
      }
    }
    return stored;
  });
  const hasToken = Boolean(token);
  const { data, loading } = useQuery(MeDocument, { skip: !hasToken, fetchPolicy: 'cache-and-network' });
  const me = data?.me;
  useEffect(() => {
    if (token && me) viewerStore.set(token, me);
  }, [token, me]);

  const signIn = useCallback(
    async (next: string, viewer: Viewer) => {
      tokenStore.set(next);
      viewerStore.set(next, viewer);
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
    viewerStore.clear();
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
