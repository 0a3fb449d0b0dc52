import { useQuery } from '@apollo/client/react';
import { Card, Col, Input, List, Row, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useViewer } from '../../auth/auth';
import { EnumSelect } from '../../components/EnumSelect';
import { LoadMore } from '../../components/LoadMore';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { TagPicker } from '../../components/TagPicker';
import { TaskList } from '../../components/TaskList';
import { RecommendedTasksDocument, TasksDocument, type ContentType } from '../../graphql/generated';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { PAGE_SIZE } from '../../lib/pagination';

/** Open tasks the creator's tier qualifies for, searchable; ranked picks on top once matching is served. */
export function FeedPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [search, setSearch] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [contentType, setContentType] = useState<ContentType | undefined>();
  const { data, loading, error, refetch, fetchMore } = useQuery(TasksDocument, {
    variables: {
      filter: {
        status: 'OPEN',
        eligibleForTier: viewer.creator?.tier,
        search: search || null,
        domainTags: tags.length ? tags : null,
        contentType: contentType ?? null,
      },
      orderBy: 'NEWEST',
      first: PAGE_SIZE,
    },
  });
  return (
    <>
      <PageHeader title={t('feed.title')} />
      <RecommendedTasks />
      <Card className="console-card">
        <Row gutter={[8, 8]} style={{ marginBottom: 8 }}>
          <Col xs={24} md={10}>
            <Input.Search placeholder={t('feed.searchPlaceholder')} allowClear onSearch={setSearch} />
          </Col>
          <Col xs={24} md={8}>
            <TagPicker
              value={tags}
              onChange={(value) => setTags(value as string[])}
              placeholder={t('task.tags')}
            />
          </Col>
          <Col xs={24} md={6}>
            <EnumSelect
              kind="ContentType"
              allowClear
              placeholder={t('task.contentType')}
              value={contentType}
              onChange={(value) => setContentType(value as ContentType | undefined)}
              style={{ width: '100%' }}
            />
          </Col>
        </Row>
        <QueryState
          loading={loading}
          error={error}
          hasData={Boolean(data)}
          isEmpty={data?.tasks.nodes.length === 0}
          empty={t('feed.empty')}
          onRetry={() => refetch()}
        >
          <TaskList tasks={data?.tasks.nodes ?? []} />
          <LoadMore
            pageInfo={data?.tasks.pageInfo}
            shown={data?.tasks.nodes.length}
            total={data?.tasks.totalCount}
            onLoad={(after) => fetchMore({ variables: { after } })}
          />
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
