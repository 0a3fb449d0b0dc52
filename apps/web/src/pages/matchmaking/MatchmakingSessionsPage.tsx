import { Alert, Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useViewer } from '../../auth/auth';
import { Countdown } from '../../components/Countdown';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import { MatchmakingSessionsDocument } from '../../graphql/generated';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { nextMoment } from '../../lib/matchmaking';
import { PAGE_SIZE } from '../../lib/pagination';
import { formatVenueTime } from '../../lib/time';
import { CreateSessionButton, JoinButton } from './SessionActions';

/**
 * 定向匹配会: every session, newest first, with its phase and a countdown to its next moment. Admins
 * create sessions here; merchants and creators join the ones in sign-up.
 */
export function MatchmakingSessionsPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const admin = viewer.role === 'ADMIN';
  const query = useOptionalQuery(MatchmakingSessionsDocument, { variables: { first: PAGE_SIZE } });
  const connection = query.data?.matchmakingSessions;
  const sessions = connection?.nodes ?? [];
  const base = admin ? '/admin/matchmaking' : '/matchmaking';
  return (
    <>
      <PageHeader
        title={t('mm.title')}
        sub={t('mm.intro')}
        extra={admin && query.served ? <CreateSessionButton /> : null}
      />
      <Card>
        {query.served ? (
          <QueryState
            loading={query.loading}
            error={query.error}
            hasData={Boolean(connection)}
            isEmpty={sessions.length === 0}
            empty={t('mm.empty')}
            onRetry={() => query.refetch()}
          >
            <List
              dataSource={sessions}
              rowKey="id"
              renderItem={(session) => {
                const next = nextMoment(session);
                return (
                  <List.Item
                    data-testid="session-row"
                    actions={admin ? [] : [<JoinButton key="join" session={session} />]}
                  >
                    <List.Item.Meta
                      title={
                        <Space wrap>
                          <Link to={`${base}/${session.id}`}>{session.name}</Link>
                          <StatusTag kind="MatchmakingPhase" value={session.phase} />
                          {next ? <Countdown deadline={next.at} label={t(next.label)} /> : null}
                        </Space>
                      }
                      description={
                        <Typography.Text type="secondary">
                          {session.industry.name} · {t('mm.signupOpensAt')}{' '}
                          {formatVenueTime(session.signupOpensAt)} · {t('mm.matchingStartsAt')}{' '}
                          {formatVenueTime(session.matchingStartsAt)} · {t('mm.endsAt')}{' '}
                          {formatVenueTime(session.endsAt)}
                        </Typography.Text>
                      }
                    />
                  </List.Item>
                );
              }}
            />
            <LoadMore connection={connection} fetchMore={query.fetchMore} />
          </QueryState>
        ) : (
          <Alert type="info" showIcon title={t('common.notServed')} />
        )}
      </Card>
    </>
  );
}
