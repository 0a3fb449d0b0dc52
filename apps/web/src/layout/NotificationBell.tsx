import { BellOutlined } from '@ant-design/icons';
import { useSubscription } from '@apollo/client/react';
import { App, Badge, Dropdown, Typography, type MenuProps } from 'antd';
import { useNavigate } from 'react-router';
import { useViewer } from '../auth/auth';
import {
  MarkAllNotificationsReadDocument,
  MarkNotificationsReadDocument,
  NotificationAddedDocument,
  NotificationsDocument,
  type NotificationFieldsFragment,
} from '../graphql/generated';
import { useAction } from '../hooks/use-action';
import { useOptionalQuery } from '../hooks/use-optional-query';
import { useI18n } from '../i18n/i18n';
import { notificationTarget, staleQueriesFor } from '../lib/notifications';

/**
 * Unread notifications, kept live over the `notificationAdded` subscription: a new one pops up,
 * the badge counts it, and the queries on screen that it makes stale are fetched again (a merchant
 * on the task page sees the new bid without reloading). Opening one marks it read and goes to its
 * order, task or venue (or the profile, for an agency's invitation).
 */
export function NotificationBell() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const viewer = useViewer();
  const { notification } = App.useApp();
  const { data, served } = useOptionalQuery(NotificationsDocument, {
    variables: { unreadOnly: true, first: 10 },
  });
  const [markRead] = useAction(MarkNotificationsReadDocument, { refetch: ['Notifications'] });
  const [markAllRead] = useAction(MarkAllNotificationsReadDocument, {
    success: 'tools.markedAllRead',
    refetch: ['Notifications'],
  });

  const open = (n: NotificationFieldsFragment) => {
    void markRead({ ids: [n.id] });
    const path = notificationTarget(n, viewer.role);
    if (path) navigate(path);
  };

  useSubscription(NotificationAddedDocument, {
    skip: !served,
    onData: ({ client, data: pushed }) => {
      const added = pushed.data?.notificationAdded;
      if (!added) return;
      void client.refetchQueries({ include: staleQueriesFor(added) });
      notification.info({
        key: added.id,
        title: label('NotificationType', added.type),
        description: added.message,
        placement: 'bottomRight',
        onClick: () => {
          notification.destroy(added.id);
          open(added);
        },
        props: { 'data-testid': 'live-notification' } as Record<string, string>,
      });
    },
  });

  if (!served || !data) return null;
  const nodes = data.notifications.nodes;
  const items: MenuProps['items'] = nodes.length
    ? nodes.map((n) => ({
        key: n.id,
        label: (
          <div className="notification-item">
            <Typography.Text strong>{label('NotificationType', n.type)}</Typography.Text>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              {n.message}
            </Typography.Paragraph>
          </div>
        ),
        onClick: () => open(n),
      }))
    : [{ key: 'none', label: t('notifications.empty'), disabled: true }];
  if (nodes.length) {
    items.unshift(
      {
        key: 'mark-all-read',
        label: <span data-testid="mark-all-read">{t('tools.markAllRead')}</span>,
        onClick: () => void markAllRead({}),
      },
      { type: 'divider' },
    );
  }
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Badge count={data.notifications.totalCount} size="small" data-testid="notification-count">
        <BellOutlined style={{ fontSize: 16, cursor: 'pointer' }} aria-label={t('notifications.title')} />
      </Badge>
    </Dropdown>
  );
}
