import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { toApiError } from '../lib/api-error';

/** A page of one of the API's connections, as the list above shows it. */
interface Connection {
  nodes: readonly unknown[];
  totalCount: number;
  pageInfo: { endCursor?: string | null; hasNextPage: boolean; totalCountIsExact?: boolean };
}

/** A total as the API gave it: a capped one (SPEC "Limits") reads "10,000+". */
export function formatTotal(total: number, exact = true): string {
  return exact ? String(total) : `${total.toLocaleString('en-US')}+`;
}

interface LoadMoreProps {
  /** The connection shown; nothing is shown without a next page. */
  connection?: Connection | null;
  /** Apollo's fetchMore of the list's query: the cache appends the page after the cursor. */
  fetchMore: (options: { variables: { after: string } }) => Promise<unknown>;
}

/** "Load more" under a list, with "20 / 135": the next page by cursor, with progress and the API's error. */
export function LoadMore({ connection, fetchMore }: LoadMoreProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [loading, setLoading] = useState(false);
  const after = connection?.pageInfo.endCursor;
  if (!connection?.pageInfo.hasNextPage || !after) return null;
  const load = async () => {
    setLoading(true);
    try {
      await fetchMore({ variables: { after } });
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
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('common.shownOf', {
          shown: connection.nodes.length,
          total: formatTotal(connection.totalCount, connection.pageInfo.totalCountIsExact),
        })}
      </Typography.Text>
    </Flex>
  );
}
