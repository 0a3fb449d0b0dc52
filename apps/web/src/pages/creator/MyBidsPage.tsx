import { useQuery } from '@apollo/client/react';
import { Badge, Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { LoadMore } from '../../components/LoadMore';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import { MyBidsDocument } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { PAGE_SIZE } from '../../lib/pagination';
import { formatDateTime } from '../../lib/time';

export function MyBidsPage() {
  const { t } = useI18n();
  const { data, loading, error, refetch, fetchMore } = useQuery(MyBidsDocument, {
    variables: { first: PAGE_SIZE },
  });
  const bids = data?.myBids.nodes ?? [];
  return (
    <>
      <PageHeader title={t('bids.title')} />
      <Card>
        <QueryState
          loading={loading}
          error={error}
          hasData={Boolean(data)}
          isEmpty={bids.length === 0}
          empty={
            <>
              {t('bids.empty')} <Link to="/feed">{t('nav.feed')}</Link>
            </>
          }
          onRetry={() => refetch()}
        >
          <List
            dataSource={bids}
            rowKey="id"
            renderItem={(bid) => (
              <List.Item
                actions={[
                  bid.order ? (
                    <Link key="order" to={`/orders/${bid.order.id}`}>
                      {t('task.toOrder')}
                    </Link>
                  ) : null,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <Link to={`/tasks/${bid.task.id}`}>{bid.task.title}</Link>
                      <StatusTag kind="BidStatus" value={bid.status} />
                      {bid.unreadMessages ? (
                        <Badge
                          count={bid.unreadMessages}
                          size="small"
                          title={t('chat.unread', { n: bid.unreadMessages })}
                          data-testid="bid-unread"
                        />
                      ) : null}
                    </Space>
                  }
                  description={
                    <Typography.Text type="secondary">
                      {formatDateTime(bid.createdAt)} {bid.rejectReason ? `· ${bid.rejectReason}` : ''}
                    </Typography.Text>
                  }
                />
                <Money value={bid.price} strong />
              </List.Item>
            )}
          />
          <LoadMore connection={data?.myBids} fetchMore={fetchMore} />
        </QueryState>
      </Card>
    </>
  );
}
