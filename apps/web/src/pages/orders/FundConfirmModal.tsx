import { Descriptions, Modal, Typography } from 'antd';
import { Money } from '../../components/Money';
import type { OrderDetailFragment } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';

/**
 * The step before paying: the amount, and what happens to the money (escrow until the merchant
 * accepts), to the order (the creator starts) and when it comes back (refunds, disputes).
 */
export function FundConfirmModal({
  open,
  price,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  price: OrderDetailFragment['price'];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      title={t('tools.fundTitle')}
      okText={t('tools.fundConfirm')}
      cancelText={t('common.cancel')}
      onOk={onConfirm}
      onCancel={onCancel}
      okButtonProps={{ 'data-testid': 'fund-confirm' } as Record<string, string>}
      destroyOnHidden
    >
      <div data-testid="fund-confirm-dialog">
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('tools.fundAmount')}>
            <Money value={price} strong />
          </Descriptions.Item>
        </Descriptions>
        <ul style={{ paddingInlineStart: 20, margin: 0 }}>
          <li>
            <Typography.Text>{t('tools.fundEscrow')}</Typography.Text>
          </li>
          <li>
            <Typography.Text>{t('tools.fundStart')}</Typography.Text>
          </li>
          <li>
            <Typography.Text>{t('tools.fundRefund')}</Typography.Text>
          </li>
        </ul>
      </div>
    </Modal>
  );
}
