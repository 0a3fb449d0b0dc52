import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../graphql/generated';
import { StatusResult } from '../components/StatusResult';
import { useI18n } from '../i18n/i18n';
import { homePath, useSession, useViewer } from './auth';

/**
 * The console frame (menu, bell, language switch) is its own chunk, so the log-in page does not load
 * it. Asking for it while the session is still being read lets the two requests overlap.
 */
const loadConsoleLayout = () => import('../layout/ConsoleLayout');
const ConsoleLayout = lazy(() => loadConsoleLayout().then((module) => ({ default: module.ConsoleLayout })));

/** Signed-in pages inside the console frame; others go to the log-in page and come back after. */
export function RequireSignIn() {
  const { viewer, loading } = useSession();
  const location = useLocation();
  if (loading) {
    void loadConsoleLayout();
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
