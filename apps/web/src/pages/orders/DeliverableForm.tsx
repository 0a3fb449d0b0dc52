import { Button, Card, Form, Input, Select } from 'antd';
import { SubmitDeliverableDocument, type OrderDetailFragment } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';

interface DeliverableValues {
  title: string;
  body: string;
  mediaUrls?: string[];
  publishedUrl?: string;
}

/** The creator submits the next version; after a revision request the feedback is right above. */
export function DeliverableForm({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const [form] = Form.useForm<DeliverableValues>();
  const [submit, { loading }] = useAction(SubmitDeliverableDocument, {
    form,
    success: 'orders.submitted',
    refetch: ['MyOrders'],
  });
  const onFinish = async (values: DeliverableValues) => {
    const data = await submit({
      input: {
        orderId: order.id,
        title: values.title,
        body: values.body,
        mediaUrls: values.mediaUrls ?? [],
        publishedUrl: values.publishedUrl || null,
      },
    });
    if (data) form.resetFields();
  };
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Card className="console-card" size="small" title={t('orders.submitDeliverable')}>
      <Form form={form} layout="vertical" onFinish={onFinish} data-testid="deliverable-form">
        <Form.Item name="title" label={t('orders.deliverableTitle')} rules={[...required, { max: 120 }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="body" label={t('orders.deliverableBody')} rules={required}>
          <Input.TextArea rows={5} />
        </Form.Item>
        <Form.Item name="mediaUrls" label={t('orders.mediaUrls')}>
          <Select mode="tags" open={false} tokenSeparators={[' ', ',']} />
        </Form.Item>
        <Form.Item name="publishedUrl" label={t('orders.publishedUrl')} rules={[{ type: 'url' }]}>
          <Input placeholder="https://" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={loading} data-testid="submit-deliverable">
          {t('orders.submitDeliverable')}
        </Button>
      </Form>
    </Card>
  );
}
