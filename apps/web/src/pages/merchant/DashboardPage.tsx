import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Card, Col, Row } from 'antd';
import { Link } from 'react-router';
import { useViewer } from '../../auth/auth';
import { BarChart } from '../../components/Charts';
import { OrdersBoard } from '../../components/OrdersBoard';
import { PerformanceSummaryCard } from '../../components/PerformanceSummaryCard';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { TaskList } from '../../components/TaskList';
import { WalletCards } from '../../components/WalletCards';
import { MerchantPerformanceDocument, MyOrdersDocument, TasksDocument } from '../../graphql/generated';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { ORDER_STATUS_ORDER } from '../../lib/order-deadline';

export function DashboardPage() {
  const { t, label } = useI18n();
  const viewer = useViewer();
  const tasks = useQuery(TasksDocument, {
    variables: {
      filter: { merchantId: viewer.merchant?.id, status: 'OPEN' },
      orderBy: 'APPLY_BY_SOONEST',
      first: 50,
    },
  });
  const orders = useQuery(MyOrdersDocument, { variables: { first: 100 } });
  const orderNodes = orders.data?.myOrders.nodes ?? [];
  const counted = ORDER_STATUS_ORDER.map((status) => ({
    status,
    count: orderNodes.filter((order) => order.status === status).length,
  })).filter((entry) => entry.count > 0);

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        sub={viewer.merchant?.shopName}
        extra={
          <Link to="/tasks/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('nav.postTask')}
            </Button>
          </Link>
        }
      />
      <WalletCards />
      <ShopPerformance />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card title={t('dashboard.ordersByStatus')} data-testid="dashboard-orders">
            <QueryState
              loading={orders.loading}
              error={orders.error}
              hasData={Boolean(orders.data)}
              onRetry={() => orders.refetch()}
            >
              <OrdersBoard orders={orderNodes} empty={t('dashboard.noOrders')} />
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('dashboard.openTasks')} data-testid="dashboard-tasks">
            <QueryState
              loading={tasks.loading}
              error={tasks.error}
              hasData={Boolean(tasks.data)}
              isEmpty={tasks.data?.tasks.nodes.length === 0}
              empty={t('dashboard.noOpenTasks')}
              onRetry={() => tasks.refetch()}
            >
              <TaskList tasks={tasks.data?.tasks.nodes ?? []} compact />
            </QueryState>
          </Card>
          {counted.length ? (
            <Card title={t('dashboard.chart')} style={{ marginTop: 16 }}>
              <BarChart
                categories={counted.map((entry) => label('OrderStatus', entry.status))}
                values={counted.map((entry) => entry.count)}
              />
            </Card>
          ) : null}
        </Col>
      </Row>
    </>
  );
}

/** The shop's content performance over all its orders (CNY). */
function ShopPerformance() {
  const { t } = useI18n();
  const { data } = useOptionalQuery(MerchantPerformanceDocument);
  return (
    <div style={{ marginTop: 16 }}>
      <PerformanceSummaryCard title={t('metrics.shopTitle')} performance={data?.me?.merchant?.performance} />
    </div>
  );
}
