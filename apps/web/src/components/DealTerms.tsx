import { Typography } from 'antd';
import { useI18n } from '../i18n/i18n';

/**
 * What the merchant buys with the content and how long it must stay up, as plain sentences both
 * parties read before any money moves (SPEC "Usage rights, publication and retention").
 */
export function DealTerms({
  summary,
  retentionDays,
}: {
  /** UsageRights.summary, already in the reader's language. */
  summary: string;
  /** Null where only the order's publication says it (retainUntil). */
  retentionDays?: number | null;
}) {
  const { t } = useI18n();
  return (
    <Typography.Paragraph data-testid="deal-terms" style={{ margin: 0 }}>
      {summary}{' '}
      {retentionDays === undefined || retentionDays === null
        ? null
        : retentionDays === 0
          ? t('terms.noRetention')
          : t('terms.retention', { days: retentionDays })}
    </Typography.Paragraph>
  );
}
