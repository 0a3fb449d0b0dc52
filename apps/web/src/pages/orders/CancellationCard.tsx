import { Button, Card, Form, Popconfirm, Space, Typography } from 'antd';
import { useViewer } from '../../auth/auth';
import { Countdown } from '../../components/Countdown';
import { FormModalButton, RequiredTextArea } from '../../components/FormModalButton';
import { Money } from '../../components/Money';
import { MoneyInput, useMoneyRule } from '../../components/MoneyInput';
import { StatusTag } from '../../components/StatusTag';
import {
  ProposeCancellationDocument,
  RespondToCancellationDocument,
  WithdrawCancellationProposalDocument,
  type OrderDetailFragment,
} from '../../graphql/generated';
import { useNow } from '../../hooks/use-now';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { newIdempotencyKey } from '../../lib/idempotency';
import { nextKillFeeStage } from '../../lib/kill-fee';
import { compareAmounts, formatMoney, parseMoney } from '../../lib/money';
import type { OrderRole } from './use-order-role';

const REFETCH = ['Order', 'MyOrders', 'MyWallet'];

/** Where either party may propose to cancel (SPEC "Cancellation"): funded and not yet settled. */
const PROPOSABLE = new Set(['IN_PROGRESS', 'DELIVERED', 'REVISION_REQUESTED', 'DISPUTED']);

type Proposal = OrderDetailFragment['cancellationProposals'][number];

/**
 * The order's cancellation terms as the parties need them: while IN_PROGRESS the kill fee the creator
 * would keep now and when it changes next; the terms table; and mutual cancellation (propose, and the
 * other party's accept or decline, the author's withdraw).
 */
export function CancellationCard({ order, role }: { order: OrderDetailFragment; role: OrderRole }) {
  const { t, lang } = useI18n();
  const party = role === 'merchant' || role === 'creator';
  const open = PROPOSABLE.has(order.status);
  if (!open && !order.cancellationProposals.length) return null;
  const pending = order.cancellationProposals.some((proposal) => proposal.status === 'PENDING');
  return (
    <Card
      className="console-card"
      size="small"
      title={t('orders.killFee.title')}
      data-testid="cancellation-card"
      extra={party && open && !pending ? <ProposeButton order={order} /> : null}
    >
      {order.status === 'IN_PROGRESS' ? <KillFeeNow order={order} /> : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0' }}>
        {order.cancellationTerms
          .map((stage) =>
            t('orders.killFee.stages', {
              until: String(stage.untilElapsedBps / 100),
              share: String(stage.creatorShareBps / 100),
            }),
          )
          .join(lang === 'en' ? '; ' : '；')}
      </Typography.Paragraph>
      {order.cancellationProposals.length ? (
        <div>
          <Typography.Text strong>{t('orders.proposals.title')}</Typography.Text>
          {order.cancellationProposals.map((proposal) => (
            <ProposalItem key={proposal.id} proposal={proposal} canAnswer={party} />
          ))}
        </div>
      ) : null}
    </Card>
  );
}

function KillFeeNow({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const now = useNow(1000);
  const fundedAt = order.events.find((event) => event.type === 'FUNDED')?.at;
  const next = fundedAt ? nextKillFeeStage(order.cancellationTerms, fundedAt, order.deliverBy, now) : null;
  return (
    <Space wrap size={6} data-testid="kill-fee-now">
      <Typography.Text>{t('orders.killFee.now')}</Typography.Text>
      <Money value={order.cancellationFeeNow} strong />
      {next ? (
        <Countdown
          deadline={next.at.toISOString()}
          label={t('orders.killFee.next', { share: String(next.creatorShareBps / 100) })}
        />
      ) : null}
    </Space>
  );
}

function ProposalItem({ proposal, canAnswer }: { proposal: Proposal; canAnswer: boolean }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const mine = proposal.proposedBy.id === viewer.id;
  const [acceptProposal] = useAction(RespondToCancellationDocument, {
    success: 'orders.proposals.accepted',
    refetch: REFETCH,
  });
  const [declineProposal] = useAction(RespondToCancellationDocument, {
    success: 'orders.proposals.declined',
    refetch: REFETCH,
  });
  const [withdraw] = useAction(WithdrawCancellationProposalDocument, {
    success: 'orders.proposals.withdrawn',
    refetch: REFETCH,
  });
  const answer = (accept: boolean) =>
    (accept ? acceptProposal : declineProposal)({
      proposalId: proposal.id,
      accept,
      idempotencyKey: newIdempotencyKey('respond'),
    });
  const amount = formatMoney(proposal.creatorAmount);
  const actions =
    proposal.status !== 'PENDING' || !canAnswer
      ? []
      : mine
        ? [
            <Button key="withdraw" size="small" onClick={() => void withdraw({ proposalId: proposal.id })}>
              {t('orders.proposals.withdraw')}
            </Button>,
          ]
        : [
            <Popconfirm
              key="accept"
              title={t('orders.proposals.acceptConfirm', { amount })}
              onConfirm={() => answer(true)}
            >
              <Button size="small" type="primary" data-testid="accept-proposal">
                {t('orders.proposals.accept')}
              </Button>
            </Popconfirm>,
            <Button key="decline" size="small" onClick={() => void answer(false)}>
              {t('orders.proposals.decline')}
            </Button>,
          ];
  return (
    <div data-testid="cancellation-proposal" style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
      <Space direction="vertical" size={4} style={{ minWidth: 0 }}>
        <Space wrap size={4}>
          <StatusTag kind="CancellationProposalStatus" value={proposal.status} />
          <Typography.Text>
            {t('orders.proposals.by', { name: proposal.proposedBy.displayName, amount })}
          </Typography.Text>
        </Space>
        <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {proposal.reason}
        </Typography.Text>
        {actions.length ? <Space wrap>{actions}</Space> : null}
      </Space>
    </div>
  );
}

function ProposeButton({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const moneyRule = useMoneyRule();
  const [propose] = useAction(ProposeCancellationDocument, {
    success: 'orders.proposals.proposed',
    refetch: REFETCH,
  });
  return (
    <FormModalButton<{ creatorAmount: string; reason: string }>
      label={t('orders.proposals.propose')}
      title={t('orders.proposals.propose')}
      buttonProps={{ size: 'small' }}
      testId="propose-cancellation"
      onSubmit={async ({ creatorAmount, reason }) => {
        const amount = parseMoney(creatorAmount);
        return Boolean(
          await propose({
            orderId: order.id,
            // Nothing to the creator is a valid proposal: a full refund.
            creatorAmount: {
              amount: amount.ok ? amount.amount : '0.00',
              currencyCode: order.price.currencyCode,
            },
            reason,
          }),
        );
      }}
    >
      <Form.Item
        name="creatorAmount"
        label={`${t('orders.proposals.creatorAmount')} ≤ ${order.price.amount}`}
        rules={[
          {
            validator: async (rule, value: string) => {
              if (value !== '0' && value !== '0.00') await moneyRule.validator(rule, value);
              const amount = parseMoney(value);
              if (amount.ok && compareAmounts(amount.amount, order.price.amount) > 0)
                throw new Error(t('orders.creatorAmountTooHigh', { max: order.price.amount }));
            },
          },
        ]}
      >
        <MoneyInput currency={order.price.currencyCode} />
      </Form.Item>
      <RequiredTextArea name="reason" label={t('common.reason')} rows={3} />
    </FormModalButton>
  );
}
