import { Card } from 'antd';
import type { PerformanceFieldsFragment } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { PerformanceStats } from './PerformanceStats';
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
  return (
    <Card className="console-card" size="small" title={title} data-testid="performance-summary">
      {performance.views || performance.orders ? (
        <PerformanceStats performance={performance} totals />
      ) : (
        <EmptyState>{t('metrics.noneYet')}</EmptyState>
      )}
    </Card>
  );
}
