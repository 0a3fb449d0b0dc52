import { useI18n } from '../i18n/i18n';
import { formatRate } from '../lib/percent';

/**
 * A creator's reliability as merchants weigh it before choosing them (issue 15): orders they
 * cancelled (or let lapse past deliverBy), late deliveries, and the share of content kept up through
 * its retention window ("—" before the first window ends, rather than a 0% that was never earned).
 */
export function Reliability({
  reliability,
}: {
  reliability: { cancelledByCreator: number; lateDeliveries: number; retentionRate: number | null };
}) {
  const { t } = useI18n();
  return (
    <span data-testid="creator-reliability">
      {t('task.cancelledByCreator')} {reliability.cancelledByCreator} · {t('task.lateDeliveries')}{' '}
      {reliability.lateDeliveries} · {t('task.retentionRate')} {formatRate(reliability.retentionRate)}
    </span>
  );
}
