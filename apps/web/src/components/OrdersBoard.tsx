import { Badge, Tabs } from 'antd';
import { useState } from 'react';
import type { OrderSummaryFragment } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { ORDER_STATUS_ORDER } from '../lib/order-deadline';
import { OrderList } from './OrderList';
import { EmptyState } from './QueryState';

/** Orders in tabs by status, each with its count; the list keeps the API's newest-first order. */
export function OrdersBoard({ orders, empty }: { orders: OrderSummaryFragment[]; empty: string }) {
  const { t, label } = useI18n();
  const [active, setActive] = useState('ALL');
  const counts = new Map<string, number>();
  for (const order of orders) counts.set(order.status, (counts.get(order.status) ?? 0) + 1);
  const statuses = ORDER_STATUS_ORDER.filter((status) => counts.has(status));
  const shown = active === 'ALL' ? orders : orders.filter((order) => order.status === active);
  if (orders.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <Tabs
      activeKey={active}
      onChange={setActive}
      items={[
        { key: 'ALL', label: `${t('common.all')} ${orders.length}` },
        ...statuses.map((status) => ({
          key: status,
          label: (
            <span data-testid={`orders-tab-${status}`}>
              {label('OrderStatus', status)} <Badge count={counts.get(status)} color="#ff5000" size="small" />
            </span>
          ),
        })),
      ].map((tab) => ({ ...tab, children: <OrderList orders={shown} /> }))}
    />
  );
}
