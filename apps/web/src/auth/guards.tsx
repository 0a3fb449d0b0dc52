import { Spin } from 'antd';
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { tokenStore } from '../apollo';
import type { Role } from '../graphql/generated';
import { StatusResult } from '../components/StatusResult';
import { useI18n } from '../i18n/i18n';
import { preloadable } from '../preloadable';
import { homePath, useSession, useViewer } from './auth';

/**
 * The console frame (menu, bell, language switch) is its own chunk, so the log-in page does not load
 * it. Asking for it while the session is still being read lets the two requests overlap.
 */
const ConsoleLayout = preloadable(() =>
  import('../layout/ConsoleLayout').then((module) => module.ConsoleLayout),
);

/** Signed-in pages inside the console frame; others go to the log-in page and come back after. */
export const RequireSignIn = Object.assign(RequireSignInRoute, {
  /**
   * As the console starts (preloadRoute): the frame, when someone is signed in; false otherwise, for
   * the page is not shown (the log-in page is).
   */
  preload(): Promise<void> | false {
    return Boolean(tokenStore.get()) && ConsoleLayout.preload();
  },
});

function RequireSignInRoute() {
  const { viewer, loading } = useSession();
  const location = useLocation();
  if (loading) {
    void ConsoleLayout.preload();
    return <Spin fullscreen />;
  }
  if (!viewer) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return (
    <Suspense fallback={<Spin fullscreen />}>
      <ConsoleLayout />
    </Suspense>
  );
}

export function RequireRole({ roles }: { roles: Role[] }) {
  const viewer = useViewer();
  const { t } = useI18n();
  if (!roles.includes(viewer.role)) return <StatusResult status="403" subTitle={t('error.forbidden')} />;
  return <Outlet />;
}

export function HomeRedirect() {
  return <Navigate to={homePath(useViewer())} replace />;
}
