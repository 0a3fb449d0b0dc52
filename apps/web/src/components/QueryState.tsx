import { Alert, Button, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { toApiError } from '../lib/api-error';

interface QueryStateProps {
  loading: boolean;
  error?: unknown;
  /** Whether there is data to show (loading with data shows the data). */
  hasData: boolean;
  /** Whether the data is an empty list: then `empty` is shown. */
  isEmpty?: boolean;
  empty?: ReactNode;
  onRetry?: () => void;
  children: ReactNode;
}

/** Loading, the API's error with a retry, an empty state that says what to do, or the content. */
export function QueryState({ loading, error, hasData, isEmpty, empty, onRetry, children }: QueryStateProps) {
  const { t } = useI18n();
  if (error && !hasData) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed')}
        description={toApiError(error).message}
        action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      />
    );
  }
  if (loading && !hasData) return <Skeleton active />;
  if (isEmpty) return <EmptyState>{empty}</EmptyState>;
  return <>{children}</>;
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={children} />;
}
