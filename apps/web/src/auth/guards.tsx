import { Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../graphql/generated';
import { StatusResult } from '../components/StatusResult';
import { useI18n } from '../i18n/i18n';
import { ConsoleLayout } from '../layout/ConsoleLayout';
import { homePath, useSession, useViewer } from './auth';

/** Signed-in pages inside the console frame; others go to the log-in page and come back after. */
export function RequireSignIn() {
  const { viewer, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spin fullscreen />;
  if (!viewer) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <ConsoleLayout />;
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
