import { Alert, Form, Input, Rate, Typography } from 'antd';
import { FormModalButton, RequiredTextArea } from '../../components/FormModalButton';
import { MoneyInput, useMoneyRule } from '../../components/MoneyInput';
import {
  AcceptDeliveryDocument,
  CancelOrderDocument,
  OpenDisputeDocument,
  RequestRevisionDocument,
  ResolveDisputeDocument,
  ReviewMerchantDocument,
  type OrderDetailFragment,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useNow } from '../../hooks/use-now';
import { useI18n } from '../../i18n/i18n';
import { newIdempotencyKey } from '../../lib/idempotency';
import { compareAmounts, formatMoney, parseMoney, subtractAmounts } from '../../lib/money';
import { FundButton } from './FundButton';
import { SubmitToVenueButton } from './SubmitToVenueButton';
import type { OrderRole } from './use-order-role';

const REFETCH = ['Order', 'MyOrders', 'MyWallet'];

/**
 * The actions the SPEC's order state machine allows this party in this state, and no others.
 * `showLatest` puts the newest version on screen: accepting and asking for a revision act on it.
 */
export function OrderActions({
  order,
  role,
  showLatest,
}: {
  order: OrderDetailFragment;
  role: OrderRole;
  showLatest?: () => void;
}) {
  const { status } = order;
  const reviewable = status === 'DELIVERED' || status === 'REVISION_REQUESTED';
  return (
    <>
      {role === 'merchant' && status === 'AWAITING_FUNDING' ? <FundButton order={order} /> : null}
      {role === 'merchant' && status === 'DELIVERED' ? (
        <>
          <AcceptButton order={order} onOpen={showLatest} />
          <RevisionButton order={order} onOpen={showLatest} />
        </>
      ) : null}
      {(role === 'merchant' || role === 'creator') && reviewable ? <DisputeButton order={order} /> : null}
      {canCancel(order, role) ? <CancelButton order={order} role={role} /> : null}
      {role === 'admin' && status === 'DISPUTED' ? <ResolveButton order={order} /> : null}
      {role === 'creator' && status === 'COMPLETED' && !order.reviewOfMerchant ? (
        <ReviewMerchantButton order={order} />
      ) : null}
      {(role === 'merchant' || role === 'creator') && status === 'COMPLETED' ? (
        <SubmitToVenueButton order={order} />
      ) : null}
    </>
  );
}

/** SPEC "Cancellation": either party before funding; the creator while in progress; the merchant
 * while in progress only before any delivery (the API refuses the rest with its reason). */
function canCancel(order: OrderDetailFragment, role: OrderRole): boolean {
  if (role !== 'merchant' && role !== 'creator') return false;
  if (order.status === 'AWAITING_FUNDING') return true;
  return order.status === 'IN_PROGRESS' && (role === 'creator' || order.deliverables.length === 0);
}

/** What the merchant acts on: the newest version, named in the dialog. */
function LatestVersion({
  order,
  says,
}: {
  order: OrderDetailFragment;
  says: 'orders.acceptsVersion' | 'orders.revisesVersion';
}) {
  const { t } = useI18n();
  const latest = order.deliverables.reduce<OrderDetailFragment['deliverables'][number] | null>(
    (newest, deliverable) => (!newest || deliverable.version > newest.version ? deliverable : newest),
    null,
  );
  if (!latest) return null;
  return (
    <Typography.Paragraph data-testid="acts-on-version">
      {t(says, { n: latest.version })}
      <Typography.Text strong>{latest.title}</Typography.Text>
    </Typography.Paragraph>
  );
}

function AcceptButton({ order, onOpen }: { order: OrderDetailFragment; onOpen?: () => void }) {
  const { t } = useI18n();
  const [accept] = useAction(AcceptDeliveryDocument, {
    success: 'orders.acceptedDelivery',
    refetch: REFETCH,
  });
  return (
    <FormModalButton<{ rating?: number; comment?: string }>
      label={t('orders.acceptDelivery')}
      title={t('orders.acceptDelivery')}
      buttonProps={{ type: 'primary' }}
      initialValues={{ rating: 5 }}
      testId="accept-delivery"
      onOpen={onOpen}
      onSubmit={async ({ rating, comment }) =>
        Boolean(
          await accept({
            orderId: order.id,
            rating: rating || null,
            comment: comment || null,
            idempotencyKey: newIdempotencyKey('accept'),
          }),
        )
      }
    >
      <LatestVersion order={order} says="orders.acceptsVersion" />
      <Form.Item name="rating" label={t('orders.rating')}>
        <Rate />
      </Form.Item>
      <Form.Item name="comment" label={t('orders.comment')}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModalButton>
  );
}

function RevisionButton({ order, onOpen }: { order: OrderDetailFragment; onOpen?: () => void }) {
  const { t } = useI18n();
  const [requestRevision] = useAction(RequestRevisionDocument, {
    success: 'orders.revisionRequested',
    refetch: REFETCH,
  });
  const left = order.maxRevisions - order.revisionsUsed;
  if (left <= 0) return <Typography.Text type="secondary">{t('orders.noRevisionsLeft')}</Typography.Text>;
  return (
    <FormModalButton<{ feedback: string }>
      label={`${t('orders.requestRevision')} (${left})`}
      title={t('orders.requestRevision')}
      testId="request-revision"
      onOpen={onOpen}
      onSubmit={async ({ feedback }) => Boolean(await requestRevision({ orderId: order.id, feedback }))}
    >
      <LatestVersion order={order} says="orders.revisesVersion" />
      <RequiredTextArea name="feedback" label={t('orders.feedback')} rows={4} />
    </FormModalButton>
  );
}

function DisputeButton({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const [openDispute] = useAction(OpenDisputeDocument, { success: 'orders.disputeOpened', refetch: REFETCH });
  return (
    <FormModalButton<{ reason: string }>
      label={t('orders.dispute')}
      title={t('orders.dispute')}
      buttonProps={{ danger: true }}
      onSubmit={async ({ reason }) => Boolean(await openDispute({ orderId: order.id, reason }))}
    >
      <RequiredTextArea name="reason" label={t('common.reason')} rows={4} />
    </FormModalButton>
  );
}

function CancelButton({ order, role }: { order: OrderDetailFragment; role: OrderRole }) {
  const { t } = useI18n();
  const [cancel] = useAction(CancelOrderDocument, { success: 'orders.cancelled', refetch: REFETCH });
  return (
    <FormModalButton<{ reason: string }>
      label={t('orders.cancel')}
      title={t('orders.cancel')}
      testId="cancel-order"
      onSubmit={async ({ reason }) =>
        Boolean(await cancel({ orderId: order.id, reason, idempotencyKey: newIdempotencyKey('cancel') }))
      }
    >
      {role === 'merchant' && order.status === 'IN_PROGRESS' ? <KillFeeNotice order={order} /> : null}
      <RequiredTextArea name="reason" label={t('common.reason')} rows={3} />
    </FormModalButton>
  );
}

/** What the merchant's cancel mid-work costs, shown before they confirm (SPEC "Cancellation"). */
function KillFeeNotice({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const now = useNow(1000);
  const fee = order.cancellationFeeNow;
  if (compareAmounts(fee.amount, '0') <= 0) {
    // A free cancel mid-work happens once deliverBy passed undelivered (or under terms with a free stage).
    if (new Date(order.deliverBy).getTime() > now.getTime()) return null;
    return <Alert type="info" showIcon message={t('orders.killFee.free')} style={{ marginBottom: 12 }} />;
  }
  const refund = subtractAmounts(order.price.amount, fee.amount);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="kill-fee-confirm"
      style={{ marginBottom: 12 }}
      message={t('orders.killFee.confirm', {
        fee: formatMoney(fee),
        refund: formatMoney({ amount: refund, currencyCode: fee.currencyCode }),
      })}
    />
  );
}

function ResolveButton({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const moneyRule = useMoneyRule();
  const [resolve] = useAction(ResolveDisputeDocument, {
    success: 'orders.resolved',
    refetch: [...REFETCH, 'AllOrders'],
  });
  return (
    <FormModalButton<{ creatorAmount: string; note: string }>
      label={t('orders.resolve')}
      title={t('orders.resolve')}
      buttonProps={{ type: 'primary' }}
      onSubmit={async ({ creatorAmount, note }) => {
        const amount = parseMoney(creatorAmount);
        // Zero to the creator is a valid split: a full refund.
        const value = amount.ok ? amount.amount : '0.00';
        return Boolean(
          await resolve({
            input: {
              orderId: order.id,
              creatorAmount: { amount: value, currencyCode: order.price.currencyCode },
              note,
            },
            idempotencyKey: newIdempotencyKey('resolve'),
          }),
        );
      }}
    >
      <Form.Item
        name="creatorAmount"
        label={`${t('orders.creatorAmount')} ≤ ${order.price.amount}`}
        rules={[
          {
            validator: async (rule, value: string) => {
              // Zero to the creator is a valid split (a full refund); moneyRule refuses 0.
              if (value !== '0' && value !== '0.00') await moneyRule.validator(rule, value);
              const amount = parseMoney(value);
              // The label promises "≤ price": checked here rather than left to the API's refusal.
              if (amount.ok && compareAmounts(amount.amount, order.price.amount) > 0)
                throw new Error(t('orders.creatorAmountTooHigh', { max: order.price.amount }));
            },
          },
        ]}
      >
        <MoneyInput currency={order.price.currencyCode} />
      </Form.Item>
      <RequiredTextArea name="note" label={t('orders.note')} rows={3} />
    </FormModalButton>
  );
}

function ReviewMerchantButton({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const [review] = useAction(ReviewMerchantDocument, { success: 'orders.reviewed', refetch: REFETCH });
  return (
    <FormModalButton<{ rating: number; comment?: string }>
      label={t('orders.reviewMerchant')}
      title={t('orders.reviewMerchant')}
      initialValues={{ rating: 5 }}
      onSubmit={async ({ rating, comment }) =>
        Boolean(await review({ orderId: order.id, rating, comment: comment || null }))
      }
    >
      <Form.Item name="rating" label={t('task.rating')} rules={[{ required: true }]}>
        <Rate />
      </Form.Item>
      <Form.Item name="comment" label={t('orders.comment')}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModalButton>
  );
}
