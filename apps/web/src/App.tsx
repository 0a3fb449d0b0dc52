import { ApolloProvider } from '@apollo/client/react';
import { App as AntApp, ConfigProvider, Result } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { createApolloClient } from './apollo';
import { SessionProvider } from './auth/auth';
import { HomeRedirect, RequireRole, RequireSignIn } from './auth/guards';
import { I18nProvider, useI18n } from './i18n/i18n';
import { CreatorsAdminPage } from './pages/admin/CreatorsAdminPage';
import { DisputesPage } from './pages/admin/DisputesPage';
import { VenueCreatePage } from './pages/admin/VenueCreatePage';
import { VenuePage } from './pages/admin/VenuePage';
import { VenuesPage } from './pages/admin/VenuesPage';
import { LoginPage } from './pages/auth/LoginPage';
import { SignUpPage } from './pages/auth/SignUpPage';
import { FeedPage } from './pages/creator/FeedPage';
import { InvitationsPage } from './pages/creator/InvitationsPage';
import { MyBidsPage } from './pages/creator/MyBidsPage';
import { MyOffersPage } from './pages/creator/MyOffersPage';
import { DashboardPage } from './pages/merchant/DashboardPage';
import { OfferCataloguePage } from './pages/merchant/OfferCataloguePage';
import { PostTaskPage } from './pages/merchant/PostTaskPage';
import { OrderPage } from './pages/orders/OrderPage';
import { OrdersPage } from './pages/orders/OrdersPage';
import { TaskPage } from './pages/tasks/TaskPage';
import { WalletPage } from './pages/wallet/WalletPage';

/** Taobao orange on antd's defaults. */
const THEME = { token: { colorPrimary: '#ff5000', borderRadius: 6 } };

function Themed({ children }: { children: React.ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" subTitle={t('error.notFound')} />;
}

export function App() {
  const [client] = useState(createApolloClient);
  return (
    <I18nProvider>
      <Themed>
        <ApolloProvider client={client}>
          <SessionProvider>
            <BrowserRouter>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                <Route path="/signup" element={<SignUpPage />} />
                <Route element={<RequireSignIn />}>
                  <Route index element={<HomeRedirect />} />
                  <Route element={<RequireRole roles={['MERCHANT']} />}>
                    <Route path="dashboard" element={<DashboardPage />} />
                    <Route path="tasks/new" element={<PostTaskPage />} />
                    <Route path="offers" element={<OfferCataloguePage />} />
                  </Route>
                  <Route element={<RequireRole roles={['CREATOR']} />}>
                    <Route path="feed" element={<FeedPage />} />
                    <Route path="bids" element={<MyBidsPage />} />
                    <Route path="invitations" element={<InvitationsPage />} />
                    <Route path="my-offers" element={<MyOffersPage />} />
                  </Route>
                  <Route element={<RequireRole roles={['ADMIN']} />}>
                    <Route path="admin/creators" element={<CreatorsAdminPage />} />
                    <Route path="admin/venues" element={<VenuesPage />} />
                    <Route path="admin/venues/new" element={<VenueCreatePage />} />
                    <Route path="admin/venues/:id" element={<VenuePage />} />
                    <Route path="admin/disputes" element={<DisputesPage />} />
                  </Route>
                  <Route element={<RequireRole roles={['MERCHANT', 'CREATOR']} />}>
                    <Route path="venues" element={<VenuesPage />} />
                  </Route>
                  <Route path="tasks/:id" element={<TaskPage />} />
                  <Route path="orders" element={<OrdersPage />} />
                  <Route path="orders/:id" element={<OrderPage />} />
                  <Route path="wallet" element={<WalletPage />} />
                  <Route path="*" element={<NotFound />} />
                </Route>
              </Routes>
            </BrowserRouter>
          </SessionProvider>
        </ApolloProvider>
      </Themed>
    </I18nProvider>
  );
}
