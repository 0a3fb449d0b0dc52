import { Alert, Button, Form, Input, Select, Space } from 'antd';
import { Link } from 'react-router';
import { CreateTrackingLinkDocument, type OrderTrackingQuery } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';

type TrackedOrder = NonNullable<OrderTrackingQuery['order']>;

/** The merchant's form for a new tracking link (loaded for the merchant alone: it brings antd's form and select). */
export function CreateTrackingLinkForm({ order }: { order: TrackedOrder }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ deliverableId: string; targetUrl: string }>();
  const [create, { loading }] = useAction(CreateTrackingLinkDocument, {
    form,
    success: 'tracking.created',
    refetch: ['OrderTracking'],
  });
  if (!order.merchant.linkDomains.length) {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 12 }}
        message={<Link to="/profile">{t('tracking.noDomains')}</Link>}
      />
    );
  }
  const latest = order.deliverables.at(-1)!;
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ marginTop: 12 }}
      initialValues={{ deliverableId: latest.id }}
      onFinish={async (values) => {
        if (await create(values)) form.resetFields(['targetUrl']);
      }}
    >
      <Space wrap align="end">
        {order.deliverables.length > 1 ? (
          <Form.Item name="deliverableId" label={t('tracking.version')}>
            <Select
              style={{ minWidth: 120 }}
              options={order.deliverables.map((deliverable) => ({
                value: deliverable.id,
                label: t('tracking.versionLabel', { version: deliverable.version }),
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="deliverableId" hidden>
            <Input />
          </Form.Item>
        )}
        <Form.Item
          name="targetUrl"
          label={t('tracking.target')}
          rules={[{ required: true, pattern: /^https:\/\//, message: t('tracking.targetRequired') }]}
        >
          <Input placeholder={t('tracking.targetPlaceholder')} style={{ width: 'min(320px, 80vw)' }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={loading}>
            {t('tracking.create')}
          </Button>
        </Form.Item>
      </Space>
    </Form>
  );
}
