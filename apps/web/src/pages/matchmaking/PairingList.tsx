import { Button, List, Progress, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { EmptyState } from '../../components/QueryState';
import { Money } from '../../components/Money';
import { StatusTag } from '../../components/StatusTag';
import { TierTag } from '../../components/TierTag';
import { RespondToPairingDocument, type PairingCardFragment } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { answerKey, answerState, scorePercent, type PairingSide } from '../../lib/matchmaking';

/**
 * Pairings with their fit and reasons. `side` is the reader's side (merchant or creator), who may
 * accept or decline while the pairing is proposed; admins (no side) only watch.
 */
export function PairingList({
  pairings,
  side,
  empty,
}: {
  pairings: PairingCardFragment[];
  side: PairingSide | null;
  empty: string;
}) {
  if (!pairings.length) return <EmptyState>{empty}</EmptyState>;
  return (
    <List
      dataSource={pairings}
      rowKey="id"
      renderItem={(pairing) => <PairingItem pairing={pairing} side={side} />}
    />
  );
}

function PairingItem({ pairing, side }: { pairing: PairingCardFragment; side: PairingSide | null }) {
  const { t } = useI18n();
  const [respond, { loading }] = useAction(RespondToPairingDocument, {
    refetch: ['MatchmakingSession'],
  });
  const state = side ? answerState(pairing, side) : 'DONE';
  const actions =
    state === 'ANSWER'
      ? [
          <Button
            key="accept"
            type="primary"
            size="small"
            loading={loading}
            data-testid="accept-pairing"
            onClick={() => respond({ pairingId: pairing.id, accept: true })}
          >
            {t('mm.accept')}
          </Button>,
          <Button
            key="decline"
            size="small"
            disabled={loading}
            data-testid="decline-pairing"
            onClick={() => respond({ pairingId: pairing.id, accept: false })}
          >
            {t('mm.decline')}
          </Button>,
        ]
      : state === 'WAITING'
        ? [
            <Typography.Text key="waiting" type="secondary">
              {t('mm.waitingOther')}
            </Typography.Text>,
          ]
        : [];
  if (pairing.order) {
    actions.push(
      <Link key="order" to={`/orders/${pairing.order.id}`} data-testid="pairing-order">
        {t('mm.viewOrder')}
      </Link>,
    );
  }
  return (
    <List.Item data-testid="pairing" data-status={pairing.status} actions={actions}>
      <List.Item.Meta
        title={
          <Space wrap>
            {side === 'CREATOR' ? (
              pairing.merchant.shopName
            ) : (
              <>
                {pairing.creator.displayName}{' '}
                <Typography.Text type="secondary">@{pairing.creator.handle}</Typography.Text>
                <TierTag tier={pairing.creator.tier} />
              </>
            )}
            <StatusTag kind="PairingStatus" value={pairing.status} />
            <Progress
              type="circle"
              size={28}
              percent={scorePercent(pairing.score)}
              aria-label={t('mm.score')}
            />
          </Space>
        }
        description={
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text>
              <Link to={`/tasks/${pairing.task.id}`}>{pairing.task.title}</Link> · {t('mm.budget')}{' '}
              <Money value={pairing.task.budget} />
            </Typography.Text>
            <Space size={[4, 4]} wrap data-testid="pairing-reasons">
              {pairing.reasons.map((reason) => (
                <Tag key={reason}>{reason}</Tag>
              ))}
            </Space>
            <Typography.Text type="secondary">
              {t('mm.merchantSide')} {t(answerKey(pairing.merchantAccepted))} · {t('mm.creatorSide')}{' '}
              {t(answerKey(pairing.creatorAccepted))}
            </Typography.Text>
          </Space>
        }
      />
    </List.Item>
  );
}
