import { PageHeader } from '../../components/PageHeader';
import { PerformanceSummaryCard } from '../../components/PerformanceSummaryCard';
import { QueryState } from '../../components/QueryState';
import { PlatformPerformanceDocument } from '../../graphql/generated';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';

/**
 * Admin: the platform's content effect, what tracking links and signed sales counted beside what was
 * reported, over every CNY order, so admins see how far the reported figures are borne out.
 */
export function PlatformDashboardPage() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useOptionalQuery(PlatformPerformanceDocument);
  return (
    <>
      <PageHeader title={t('nav.platform')} />
      <QueryState loading={loading} error={error} hasData={Boolean(data)} onRetry={() => refetch()}>
        <PerformanceSummaryCard
          title={t('tracking.platformTitle')}
          help={t('tracking.platformHelp')}
          performance={data?.platformPerformance}
          testId="platform-effect"
        />
      </QueryState>
    </>
  );
}
