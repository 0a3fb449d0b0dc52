import { Card, Flex, List, Space, Tag, Typography } from 'antd';
import { CreatorBrief } from '../../components/CreatorBrief';
import { RecommendedCreatorsDocument } from '../../graphql/generated';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { InviteCreatorButton } from './InviteCreatorButton';
import type { TaskDetail } from './task-detail';

/**
 * Ranked creators with the reasons for each, and an invite button. Matching is its own issue: until
 * the API answers `recommendedCreators`, the card offers the plain invite (pick any creator) instead.
 */
export function RecommendedCreators({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const { data, served } = useOptionalQuery(RecommendedCreatorsDocument, {
    variables: { taskId: task.id, first: 5 },
  });
  const matches = data?.recommendedCreators ?? [];
  return (
    <Card
      className="console-card"
      title={served ? t('task.recommended') : t('task.inviteCreator')}
      extra={<InviteCreatorButton task={task} />}
    >
      {served ? (
        <List
          dataSource={matches}
          rowKey={(match) => match.creator.id}
          renderItem={(match) => (
            <List.Item>
              <Flex vertical gap={6} style={{ width: '100%' }}>
                <Flex justify="space-between" wrap gap={8}>
                  <CreatorBrief creator={match.creator} />
                  <Space>
                    <Tag color="orange">
                      {t('task.match')} {Math.round(match.score * 100)}%
                    </Tag>
                    <InviteCreatorButton task={task} creator={match.creator} />
                  </Space>
                </Flex>
                <Space wrap size={4}>
                  {match.reasons.map((reason) => (
                    <Tag key={reason} color="blue" bordered={false}>
                      {reason}
                    </Tag>
                  ))}
                </Space>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('task.noBids')}</Typography.Text>
      )}
    </Card>
  );
}
