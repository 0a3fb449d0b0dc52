import { Col, Row, Statistic } from 'antd';
import type { PerformanceFieldsFragment } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { formatMoney } from '../lib/money';
import { formatRate } from '../lib/percent';

/**
 * The rates and money of content performance in one row: click-through, conversion, GMV and return
 * on spend, with the totals behind them when `totals` is set (a task's or a shop's summary).
 */
export function PerformanceStats({
  performance,
  totals = false,
}: {
  performance: PerformanceFieldsFragment;
  totals?: boolean;
}) {
  const { t } = useI18n();
  const cells = [
    ...(totals
      ? [
          { key: 'views', title: t('metrics.views'), value: performance.views.toLocaleString() },
          { key: 'orders', title: t('metrics.orders'), value: performance.orders.toLocaleString() },
          { key: 'spend', title: t('metrics.spend'), value: formatMoney(performance.spend) },
        ]
      : []),
    { key: 'ctr', title: t('metrics.ctr'), value: formatRate(performance.clickThroughRate, 1) },
    { key: 'cvr', title: t('metrics.cvr'), value: formatRate(performance.conversionRate, 1) },
    { key: 'gmv', title: t('metrics.gmv'), value: formatMoney(performance.gmv) },
    {
      key: 'roi',
      title: t('metrics.roi'),
      value: performance.returnOnSpend == null ? '—' : performance.returnOnSpend.toFixed(2),
    },
  ];
  return (
    <Row gutter={[16, 8]} data-testid="performance-stats">
      {cells.map((cell) => (
        <Col key={cell.key} xs={12} sm={totals ? 8 : 6} lg={totals ? 6 : 6} xl={totals ? 3 : 6}>
          <Statistic title={cell.title} value={cell.value} />
        </Col>
      ))}
    </Row>
  );
}
