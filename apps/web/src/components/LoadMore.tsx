import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { toApiError } from '../lib/api-error';

interface LoadMoreProps {
  /** The connection's pageInfo; nothing is shown without a next page. */
  pageInfo?: { endCursor?: string | null; hasNextPage: boolean } | null;
  /** How many items are shown and how many there are, for "20 / 135". */
  shown?: number;
  total?: number;
  /** Fetches the page after the cursor (Apollo's fetchMore; the cache appends it to the list). */
  onLoad: (after: string) => Promise<unknown>;
}

/** "Load more" under a list: the next page by cursor, with progress and the API's error. */
export function LoadMore({ pageInfo, shown, total, onLoad }: LoadMoreProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [loading, setLoading] = useState(false);
  const after = pageInfo?.endCursor;
  if (!pageInfo?.hasNextPage || !after) return null;
  const load = async () => {
    setLoading(true);
    try {
      await onLoad(after);
    } catch (error) {
      message.error(toApiError(error).message);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Flex vertical align="center" gap={4} style={{ marginTop: 16 }}>
      <Button onClick={load} loading={loading} data-testid="load-more">
        {t('common.loadMore')}
      </Button>
      {shown !== undefined && total !== undefined ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('common.shownOf', { shown, total })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
