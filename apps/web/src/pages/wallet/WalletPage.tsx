import { useQuery } from '@apollo/client/react';
import { Card, Form, Table } from 'antd';
import { FormModalButton } from '../../components/FormModalButton';
import { Money } from '../../components/Money';
import { MoneyInput, useMoneyRule } from '../../components/MoneyInput';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import { WalletCards } from '../../components/WalletCards';
import { MyPayoutsDocument, RequestPayoutDocument } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { newIdempotencyKey } from '../../lib/idempotency';
import { parseMoney } from '../../lib/money';
import { formatDateTime } from '../../lib/time';

export function WalletPage() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(MyPayoutsDocument);
  const payouts = data?.myPayouts ?? [];
  return (
    <>
      <PageHeader title={t('wallet.title')} extra={<PayoutButton />} />
      <WalletCards />
      <Card className="console-card" title={t('wallet.payouts')} style={{ marginTop: 16 }}>
        <QueryState loading={loading} error={error} hasData={Boolean(data)} onRetry={() => refetch()}>
          {payouts.length === 0 ? (
            <EmptyState>{t('wallet.noPayouts')}</EmptyState>
          ) : (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              dataSource={payouts}
              columns={[
                { title: t('wallet.amount'), render: (_, payout) => <Money value={payout.amount} /> },
                {
                  title: t('common.status'),
                  render: (_, payout) => <StatusTag kind="PayoutStatus" value={payout.status} />,
                },
                {
                  title: t('orders.note'),
                  // Written by the server in the reader's language, the provider's reference labelled.
                  render: (_, payout) => payout.note,
                },
                { title: t('common.time'), render: (_, payout) => formatDateTime(payout.createdAt) },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </>
  );
}

function PayoutButton() {
  const { t } = useI18n();
  const moneyRule = useMoneyRule();
  const [requestPayout] = useAction(RequestPayoutDocument, {
    success: 'wallet.payoutRequested',
    refetch: ['MyPayouts', 'MyWallet'],
  });
  return (
    <FormModalButton<{ amount: string }>
      label={t('wallet.requestPayout')}
      title={t('wallet.requestPayout')}
      buttonProps={{ type: 'primary' }}
      onSubmit={async ({ amount }, form) => {
        const parsed = parseMoney(amount);
        if (!parsed.ok) return false;
        const data = await requestPayout(
          {
            amount: { amount: parsed.amount, currencyCode: 'CNY' },
            idempotencyKey: newIdempotencyKey('payout'),
          },
          form,
        );
        return Boolean(data);
      }}
    >
      <Form.Item name="amount" label={t('wallet.amount')} rules={[moneyRule]}>
        <MoneyInput />
      </Form.Item>
    </FormModalButton>
  );
}
