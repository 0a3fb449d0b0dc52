import { App, Button } from 'antd';
import { FundOrderDocument, type OrderDetailFragment } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';

/**
 * Funds the escrow. With the sandbox provider the charge succeeds at once; a card provider answers
 * REQUIRES_ACTION with a client secret (Stripe Elements is not wired into the console yet, so the page
 * says so). The key is the order's: a double click or a retry returns the first result.
 */
export function FundButton({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [fund, { loading }] = useAction(FundOrderDocument, { refetch: ['MyOrders', 'MyWallet'] });
  const onClick = async () => {
    const data = await fund({ orderId: order.id, idempotencyKey: `web:fund:${order.id}` });
    if (!data) return;
    const result = data.fundOrder;
    if (result.status === 'SUCCEEDED') message.success(t('orders.funded'));
    else if (result.status === 'REQUIRES_ACTION') message.warning(t('orders.fundPending'));
    else message.error(t('orders.fundFailed', { reason: result.failureReason ?? '' }));
  };
  return (
    <Button type="primary" loading={loading} onClick={onClick} data-testid="fund-order">
      {t('orders.fund')}
    </Button>
  );
}
