import { Badge, List, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { OrderSummaryFragment } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { currentDeadline } from '../lib/order-deadline';
import { formatDateTime } from '../lib/time';
import { Countdown } from './Countdown';
import { Money } from './Money';
import { StatusTag } from './StatusTag';
import { TierTag } from './TierTag';

/** Orders as rows: what, with whom, how much, and the countdown to the deadline that matters now. */
export function OrderList({
  orders,
  extra,
}: {
  /** With `unreadMessages` (the viewer's own orders), a badge counts the messages not read yet. */
  orders: (OrderSummaryFragment & { unreadMessages?: number })[];
  /** More for each row, such as the admin's view of a disputed order's conversation. */
  extra?: (order: OrderSummaryFragment) => ReactNode;
}) {
  const { t, label } = useI18n();
  return (
    <List
      dataSource={orders}
      rowKey="id"
      renderItem={(order) => {
        const deadline = currentDeadline(order);
        return (
          <List.Item data-testid="order-row" className="console-row">
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <Link to={`/orders/${order.id}`}>
                    {order.task?.title ?? order.offer?.title ?? t('orders.order')}
                  </Link>
                  <StatusTag kind="OrderStatus" value={order.status} />
                  {order.unreadMessages ? (
                    <Badge
                      count={order.unreadMessages}
                      size="small"
                      title={t('chat.unread', { n: order.unreadMessages })}
                      data-testid="order-unread"
                    />
                  ) : null}
                  {extra?.(order)}
                </Space>
              }
              description={
                <Space wrap size={4}>
                  <Typography.Text type="secondary">
                    {order.merchant.shopName} × {order.creator.displayName}
                  </Typography.Text>
                  <TierTag tier={order.creator.tier} />
                  <Typography.Text type="secondary">
                    {label('OrderSource', order.source)} · {formatDateTime(order.createdAt)}
                  </Typography.Text>
                </Space>
              }
            />
            <Space direction="vertical" align="end" size={2}>
              <Money value={order.price} strong />
              {deadline ? (
                <Countdown deadline={deadline.at} label={t(`orders.countdown.${deadline.kind}`)} />
              ) : null}
            </Space>
          </List.Item>
        );
      }}
    />
  );
}
