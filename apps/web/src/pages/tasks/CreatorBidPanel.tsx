import { Button, Card, Descriptions, Form, Input, Popconfirm, Space } from 'antd';
import { Link } from 'react-router';
import { BidChatButton } from '../../components/chat/BidChat';
import { Money } from '../../components/Money';
import { MoneyInput, useMoneyRule } from '../../components/MoneyInput';
import { StatusTag } from '../../components/StatusTag';
import { PlaceBidDocument, WithdrawBidDocument } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { parseMoney } from '../../lib/money';
import type { TaskDetail } from './task-detail';

interface BidValues {
  price: string;
  pitch: string;
}

/** The creator's side of a task: their bid and its state, or the form to place one. */
export function CreatorBidPanel({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const [form] = Form.useForm<BidValues>();
  const moneyRule = useMoneyRule();
  const refetch = ['Task', 'MyBids'];
  const [placeBid, placing] = useAction(PlaceBidDocument, { form, success: 'task.bidPlaced', refetch });
  const [withdraw, withdrawing] = useAction(WithdrawBidDocument, { refetch });
  const bid = task.myBid;

  if (bid && bid.status !== 'WITHDRAWN') {
    return (
      <Card className="console-card" title={t('task.yourBid')} data-testid="my-bid">
        <Descriptions column={{ xs: 1, sm: 3 }} size="small">
          <Descriptions.Item label={t('task.bidPrice')}>
            <Money value={bid.price} strong />
          </Descriptions.Item>
          <Descriptions.Item label={t('common.status')}>
            <StatusTag kind="BidStatus" value={bid.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('task.pitch')}>{bid.pitch}</Descriptions.Item>
        </Descriptions>
        <Space>
          {bid.status === 'PENDING' ? (
            <Popconfirm title={t('task.withdraw')} onConfirm={() => withdraw({ bidId: bid.id })}>
              <Button loading={withdrawing.loading}>{t('task.withdraw')}</Button>
            </Popconfirm>
          ) : null}
          <BidChatButton taskId={task.id} bid={bid} side="creator" />
          {bid.order ? <Link to={`/orders/${bid.order.id}`}>{t('task.toOrder')}</Link> : null}
        </Space>
      </Card>
    );
  }
  if (task.status !== 'OPEN') return null;

  const submit = async (values: BidValues) => {
    const price = parseMoney(values.price);
    if (!price.ok) return;
    await placeBid({
      input: {
        taskId: task.id,
        price: { amount: price.amount, currencyCode: task.budget.currencyCode },
        pitch: values.pitch,
      },
    });
  };
  return (
    <Card className="console-card" title={t('task.placeBid')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ price: task.budget.amount }}
        data-testid="bid-form"
      >
        <Form.Item name="price" label={t('task.bidPrice')} rules={[moneyRule]}>
          <MoneyInput currency={task.budget.currencyCode} />
        </Form.Item>
        <Form.Item
          name="pitch"
          label={t('task.pitch')}
          rules={[{ required: true, message: t('common.required') }, { max: 2000 }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={placing.loading} data-testid="place-bid">
          {t('task.placeBid')}
        </Button>
      </Form>
    </Card>
  );
}
