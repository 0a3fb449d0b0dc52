import {
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  CrownOutlined,
  DashboardOutlined,
  FileAddOutlined,
  FlagOutlined,
  IdcardOutlined,
  LogoutOutlined,
  MailOutlined,
  ProfileOutlined,
  SearchOutlined,
  ShopOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
  UserOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { Avatar, Dropdown, Flex, Layout, Menu, Segmented, Space, Typography, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useSession, useViewer } from '../auth/auth';
import type { Role } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { CONSOLE_NAME, pageTitleKey, useDocumentTitle } from './document-title';
import { NotificationBell } from './NotificationBell';

interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
}

const NAV: Record<Role, NavItem[]> = {
  MERCHANT: [
    { path: '/dashboard', label: 'nav.dashboard', icon: <DashboardOutlined /> },
    { path: '/tasks/new', label: 'nav.postTask', icon: <FileAddOutlined /> },
    { path: '/creators', label: 'nav.square', icon: <SearchOutlined /> },
    { path: '/shortlists', label: 'nav.shortlists', icon: <StarOutlined /> },
    { path: '/orders', label: 'nav.orders', icon: <ProfileOutlined /> },
    { path: '/offers', label: 'nav.offers', icon: <ShopOutlined /> },
    { path: '/venues', label: 'nav.venueJoin', icon: <FlagOutlined /> },
    { path: '/matchmaking', label: 'nav.matchmaking', icon: <ApiOutlined /> },
    { path: '/wallet', label: 'nav.wallet', icon: <WalletOutlined /> },
  ],
  CREATOR: [
    { path: '/feed', label: 'nav.feed', icon: <AppstoreOutlined /> },
    { path: '/bids', label: 'nav.myBids', icon: <SolutionOutlined /> },
    { path: '/invitations', label: 'nav.invitations', icon: <MailOutlined /> },
    { path: '/orders', label: 'nav.orders', icon: <ProfileOutlined /> },
    { path: '/my-offers', label: 'nav.myOffers', icon: <ShopOutlined /> },
    { path: '/venues', label: 'nav.venueJoin', icon: <FlagOutlined /> },
    { path: '/matchmaking', label: 'nav.matchmaking', icon: <ApiOutlined /> },
    { path: '/wallet', label: 'nav.wallet', icon: <WalletOutlined /> },
  ],
  AGENCY: [
    { path: '/agency', label: 'nav.agency', icon: <TeamOutlined /> },
    { path: '/orders', label: 'nav.orders', icon: <ProfileOutlined /> },
    { path: '/wallet', label: 'nav.wallet', icon: <WalletOutlined /> },
  ],
  ADMIN: [
    { path: '/admin/dashboard', label: 'nav.platform', icon: <DashboardOutlined /> },
    { path: '/admin/creators', label: 'nav.creators', icon: <CrownOutlined /> },
    { path: '/admin/venues', label: 'nav.venues', icon: <FlagOutlined /> },
    { path: '/admin/matchmaking', label: 'nav.matchmaking', icon: <ApiOutlined /> },
    { path: '/admin/disputes', label: 'nav.disputes', icon: <AuditOutlined /> },
  ],
};

/** The selected menu entry: the longest nav path the current location starts with. */
function selectedKey(items: NavItem[], pathname: string): string[] {
  const match = items
    .filter((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return match ? [match.path] : [];
}

/** The console frame: a dark side menu (a drawer-like overlay on phones), the header, the page. */
export function ConsoleLayout() {
  const viewer = useViewer();
  const { signOut } = useSession();
  const { t, label, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [mobile, setMobile] = useState(false);
  const items = NAV[viewer.role];
  const page = pageTitleKey(location.pathname, items);
  useDocumentTitle([page && t(page), t(CONSOLE_NAME[viewer.role]), t('app.name')]);

  const menuItems: MenuProps['items'] = items.map((item) => ({
    key: item.path,
    icon: item.icon,
    label: t(item.label),
  }));
  const hasProfile = viewer.role === 'MERCHANT' || viewer.role === 'CREATOR';
  const userMenu: MenuProps['items'] = [
    ...(hasProfile
      ? [
          {
            key: 'profile',
            icon: <IdcardOutlined />,
            label: <span data-testid="menu-profile">{t('nav.profile')}</span>,
            onClick: () => navigate('/profile'),
          },
          { type: 'divider' as const },
        ]
      : []),
    { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: () => void signOut() },
  ];

  return (
    // The outer layout is as dark as the menu, so the menu column stays dark on long pages.
    <Layout style={{ minHeight: '100vh', background: '#001529' }}>
      <Layout.Sider
        theme="dark"
        breakpoint="lg"
        collapsedWidth={mobile ? 0 : 80}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        onBreakpoint={(broken) => {
          setMobile(broken);
          setCollapsed(broken);
        }}
        zeroWidthTriggerStyle={{ top: 12 }}
        style={
          mobile
            ? { position: 'fixed', height: '100vh', zIndex: 20, left: 0, top: 0 }
            : { position: 'sticky', height: '100vh', top: 0, overflow: 'auto' }
        }
        data-testid="side-menu"
      >
        <Flex align="center" justify="center" style={{ height: 56, color: '#fff' }} gap={8}>
          <span className="brand-mark">V</span>
          {collapsed ? null : (
            <Typography.Text strong style={{ color: '#fff', fontSize: 16 }}>
              {t('app.name')}
            </Typography.Text>
          )}
        </Flex>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selectedKey(items, location.pathname)}
          items={menuItems}
          onClick={({ key }) => {
            navigate(key);
            if (mobile) setCollapsed(true);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="console-header">
          <Typography.Text type="secondary" className="console-header-title">
            {t('app.subtitle')}
          </Typography.Text>
          <Space size="middle">
            <NotificationBell />
            <Segmented
              size="small"
              value={lang}
              onChange={(value) => setLang(value as 'zh' | 'en')}
              options={[
                { value: 'zh', label: '中文' },
                { value: 'en', label: 'EN' },
              ]}
              data-testid="lang-switch"
            />
            <Dropdown menu={{ items: userMenu }} trigger={['click']}>
              <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} style={{ background: '#ff5000' }} />
                <span className="console-user-name">
                  {viewer.merchant?.shopName ?? viewer.displayName} · {label('Role', viewer.role)}
                </span>
              </Space>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="console-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
