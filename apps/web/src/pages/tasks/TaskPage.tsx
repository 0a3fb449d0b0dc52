import { useQuery } from '@apollo/client/react';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useViewer } from '../../auth/auth';
import { Countdown } from '../../components/Countdown';
import { DealTerms } from '../../components/DealTerms';
import { Money } from '../../components/Money';
import { PerformanceSummaryCard } from '../../components/PerformanceSummaryCard';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import { TierTag } from '../../components/TierTag';
import { TaskDocument, TaskPerformanceDocument } from '../../graphql/generated';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time';
import { BidComparison } from './BidComparison';
import { BidsPanel } from './BidsPanel';
import { CreatorBidPanel } from './CreatorBidPanel';
import { RecommendedCreators } from './RecommendedCreators';
import { TaskActions } from './TaskActions';
import { DuplicateTaskButton, EditTaskButton } from './TaskEditTools';
import type { TaskDetail } from './task-detail';

export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const viewer = useViewer();
  const { data, loading, error, refetch } = useQuery(TaskDocument, { variables: { id } });
  const task = data?.task;
  const owns = Boolean(task && viewer.merchant?.id === task.merchant.id);
  const manages = owns || viewer.role === 'ADMIN';

  return (
    <QueryState
      loading={loading}
      error={error}
      hasData={Boolean(data)}
      isEmpty={Boolean(data) && !task}
      empty={t('task.notFound')}
      onRetry={() => refetch()}
    >
      {task ? (
        <>
          <PageHeader
            title={
              <Space wrap>
                {task.title}
                <StatusTag kind="TaskStatus" value={task.status} />
              </Space>
            }
            sub={task.merchant.shopName}
            extra={
              owns ? (
                <>
                  {task.status === 'DRAFT' || task.status === 'OPEN' ? <EditTaskButton task={task} /> : null}
                  <DuplicateTaskButton task={task} />
                  <TaskActions task={task} />
                </>
              ) : null
            }
          />
          <TaskSummary task={task} />
          {viewer.role === 'CREATOR' ? <CreatorBidPanel task={task} /> : null}
          {owns ? <BidComparison task={task} /> : null}
          {manages ? <BidsPanel taskId={task.id} canDecide={owns && task.status === 'OPEN'} /> : null}
          {owns && task.status === 'OPEN' ? <RecommendedCreators task={task} /> : null}
          {manages && task.status !== 'DRAFT' ? <TaskPerformance taskId={task.id} /> : null}
        </>
      ) : null}
    </QueryState>
  );
}

function TaskSummary({ task }: { task: TaskDetail }) {
  const { t, label } = useI18n();
  return (
    <Card className="console-card">
      <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
        <Descriptions.Item label={t('task.budget')}>
          <Money value={task.budget} strong />
        </Descriptions.Item>
        <Descriptions.Item label={t('task.slots')}>
          {task.slotsFilled}/{task.slots}
        </Descriptions.Item>
        <Descriptions.Item label={t('task.bidCount')}>{task.bidCount}</Descriptions.Item>
        <Descriptions.Item label={t('task.applyBy')}>
          <Space wrap size={4}>
            {formatDateTime(task.applyBy)}
            {task.status === 'OPEN' ? <Countdown deadline={task.applyBy} /> : null}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('task.deliverBy')}>{formatDateTime(task.deliverBy)}</Descriptions.Item>
        <Descriptions.Item label={t('task.minTier')}>
          <TierTag tier={task.minTier} />
        </Descriptions.Item>
        <Descriptions.Item label={t('task.contentType')}>
          {label('ContentType', task.contentType)}
        </Descriptions.Item>
        <Descriptions.Item label={t('task.channels')}>
          {task.channels.map((channel) => label('Channel', channel)).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('task.maxRevisions')}>{task.maxRevisions}</Descriptions.Item>
        <Descriptions.Item label={t('task.tags')}>
          <Space wrap size={4}>
            {task.domainTags.map((tag) => (
              <Tag key={tag.slug}>{tag.name}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('task.visibility')}>
          {label('TaskVisibility', task.visibility)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>
        {task.brief}
      </Typography.Paragraph>
      <Typography.Text strong>{t('terms.title')}</Typography.Text>
      <DealTerms summary={task.usageRights.summary} retentionDays={task.retentionDays} />
    </Card>
  );
}

/** What the task's content earned over all its orders: for its merchant and admins. */
function TaskPerformance({ taskId }: { taskId: string }) {
  const { t } = useI18n();
  const { data } = useOptionalQuery(TaskPerformanceDocument, { variables: { taskId } });
  return <PerformanceSummaryCard title={t('metrics.taskTitle')} performance={data?.taskPerformance} />;
}
