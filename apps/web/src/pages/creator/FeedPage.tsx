import { useQuery } from '@apollo/client/react';
import { Card, List, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { useViewer } from '../../auth/auth';
import { LoadMore } from '../../components/LoadMore';
import { useMarketFilter } from '../../components/MarketFilterBar';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { TaskList } from '../../components/TaskList';
import { RecommendedTasksDocument, TasksDocument } from '../../graphql/generated';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { PAGE_SIZE } from '../../lib/pagination';

/** Open tasks the creator's tier qualifies for, searchable; ranked picks on top once matching is served. */
export function FeedPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const { filter, bar } = useMarketFilter(t('feed.searchPlaceholder'));
  const { data, loading, error, refetch, fetchMore } = useQuery(TasksDocument, {
    variables: {
      filter: { status: 'OPEN', eligibleForTier: viewer.creator?.tier, ...filter },
      orderBy: 'NEWEST',
      first: PAGE_SIZE,
    },
  });
  return (
    <>
      <PageHeader title={t('feed.title')} />
      <RecommendedTasks />
      <Card className="console-card">
        {bar}
        <QueryState
          loading={loading}
          error={error}
          hasData={Boolean(data)}
          isEmpty={data?.tasks.nodes.length === 0}
          empty={t('feed.empty')}
          onRetry={() => refetch()}
        >
          <TaskList tasks={data?.tasks.nodes ?? []} />
          <LoadMore connection={data?.tasks} fetchMore={fetchMore} />
        </QueryState>
      </Card>
    </>
  );
}

function RecommendedTasks() {
  const { t } = useI18n();
  const { data, served } = useOptionalQuery(RecommendedTasksDocument, { variables: { first: 5 } });
  const matches = data?.recommendedTasks ?? [];
  if (!served || !matches.length) return null;
  return (
    <Card className="console-card" title={t('feed.recommended')}>
      <List
        dataSource={matches}
        rowKey={(match) => match.task.id}
        renderItem={(match) => (
          <List.Item>
            <Space direction="vertical" size={2}>
              <Space wrap>
                <Link to={`/tasks/${match.task.id}`}>{match.task.title}</Link>
                <Money value={match.task.budget} strong />
                <Tag color="orange">
                  {t('task.match')} {Math.round(match.score * 100)}%
                </Tag>
              </Space>
              <Space wrap size={4}>
                {match.reasons.map((reason) => (
                  <Tag key={reason} color="blue" bordered={false}>
                    {reason}
                  </Tag>
                ))}
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
