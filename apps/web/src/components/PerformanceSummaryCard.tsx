import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import type { PerformanceFieldsFragment } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { PerformanceStats } from './PerformanceStats';
import { formatMoney } from '../lib/money';
import { formatRate } from '../lib/percent';
import { EmptyState } from './QueryState';

/**
 * A task's or a shop's content performance, summed over its orders: totals and rates, or what to
 * expect while no figures are recorded. Nothing while the query has not answered.
 */
export function PerformanceSummaryCard({
  title,
  performance,
}: {
  title: string;
  performance: PerformanceFieldsFragment | null | undefined;
}) {
  const { t } = useI18n();
  if (!performance) return null;
  const { verified } = performance;
  return (
    <Card className="console-card" size="small" title={title} data-testid="performance-summary">
      {verified.clicks || verified.orders ? (
        <>
          <Typography.Text strong>{t('tracking.verified')}</Typography.Text>
          <Row gutter={[16, 8]} data-testid="verified-stats" style={{ marginBottom: 12 }}>
            {[
              [t('tracking.clicks'), verified.clicks.toLocaleString()],
              [t('tracking.uniqueVisitors'), verified.uniqueVisitors.toLocaleString()],
              [t('tracking.orders'), verified.orders.toLocaleString()],
              [t('tracking.gmv'), formatMoney(verified.gmv)],
              [t('tracking.cvr'), formatRate(verified.conversionRate, 1)],
              [t('tracking.roi'), verified.returnOnSpend == null ? '—' : verified.returnOnSpend.toFixed(2)],
            ].map(([label, value]) => (
              <Col key={label} xs={12} sm={8} xl={4}>
                <Statistic title={label} value={value} />
              </Col>
            ))}
          </Row>
        </>
      ) : null}
      {performance.views || performance.orders ? (
        <>
          <Tag>{t('tracking.reported')}</Tag>
          <PerformanceStats performance={performance} totals />
        </>
      ) : (
        <EmptyState>{t('metrics.noneYet')}</EmptyState>
      )}
    </Card>
  );
}
