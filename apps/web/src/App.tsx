import { ApolloProvider } from '@apollo/client/react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { Suspense, useEffect, useState, type ComponentType, type ReactElement } from 'react';
import { BrowserRouter, createRoutesFromElements, matchRoutes, Route, Routes } from 'react-router';
import { createApolloClient } from './apollo';
import { SessionProvider } from './auth/auth';
import { HomeRedirect, RequireRole, RequireSignIn } from './auth/guards';
import { StatusResult } from './components/StatusResult';
import { I18nProvider, useI18n } from './i18n/i18n';
import { preloadable } from './preloadable';

/**
 * Each page is its own chunk, loaded when first opened (antd and ECharts stay out of the log-in page), or
 * as the console starts on it (preloadRoute).
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return preloadable(() => load().then((module) => module[name]));
}

const CreatorsAdminPage = page(() => import('./pages/admin/CreatorsAdminPage'), 'CreatorsAdminPage');
const PlatformDashboardPage = page(
  () => import('./pages/admin/PlatformDashboardPage'),
  'PlatformDashboardPage',
);
const DisputesPage = page(() => import('./pages/admin/DisputesPage'), 'DisputesPage');
const VenueCreatePage = page(() => import('./pages/admin/VenueCreatePage'), 'VenueCreatePage');
const VenuePage = page(() => import('./pages/admin/VenuePage'), 'VenuePage');
const VenuesPage = page(() => import('./pages/admin/VenuesPage'), 'VenuesPage');
const LoginPage = page(() => import('./pages/auth/LoginPage'), 'LoginPage');
const SignUpPage = page(() => import('./pages/auth/SignUpPage'), 'SignUpPage');
const FeedPage = page(() => import('./pages/creator/FeedPage'), 'FeedPage');
const InvitationsPage = page(() => import('./pages/creator/InvitationsPage'), 'InvitationsPage');
const MyBidsPage = page(() => import('./pages/creator/MyBidsPage'), 'MyBidsPage');
const MyOffersPage = page(() => import('./pages/creator/MyOffersPage'), 'MyOffersPage');
const DashboardPage = page(() => import('./pages/merchant/DashboardPage'), 'DashboardPage');
const OfferCataloguePage = page(() => import('./pages/merchant/OfferCataloguePage'), 'OfferCataloguePage');
const PostTaskPage = page(() => import('./pages/merchant/PostTaskPage'), 'PostTaskPage');
const OrderPage = page(() => import('./pages/orders/OrderPage'), 'OrderPage');
const OrdersPage = page(() => import('./pages/orders/OrdersPage'), 'OrdersPage');
const TaskPage = page(() => import('./pages/tasks/TaskPage'), 'TaskPage');
const WalletPage = page(() => import('./pages/wallet/WalletPage'), 'WalletPage');
const ProfilePage = page(() => import('./pages/profile/ProfilePage'), 'ProfilePage');
const AgencyPage = page(() => import('./pages/agency/AgencyPage'), 'AgencyPage');
const CreatorSquarePage = page(() => import('./pages/square/CreatorSquarePage'), 'CreatorSquarePage');
const CreatorProfilePage = page(() => import('./pages/square/CreatorProfilePage'), 'CreatorProfilePage');
const ShortlistsPage = page(() => import('./pages/square/ShortlistsPage'), 'ShortlistsPage');
const MyVenuePage = page(() => import('./pages/venues/MyVenuePage'), 'MyVenuePage');
const ShowcasePage = page(() => import('./pages/showcase/ShowcasePage'), 'ShowcasePage');
const MatchmakingSessionsPage = page(
  () => import('./pages/matchmaking/MatchmakingSessionsPage'),
  'MatchmakingSessionsPage',
);
const MatchmakingSessionPage = page(
  () => import('./pages/matchmaking/MatchmakingSessionPage'),
  'MatchmakingSessionPage',
);

/** Taobao orange on antd's defaults. */
const THEME = { token: { colorPrimary: '#ff5000', borderRadius: 6 } };

function Themed({ children }: { children: React.ReactNode }) {
  const { antdLocale } = useI18n();
  return (
    <ConfigProvider locale={antdLocale} theme={THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function NotFound() {
  const { t } = useI18n();
  return <StatusResult status="404" subTitle={t('error.notFound')} />;
}

/** The console's routes: rendered by App, and matched by preloadRoute before the first render. */
const routes = (
  <>
    <Route path="/login" element={<LoginPage />} />
    <Route path="/signup" element={<SignUpPage />} />
    {/* Public: shoppers open a venue's showcase without an account. */}
    <Route path="/showcase/:venueId" element={<ShowcasePage />} />
    <Route element={<RequireSignIn />}>
      <Route index element={<HomeRedirect />} />
      <Route element={<RequireRole roles={['MERCHANT']} />}>
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="tasks/new" element={<PostTaskPage />} />
        <Route path="offers" element={<OfferCataloguePage />} />
        <Route path="creators" element={<CreatorSquarePage />} />
        <Route path="creators/:id" element={<CreatorProfilePage />} />
        <Route path="shortlists" element={<ShortlistsPage />} />
      </Route>
      <Route element={<RequireRole roles={['CREATOR']} />}>
        <Route path="feed" element={<FeedPage />} />
        <Route path="bids" element={<MyBidsPage />} />
        <Route path="invitations" element={<InvitationsPage />} />
        <Route path="my-offers" element={<MyOffersPage />} />
      </Route>
      <Route element={<RequireRole roles={['AGENCY']} />}>
        <Route path="agency" element={<AgencyPage />} />
      </Route>
      <Route element={<RequireRole roles={['ADMIN']} />}>
        <Route path="admin/dashboard" element={<PlatformDashboardPage />} />
        <Route path="admin/creators" element={<CreatorsAdminPage />} />
        <Route path="admin/venues" element={<VenuesPage />} />
        <Route path="admin/venues/new" element={<VenueCreatePage />} />
        <Route path="admin/venues/:id" element={<VenuePage />} />
        <Route path="admin/disputes" element={<DisputesPage />} />
        <Route path="admin/matchmaking" element={<MatchmakingSessionsPage />} />
        <Route path="admin/matchmaking/:id" element={<MatchmakingSessionPage />} />
      </Route>
      <Route element={<RequireRole roles={['MERCHANT', 'CREATOR']} />}>
        <Route path="venues" element={<VenuesPage />} />
        <Route path="venues/:id" element={<MyVenuePage />} />
        <Route path="matchmaking" element={<MatchmakingSessionsPage />} />
        <Route path="matchmaking/:id" element={<MatchmakingSessionPage />} />
        <Route path="profile" element={<ProfilePage />} />
      </Route>
      <Route path="tasks/:id" element={<TaskPage />} />
      <Route path="orders" element={<OrdersPage />} />
      <Route path="orders/:id" element={<OrderPage />} />
      <Route path="wallet" element={<WalletPage />} />
      <Route path="*" element={<NotFound />} />
    </Route>
  </>
);

/**
 * Asks for the code of the page at `pathname` and of the console frame around it as the console starts,
 * rather than once the frame above it has loaded and rendered: the page's chunks load beside the
 * console's first render and the frame's chunks instead of after them. Each matched route's element
 * whose type has `preload` is asked; a guard's `preload` answering false (no one signed in) stops there.
 * Settles (never fails) once that code is in; null when there is none to wait for.
 */
export function preloadRoute(pathname: string): Promise<void> | null {
  const loading: Promise<void>[] = [];
  for (const { route } of matchRoutes(createRoutesFromElements(routes), pathname) ?? []) {
    const type = (route.element as ReactElement | undefined)?.type as RoutePreload | string | undefined;
    const started = typeof type === 'string' ? undefined : type?.preload?.();
    if (started === false) break;
    if (started) loading.push(started);
  }
  return loading.length ? Promise.all(loading).then(() => undefined) : null;
}

interface RoutePreload {
  preload?: () => Promise<void> | false;
}

/**
 * The routes once the code preloadRoute asked for is in, the spinner until then: mounted with their code
 * at hand, the pages do not suspend, so React does not hold them back behind a Suspense fallback.
 */
function AfterRouteCode({ code, children }: { code: Promise<void> | null; children: React.ReactNode }) {
  const [ready, setReady] = useState(code === null);
  useEffect(() => {
    let mounted = true;
    void code?.then(() => mounted && setReady(true));
    return () => {
      mounted = false;
    };
  }, [code]);
  return ready ? children : <Spin fullscreen />;
}

/** The console; `routeCode`: preloadRoute's answer for the page it opens on. */
export function App({ routeCode = null }: { routeCode?: Promise<void> | null }) {
  const [client] = useState(createApolloClient);
  return (
    <I18nProvider>
      <Themed>
        <ApolloProvider client={client}>
          <SessionProvider>
            <BrowserRouter>
              <Suspense fallback={<Spin fullscreen />}>
                <AfterRouteCode code={routeCode}>
                  <Routes>{routes}</Routes>
                </AfterRouteCode>
              </Suspense>
            </BrowserRouter>
          </SessionProvider>
        </ApolloProvider>
      </Themed>
    </I18nProvider>
  );
}
