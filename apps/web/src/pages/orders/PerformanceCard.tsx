import { Card, Tag } from 'antd';
import { lazy, Suspense } from 'react';
import { BarChart, TrendChart } from '../../components/Charts';
import { PerformanceStats } from '../../components/PerformanceStats';
import { OrderPerformanceDocument, type OrderDetailFragment } from '../../graphql/generated';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { dailySeries } from '../../lib/daily-series';
import type { OrderRole } from './use-order-role';
import { CONTENT_COUNTS } from './content-counts';

// Only the creator and admins record figures: the form and its date picker load for them alone.
const RecordMetricsForm = lazy(() =>
  import('./RecordMetricsForm').then((module) => ({ default: module.RecordMetricsForm })),
);

/**
 * The content's figures and rates, day by day and in total. Hidden while the API does not serve
 * `Order.performance`, and until the content has any figures.
 */
export function PerformanceCard({ order, role }: { order: OrderDetailFragment; role: OrderRole }) {
  const { t } = useI18n();
  const { data, served } = useOptionalQuery(OrderPerformanceDocument, {
    variables: { id: order.id },
    fetchPolicy: 'cache-first', // the order page fetched it as it opened
  });
  const performance = data?.order?.performance;
  const published =
    order.deliverables.find((deliverable) => deliverable.publishedUrl) ?? order.deliverables.at(-1);
  if (!served || !performance) return null;
  const canRecord =
    (role === 'creator' || role === 'admin') && Boolean(published) && order.status !== 'CANCELLED';
  if (!performance.views && !canRecord) return null;
  const daily = dailySeries(data?.order?.dailyPerformance ?? []);
  return (
    <Card
      className="console-card"
      size="small"
      title={
        <>
          {t('orders.performance')} <Tag>{t('tracking.reported')}</Tag>
        </>
      }
    >
      <PerformanceStats performance={performance} />
      {daily.days.length ? (
        <TrendChart
          days={daily.days}
          series={[
            { name: t('metrics.views'), values: daily.views },
            { name: t('metrics.clicks'), values: daily.clicks },
            { name: t('metrics.orders'), values: daily.orders },
            { name: t('metrics.gmv'), values: daily.gmv, axis: 'right' },
          ]}
        />
      ) : null}
      <BarChart
        categories={CONTENT_COUNTS.map((key) => t(`metrics.${key}`))}
        values={CONTENT_COUNTS.map((key) => performance[key])}
        height={200}
      />
      {canRecord && published ? (
        <Suspense fallback={null}>
          <RecordMetricsForm deliverableId={published.id} currency={order.price.currencyCode} />
        </Suspense>
      ) : null}
    </Card>
  );
}
