import { List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { TaskCardFragment } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { Countdown } from './Countdown';
import { Money } from './Money';
import { StatusTag } from './StatusTag';
import { TierTag } from './TierTag';

/** Tasks as a feed: budget, slots, bids, tags, and the countdown to applyBy while open. */
export function TaskList({ tasks, compact }: { tasks: TaskCardFragment[]; compact?: boolean }) {
  const { t, label } = useI18n();
  return (
    <List
      dataSource={tasks}
      rowKey="id"
      renderItem={(task) => (
        <List.Item data-testid="task-row" className="console-row">
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <Link to={`/tasks/${task.id}`}>{task.title}</Link>
                <StatusTag kind="TaskStatus" value={task.status} />
              </Space>
            }
            description={
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Money value={task.budget} strong />
                  <Typography.Text type="secondary">
                    {label('ContentType', task.contentType)} · {t('task.slots')} {task.slotsFilled}/
                    {task.slots} · {t('task.bidCount')} {task.bidCount}
                  </Typography.Text>
                  {task.status === 'OPEN' ? (
                    <Countdown deadline={task.applyBy} label={t('task.closesIn')} />
                  ) : null}
                </Space>
                {compact ? null : (
                  <Space wrap size={4}>
                    <Typography.Text type="secondary">{task.merchant.shopName}</Typography.Text>
                    <TierTag tier={task.minTier} />
                    {task.domainTags.map((tag) => (
                      <Tag key={tag.slug} bordered={false}>
                        {tag.name}
                      </Tag>
                    ))}
                  </Space>
                )}
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}
