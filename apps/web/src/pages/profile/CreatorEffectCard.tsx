import { PerformanceSummaryCard } from '../../components/PerformanceSummaryCard';
import { CreatorPerformanceDocument } from '../../graphql/generated';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';

/**
 * On the creator's own profile: what the platform counted for their content (tracking-link clicks and
 * signed sales) beside what was reported, over all their orders. Hidden while the API does not serve it.
 */
export function CreatorEffectCard() {
  const { t } = useI18n();
  const { data, served } = useOptionalQuery(CreatorPerformanceDocument);
  if (!served) return null;
  return (
    <div style={{ marginTop: 16 }}>
      <PerformanceSummaryCard
        title={t('tracking.creatorTitle')}
        help={t('tracking.creatorHelp')}
        performance={data?.me?.creator?.performance}
        testId="creator-effect"
      />
    </div>
  );
}
