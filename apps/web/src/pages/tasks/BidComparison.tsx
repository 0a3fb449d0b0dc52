import { useQuery } from '@apollo/client/react';
import { Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Money } from '../../components/Money';
import { StatusTag } from '../../components/StatusTag';
import { TierTag } from '../../components/TierTag';
import { TaskBidsDocument } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { BID_SORTS, isOverBudget, sortBids, type BidSort } from '../../lib/bid-comparison';
import { formatRate } from '../../lib/percent';
import { PAGE_SIZE } from '../../lib/pagination';
import type { TaskDetail } from './task-detail';

/**
 * The task's bids side by side for its merchant: price, tier, rating and on-time rate in one table,
 * sortable by each, with bids above the budget flagged and each creator's reliability (cancelled, late,
 * kept up). It reads the bids panel's query (one request
 * for both, the same pages loaded).
 */
export function BidComparison({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const [sortBy, setSortBy] = useState<BidSort>('price');
  const { data } = useQuery(TaskBidsDocument, { variables: { id: task.id, first: PAGE_SIZE } });
  const nodes = data?.task?.bids.nodes;
  const rows = useMemo(() => sortBids(nodes ?? [], sortBy), [nodes, sortBy]);
  if (rows.length < 2) return null;
  const none = <Typography.Text type="secondary">{t('tools.noStats')}</Typography.Text>;
  return (
    <Card
      className="console-card"
      title={t('tools.compare')}
      data-testid="bid-comparison"
      extra={
        <Space wrap>
          <Typography.Text type="secondary">{t('tools.sortBy')}</Typography.Text>
          <Segmented<BidSort>
            size="small"
            value={sortBy}
            onChange={setSortBy}
            options={BID_SORTS.map((value) => ({ value, label: t(`tools.sort.${value}`) }))}
            data-testid="bid-sort"
          />
        </Space>
      }
    >
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        onRow={(bid) =>
          ({ 'data-testid': 'compare-row', 'data-bid': bid.id }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            key: 'creator',
            title: t('tools.col.creator'),
            render: (_, bid) => `${bid.creator.displayName} @${bid.creator.handle}`,
          },
          {
            key: 'price',
            title: t('tools.col.price'),
            render: (_, bid) => (
              <Space size={4} wrap>
                <Money value={bid.price} strong />
                {isOverBudget(bid, task.budget) ? (
                  <Tag color="orange" data-testid="over-budget">
                    {t('tools.overBudget')}
                  </Tag>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'tier',
            title: t('tools.col.tier'),
            render: (_, bid) => <TierTag tier={bid.creator.tier} />,
          },
          {
            key: 'rating',
            title: t('tools.col.rating'),
            render: (_, bid) => bid.creator.stats?.averageRating?.toFixed(1) ?? none,
          },
          {
            key: 'onTime',
            title: t('tools.col.onTime'),
            render: (_, bid) =>
              bid.creator.stats?.onTimeRate == null ? none : formatRate(bid.creator.stats.onTimeRate),
          },
          {
            key: 'completed',
            title: t('tools.col.completed'),
            render: (_, bid) => bid.creator.stats?.completedOrders ?? 0,
          },
          {
            key: 'reliability',
            title: t('tools.col.reliability'),
            render: (_, bid) => {
              const { cancelledByCreator, lateDeliveries, retentionRate } = bid.creator.stats.reliability;
              return (
                <Typography.Text data-testid="compare-reliability">
                  {`${cancelledByCreator} / ${lateDeliveries} / ${formatRate(retentionRate)}`}
                </Typography.Text>
              );
            },
          },
          {
            key: 'status',
            title: t('tools.col.status'),
            render: (_, bid) => <StatusTag kind="BidStatus" value={bid.status} />,
          },
        ]}
      />
    </Card>
  );
}
