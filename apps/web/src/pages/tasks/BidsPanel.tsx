import { useQuery } from '@apollo/client/react';
import { Button, Card, Flex, Form, Input, List, Popconfirm, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { BidChatButton } from '../../components/chat/BidChat';
import { CreatorBrief } from '../../components/CreatorBrief';
import { FormModalButton } from '../../components/FormModalButton';
import { formatTotal, LoadMore } from '../../components/LoadMore';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import {
  AcceptBidDocument,
  RejectBidDocument,
  TaskBidsDocument,
  type TaskBidsQuery,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { PAGE_SIZE } from '../../lib/pagination';

type BidRow = NonNullable<TaskBidsQuery['task']>['bids']['nodes'][number];

/** Every bid on the task with the creator's tier, tags and track record; pending ones to decide. */
export function BidsPanel({ taskId, canDecide }: { taskId: string; canDecide: boolean }) {
  const { t } = useI18n();
  const { data, loading, error, refetch, fetchMore } = useQuery(TaskBidsDocument, {
    variables: { id: taskId, first: PAGE_SIZE },
  });
  const bids = data?.task?.bids.nodes ?? [];
  return (
    <Card
      className="console-card"
      title={`${t('task.bids')} (${formatTotal(data?.task?.bids.totalCount ?? 0, data?.task?.bids.pageInfo.totalCountIsExact)})`}
      data-testid="bids-panel"
    >
      <QueryState
        loading={loading}
        error={error}
        hasData={Boolean(data)}
        isEmpty={bids.length === 0}
        empty={t('task.noBids')}
        onRetry={() => refetch()}
      >
        <List
          dataSource={bids}
          rowKey="id"
          renderItem={(bid) => (
            <BidItem
              bid={bid}
              canDecide={canDecide && bid.status === 'PENDING'}
              chat={canDecide ? <BidChatButton taskId={taskId} bid={bid} side="merchant" /> : null}
            />
          )}
        />
        <LoadMore connection={data?.task?.bids} fetchMore={fetchMore} />
      </QueryState>
    </Card>
  );
}

function BidItem({ bid, canDecide, chat }: { bid: BidRow; canDecide: boolean; chat: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const refetch = ['Task', 'TaskBids', 'MyOrders'];
  const [accept, accepting] = useAction(AcceptBidDocument, { success: 'task.accepted', refetch });
  const [reject] = useAction(RejectBidDocument, { success: 'task.rejected', refetch });
  return (
    <List.Item data-testid="bid-row">
      <Flex vertical gap={8} style={{ width: '100%' }}>
        <Flex justify="space-between" wrap gap={8}>
          <CreatorBrief creator={bid.creator} />
          <Space direction="vertical" align="end" size={2}>
            <Money value={bid.price} strong />
            <StatusTag kind="BidStatus" value={bid.status} />
          </Space>
        </Flex>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{bid.pitch}</Typography.Paragraph>
        {bid.rejectReason ? <Typography.Text type="secondary">{bid.rejectReason}</Typography.Text> : null}
        <Space wrap>
          {canDecide ? (
            <>
              <Popconfirm
                title={t('task.acceptConfirm')}
                onConfirm={async () => {
                  const data = await accept({ bidId: bid.id });
                  if (data) navigate(`/orders/${data.acceptBid.id}`);
                }}
              >
                <Button type="primary" loading={accepting.loading} data-testid="accept-bid">
                  {t('task.accept')}
                </Button>
              </Popconfirm>
              <FormModalButton<{ reason?: string }>
                label={t('task.reject')}
                title={t('task.reject')}
                onSubmit={async ({ reason }) =>
                  Boolean(await reject({ bidId: bid.id, reason: reason || null }))
                }
              >
                <Form.Item name="reason" label={t('task.rejectReason')}>
                  <Input.TextArea rows={2} />
                </Form.Item>
              </FormModalButton>
            </>
          ) : null}
          {chat}
          {bid.order ? <Link to={`/orders/${bid.order.id}`}>{t('task.toOrder')}</Link> : null}
        </Space>
      </Flex>
    </List.Item>
  );
}
