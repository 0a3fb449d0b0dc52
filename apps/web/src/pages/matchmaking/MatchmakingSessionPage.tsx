import { Alert, Card, Col, Descriptions, Row, Space, Statistic, Typography } from 'antd';
import { useParams } from 'react-router';
import { useViewer } from '../../auth/auth';
import { Countdown } from '../../components/Countdown';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import { MatchmakingSessionDocument, type MatchmakingSessionQuery } from '../../graphql/generated';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { nextMoment } from '../../lib/matchmaking';
import { formatMoney } from '../../lib/money';
import { formatVenueTime } from '../../lib/time';
import { PairingList } from './PairingList';
import { JoinButton } from './SessionActions';

type Session = NonNullable<MatchmakingSessionQuery['matchmakingSession']>;

/**
 * One session: its timeline with a countdown, its figures, and the pairings — the reader's own with
 * accept and decline for a merchant or creator, every pairing for an admin.
 */
export function MatchmakingSessionPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const admin = useViewer().role === 'ADMIN';
  const { data, loading, error, refetch, served } = useOptionalQuery(MatchmakingSessionDocument, {
    variables: { id, admin },
  });
  if (!served) return <Alert type="info" showIcon title={t('common.notServed')} />;
  const session = data?.matchmakingSession;
  return (
    <QueryState
      loading={loading}
      error={error}
      hasData={Boolean(data)}
      isEmpty={Boolean(data) && !session}
      empty={t('error.notFound')}
      onRetry={() => refetch()}
    >
      {session ? <SessionView session={session} admin={admin} /> : null}
    </QueryState>
  );
}

function SessionView({ session, admin }: { session: Session; admin: boolean }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const next = nextMoment(session);
  const side = viewer.role === 'MERCHANT' || viewer.role === 'CREATOR' ? viewer.role : null;
  const funded = session.stats.fundedValue.map((money) => formatMoney(money)).join(' + ') || '0';
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {session.name}
            <StatusTag kind="MatchmakingPhase" value={session.phase} />
            {next ? <Countdown deadline={next.at} label={t(next.label)} /> : null}
          </Space>
        }
        sub={session.industry.name}
        extra={side ? <JoinButton session={session} /> : null}
      />
      <Card className="console-card" size="small">
        {session.description ? <Typography.Paragraph>{session.description}</Typography.Paragraph> : null}
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
          <Descriptions.Item label={t('mm.signupOpensAt')}>
            {formatVenueTime(session.signupOpensAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('mm.matchingStartsAt')}>
            {formatVenueTime(session.matchingStartsAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('mm.endsAt')}>{formatVenueTime(session.endsAt)}</Descriptions.Item>
          <Descriptions.Item label={t('mm.pairingsPerTask')}>{session.pairingsPerTask}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="console-card" size="small" data-testid="session-stats">
        <Row gutter={[16, 16]}>
          <Col xs={12} sm={8} md={4}>
            <Statistic title={t('mm.stats.merchants')} value={session.stats.merchants} />
          </Col>
          <Col xs={12} sm={8} md={4}>
            <Statistic title={t('mm.stats.creators')} value={session.stats.creators} />
          </Col>
          <Col xs={12} sm={8} md={5}>
            <Statistic title={t('mm.stats.proposed')} value={session.stats.pairingsProposed} />
          </Col>
          <Col xs={12} sm={8} md={5}>
            <Statistic title={t('mm.stats.matched')} value={session.stats.pairingsMatched} />
          </Col>
          <Col xs={24} sm={16} md={6}>
            <Statistic title={t('mm.stats.funded')} value={funded} />
          </Col>
        </Row>
      </Card>
      {side ? (
        <Card className="console-card" size="small" title={t('mm.myPairings')} data-testid="my-pairings">
          <PairingList pairings={session.myPairings} side={side} empty={t('mm.noPairings')} />
        </Card>
      ) : null}
      {admin && session.pairings ? (
        <Card
          className="console-card"
          size="small"
          title={`${t('mm.allPairings')} (${session.pairings.totalCount})`}
          data-testid="all-pairings"
        >
          <PairingList pairings={session.pairings.nodes} side={null} empty={t('mm.noPairings')} />
        </Card>
      ) : null}
    </>
  );
}
