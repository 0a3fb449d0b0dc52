import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { PerformanceFieldsFragment } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { formatMoney } from '../lib/money';
import { formatRate } from '../lib/percent';
import { EmptyState } from './QueryState';
import { VerifiedVsReported } from './VerifiedVsReported';

/**
 * A task's, a shop's, a creator's or the platform's content performance, summed over its orders: the
 * platform's counts beside the reported figures (as on the order page), then what only one side has
 * (reported views and click-through, the price paid); or what to expect while there are no figures.
 * Nothing while the query has not answered.
 */
export function PerformanceSummaryCard({
  title,
  help,
  performance,
  testId = 'performance-summary',
}: {
  title: string;
  help?: string;
  performance: PerformanceFieldsFragment | null | undefined;
  testId?: string;
}) {
  const { t } = useI18n();
  if (!performance) return null;
  const { verified } = performance;
  const anything = verified.clicks || verified.orders || performance.views || performance.orders;
  return (
    <Card className="console-card" size="small" title={title} data-testid={testId}>
      {help ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {help}
        </Typography.Paragraph>
      ) : null}
      {anything ? (
        <>
          <VerifiedVsReported performance={performance} />
          <Row gutter={[16, 8]} data-testid="performance-extra">
            {[
              ['views', t('tracking.reportedViews'), performance.views.toLocaleString()],
              [
                'ctr',
                `${t('metrics.ctr')} (${t('tracking.reported')})`,
                formatRate(performance.clickThroughRate, 1),
              ],
              ['spend', t('tracking.spend'), formatMoney(performance.spend)],
            ].map(([key, label, value]) => (
              <Col key={key} xs={12} sm={8}>
                <Statistic title={label} value={value} />
              </Col>
            ))}
          </Row>
        </>
      ) : (
        <EmptyState>{t('metrics.noneYet')}</EmptyState>
      )}
    </Card>
  );
}
