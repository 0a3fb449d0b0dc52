import { useQuery } from '@apollo/client/react';
import { Card } from 'antd';
import { OrdersBoard } from '../../components/OrdersBoard';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { MyOrdersDocument } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';

/** The signed-in merchant's, creator's or agency's orders, by status. */
export function OrdersPage() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(MyOrdersDocument, { variables: { first: 100 } });
  return (
    <>
      <PageHeader title={t('orders.title')} />
      <Card>
        <QueryState loading={loading} error={error} hasData={Boolean(data)} onRetry={() => refetch()}>
          <OrdersBoard orders={data?.myOrders.nodes ?? []} empty={t('dashboard.noOrders')} />
        </QueryState>
      </Card>
    </>
  );
}
