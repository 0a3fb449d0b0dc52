import { useQuery } from '@apollo/client/react';
import { Card } from 'antd';
import { OrderChatDrawerButton } from '../../components/chat/OrderChat';
import { OrderList } from '../../components/OrderList';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { AllOrdersDocument } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { PAGE_SIZE } from '../../lib/pagination';

/** Admin: disputed orders waiting for a split; each opens on its order page to resolve. */
export function DisputesPage() {
  const { t } = useI18n();
  const { data, loading, error, refetch, fetchMore } = useQuery(AllOrdersDocument, {
    variables: { status: 'DISPUTED', first: PAGE_SIZE },
  });
  const orders = data?.orders.nodes ?? [];
  return (
    <>
      <PageHeader title={t('disputes.title')} />
      <Card>
        <QueryState
          loading={loading}
          error={error}
          hasData={Boolean(data)}
          isEmpty={orders.length === 0}
          empty={t('disputes.empty')}
          onRetry={() => refetch()}
        >
          <OrderList orders={orders} extra={(order) => <OrderChatDrawerButton orderId={order.id} />} />
          <LoadMore connection={data?.orders} fetchMore={fetchMore} />
        </QueryState>
      </Card>
    </>
  );
}
