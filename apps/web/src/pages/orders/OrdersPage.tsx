import { useQuery } from '@apollo/client/react';
import { Badge, Card, Tabs } from 'antd';
import { useState } from 'react';
import { LoadMore } from '../../components/LoadMore';
import { OrderList } from '../../components/OrderList';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { MyOrdersDocument, type OrderStatus } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { ORDER_STATUS_ORDER } from '../../lib/order-deadline';
import { PAGE_SIZE } from '../../lib/pagination';

const ALL = 'ALL';

/**
 * The signed-in merchant's, creator's or agency's orders, a tab per status. The API filters by
 * status and pages the result, so each tab's count is the whole count, not just what is loaded.
 */
export function OrdersPage() {
  const { t, label } = useI18n();
  const [status, setStatus] = useState<OrderStatus | typeof ALL>(ALL);
  const { data, loading, error, refetch, fetchMore } = useQuery(MyOrdersDocument, {
    variables: { status: status === ALL ? null : status, first: PAGE_SIZE },
  });
  const orders = data?.myOrders.nodes ?? [];
  const list = (
    <QueryState
      loading={loading}
      error={error}
      hasData={Boolean(data)}
      isEmpty={orders.length === 0}
      empty={status === ALL ? t('dashboard.noOrders') : t('orders.noneInStatus')}
      onRetry={() => refetch()}
    >
      <OrderList orders={orders} />
      <LoadMore connection={data?.myOrders} fetchMore={fetchMore} />
    </QueryState>
  );
  const count = (key: string) =>
    key === status && data ? (
      <Badge count={data.myOrders.totalCount} color="#ff5000" size="small" showZero={false} />
    ) : null;
  return (
    <>
      <PageHeader title={t('orders.title')} />
      <Card>
        <Tabs
          activeKey={status}
          onChange={(key) => setStatus(key as OrderStatus | typeof ALL)}
          items={[
            {
              key: ALL,
              label: (
                <span data-testid="orders-tab-ALL">
                  {t('common.all')} {count(ALL)}
                </span>
              ),
            },
            ...ORDER_STATUS_ORDER.map((value) => ({
              key: value,
              label: (
                <span data-testid={`orders-tab-${value}`}>
                  {label('OrderStatus', value)} {count(value)}
                </span>
              ),
            })),
          ].map((tab) => ({ ...tab, children: tab.key === status ? list : null }))}
        />
      </Card>
    </>
  );
}
