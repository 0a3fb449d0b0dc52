import { useApolloClient, useQuery, useSubscription } from '@apollo/client/react';
import { Card, Col, Descriptions, Rate, Row, Space, Typography } from 'antd';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { useViewer } from '../../auth/auth';
import { OrderChatCard, THREAD_PAGE_SIZE } from '../../components/chat/OrderChat';
import { Countdown } from '../../components/Countdown';
import { DealTerms } from '../../components/DealTerms';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import { TierTag } from '../../components/TierTag';
import {
  OrderDocument,
  OrderLedgerDocument,
  OrderMessagesDocument,
  OrderPerformanceDocument,
  OrderTrackingDocument,
  OrderUpdatedDocument,
  type OrderDetailFragment,
} from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { settledAmounts } from '../../lib/ledger';
import { formatMoney } from '../../lib/money';
import { currentDeadline } from '../../lib/order-deadline';
import { formatDateTime } from '../../lib/time';
import { CancellationCard } from './CancellationCard';
import { Deliverables, useShownVersion } from './Deliverables';
import { LedgerCard } from './LedgerCard';
import { OrderActions } from './OrderActions';
import { OrderTimeline } from './OrderTimeline';
import { PerformanceCard } from './PerformanceCard';
import { TrackingCard } from './TrackingCard';
import { PublicationCard } from './PublicationCard';
import { useOrderRole } from './use-order-role';

// Only the creator delivers: the form (and its select) loads for the creator alone.
const DeliverableForm = lazy(() =>
  import('./DeliverableForm').then((module) => ({ default: module.DeliverableForm })),
);

/**
 * The cards' queries need only the order's id: they are asked for beside the order's own as the page
 * opens, instead of once the order is here and each card mounts (one round trip instead of two before
 * the page is complete). The cards read them cache-first; a card whose query failed asks again.
 */
function usePrefetchedCards(id: string) {
  const client = useApolloClient();
  const viewer = useViewer();
  // Admins see the conversation only in a dispute, which the order says: theirs is not asked for here.
  const withChat = viewer.role !== 'ADMIN';
  useEffect(() => {
    const ignore = () => undefined;
    const fetchPolicy = 'network-only';
    void client.query({ query: OrderLedgerDocument, variables: { orderId: id }, fetchPolicy }).catch(ignore);
    void client.query({ query: OrderTrackingDocument, variables: { id }, fetchPolicy }).catch(ignore);
    void client.query({ query: OrderPerformanceDocument, variables: { id }, fetchPolicy }).catch(ignore);
    if (withChat)
      void client
        .query({
          query: OrderMessagesDocument,
          variables: { orderId: id, first: THREAD_PAGE_SIZE },
          fetchPolicy,
        })
        .catch(ignore);
  }, [client, id, withChat]);
}

export function OrderPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(OrderDocument, { variables: { id } });
  usePrefetchedCards(id);
  const order = data?.order;
  // Live: the pushed order lands in the cache under its id, so this page shows the new status (funded
  // by a Stripe webhook, delivered, accepted by the other party) as it happens; its money moved too.
  useSubscription(OrderUpdatedDocument, {
    variables: { orderId: id },
    skip: !order,
    onData: ({ client }) => void client.refetchQueries({ include: ['OrderLedger', 'MyWallet'] }),
  });
  return (
    <QueryState
      loading={loading}
      error={error}
      hasData={Boolean(data)}
      isEmpty={Boolean(data) && !order}
      empty={t('orders.notFound')}
      onRetry={() => refetch()}
    >
      {order ? <OrderView order={order} /> : null}
    </QueryState>
  );
}

function OrderView({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const role = useOrderRole(order);
  const deadline = currentDeadline(order);
  const shown = useShownVersion(order);
  const latestVersion = order.deliverables.reduce(
    (max, deliverable) => Math.max(max, deliverable.version),
    0,
  );
  const canDeliver =
    role === 'creator' && (order.status === 'IN_PROGRESS' || order.status === 'REVISION_REQUESTED');
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {order.task?.title ?? order.offer?.title ?? t('orders.order')}
            <StatusTag kind="OrderStatus" value={order.status} />
            {deadline ? (
              <Countdown deadline={deadline.at} label={t(`orders.countdown.${deadline.kind}`)} />
            ) : null}
          </Space>
        }
        sub={`${order.merchant.shopName} × ${order.creator.displayName}`}
        extra={<OrderActions order={order} role={role} showLatest={() => shown.show(latestVersion)} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <OrderFacts order={order} />
          <PublicationCard order={order} role={role} />
          <CancellationCard order={order} role={role} />
          <Deliverables order={order} role={role} shown={shown} />
          {canDeliver ? (
            <Suspense fallback={null}>
              <DeliverableForm order={order} />
            </Suspense>
          ) : null}
          <TrackingCard orderId={order.id} role={role} />
          <PerformanceCard order={order} role={role} />
          <LedgerCard order={order} />
        </Col>
        <Col xs={24} lg={9}>
          {/* Admins read the parties' conversation only as evidence in a dispute. */}
          {role !== 'admin' || order.status === 'DISPUTED' ? (
            <OrderChatCard key={order.id} orderId={order.id} readOnly={role === 'admin'} />
          ) : null}
          <OrderTimeline order={order} />
          <Reviews order={order} />
        </Col>
      </Row>
    </>
  );
}

function OrderFacts({ order }: { order: OrderDetailFragment }) {
  const { t, label } = useI18n();
  const splitFacts = useSplitFacts(order);
  return (
    <Card className="console-card" size="small">
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label={t('orders.price')}>
          <Money value={order.price} strong />
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.escrow')}>
          <Space size={4}>
            <StatusTag kind="EscrowStatus" value={order.escrow.status} />
            <Money value={order.escrow.held} />
          </Space>
        </Descriptions.Item>
        {splitFacts}
        <Descriptions.Item label={t('task.deliverBy')}>{formatDateTime(order.deliverBy)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.revisions')}>
          {order.revisionsUsed}/{order.maxRevisions}
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.source')}>{label('OrderSource', order.source)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.creator')}>
          <Space size={4}>
            {order.creator.displayName}
            <TierTag tier={order.creator.tier} />
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }}>
        {t('orders.brief')}: {order.brief}
      </Typography.Paragraph>
      <Typography.Text strong>{t('terms.title')}</Typography.Text>
      <DealTerms summary={order.usageRights.summary} retentionDays={order.retentionDays} />
    </Card>
  );
}

/** Escrow states in which the money has moved for good (released, refunded or split). */
const SETTLED = new Set(['RELEASED', 'REFUNDED', 'SPLIT', 'HOLDBACK_HELD']);

/**
 * The fee, the creator's and agency's parts, and any refund. Before the order settles these are the
 * agreed split of the price (达人应收); once it settles (or is cancelled) they are what actually
 * moved, from the ledger (达人实收): a dispute's split or a cancellation pays less than agreed.
 * Descriptions.Item elements, for Descriptions reads its items' props rather than rendering them.
 */
function useSplitFacts(order: OrderDetailFragment): ReactNode[] {
  const { t } = useI18n();
  const settled = SETTLED.has(order.escrow.status) || order.status === 'CANCELLED';
  const ledger = useQuery(OrderLedgerDocument, {
    variables: { orderId: order.id },
    skip: !settled,
    fetchPolicy: 'cache-first', // fetched as the page opened (usePrefetchedCards)
  });
  const currencyCode = order.price.currencyCode;
  if (!settled) {
    return [
      <Descriptions.Item key="fee" label={t('orders.platformFee')}>
        <Money value={order.platformFee} />
      </Descriptions.Item>,
      <Descriptions.Item key="creator" label={t('orders.creatorPayoutAgreed')}>
        <Money value={order.creatorPayout} />
      </Descriptions.Item>,
      order.agencyShare.amount !== '0.00' ? (
        <Descriptions.Item key="agency" label={t('orders.agencyShare')}>
          <Money value={order.agencyShare} />
        </Descriptions.Item>
      ) : null,
    ];
  }
  const moved = ledger.data ? settledAmounts(ledger.data.ledgerEntries) : null;
  // Until the ledger answers, nothing rather than the agreed figures under the "actually paid" label.
  const amount = (value: string | undefined) =>
    value === undefined ? (
      <Typography.Text type="secondary">…</Typography.Text>
    ) : (
      <Money value={{ amount: value, currencyCode }} />
    );
  const agreedCreator = order.creatorPayout.amount;
  return [
    <Descriptions.Item key="fee" label={t('orders.platformFee')}>
      {amount(moved?.platformFee)}
    </Descriptions.Item>,
    <Descriptions.Item key="creator" label={t('orders.creatorPayout')}>
      <Space size={6} wrap>
        {amount(moved?.creator)}
        {moved && moved.creator !== agreedCreator ? (
          <Typography.Text type="secondary" delete>
            {t('orders.agreed', { amount: formatMoney(order.creatorPayout) })}
          </Typography.Text>
        ) : null}
      </Space>
    </Descriptions.Item>,
    order.agencyShare.amount !== '0.00' || (moved && moved.agencyShare !== '0.00') ? (
      <Descriptions.Item key="agency" label={t('orders.agencyShare')}>
        {amount(moved?.agencyShare)}
      </Descriptions.Item>
    ) : null,
    order.escrow.refunded.amount !== '0.00' ? (
      <Descriptions.Item key="refunded" label={t('orders.refunded')}>
        <Money value={order.escrow.refunded} />
      </Descriptions.Item>
    ) : null,
  ];
}

function Reviews({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const reviews = [
    { key: 'creator', title: t('orders.reviewOfCreator'), review: order.reviewOfCreator },
    { key: 'merchant', title: t('orders.reviewOfMerchant'), review: order.reviewOfMerchant },
  ].filter((entry) => entry.review);
  if (!reviews.length) return null;
  return (
    <Card className="console-card" size="small">
      {reviews.map(({ key, title, review }) => (
        <div key={key}>
          <Typography.Text strong>{title}</Typography.Text>{' '}
          <Rate disabled value={review!.rating} style={{ fontSize: 14 }} />
          {review!.comment ? (
            <Typography.Paragraph type="secondary">{review!.comment}</Typography.Paragraph>
          ) : null}
        </div>
      ))}
    </Card>
  );
}
