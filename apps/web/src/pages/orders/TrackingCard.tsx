import { Alert, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useState } from 'react';
import { TrendChart } from '../../components/Charts';
import {
  CreateTrackingLinkDocument,
  OrderTrackingDocument,
  type OrderTrackingQuery,
  type TrackingLinkFieldsFragment,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/money';
import { formatRate } from '../../lib/percent';
import type { OrderRole } from './use-order-role';

type TrackedOrder = NonNullable<OrderTrackingQuery['order']>;

/**
 * Effect you can trust on the order page: what the platform counted (verified) beside what was typed in
 * (reported, marked as such), the content's tracking links with their counts, and for the merchant a
 * form to make one. Hidden while the API does not serve tracking links.
 */
export function TrackingCard({ orderId, role }: { orderId: string; role: OrderRole }) {
  const { t } = useI18n();
  const { data, served } = useOptionalQuery(OrderTrackingDocument, { variables: { id: orderId } });
  const order = data?.order;
  if (!served || !order || !order.deliverables.length) return null;
  const links = order.deliverables.flatMap((deliverable) => deliverable.trackingLinks);
  return (
    <Card className="console-card" size="small" title={t('tracking.title')} data-testid="tracking-card">
      <VerifiedVsReported order={order} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('tracking.links')}
      </Typography.Title>
      {links.length ? (
        <>
          <LinksTable links={links} price={order.price.amount} />
          <LinkDailyChart links={links} />
        </>
      ) : (
        <Typography.Paragraph type="secondary">{t('tracking.noLinks')}</Typography.Paragraph>
      )}
      {role === 'merchant' ? <CreateLinkForm order={order} /> : null}
    </Card>
  );
}

function VerifiedVsReported({ order }: { order: TrackedOrder }) {
  const { t } = useI18n();
  const { verified, ...reported } = order.performance;
  const rows = [
    { key: 'clicks', figure: t('tracking.clicks'), verified: verified.clicks, reported: reported.clicks },
    {
      key: 'visitors',
      figure: t('tracking.uniqueVisitors'),
      verified: verified.uniqueVisitors,
      reported: '—',
    },
    { key: 'orders', figure: t('tracking.orders'), verified: verified.orders, reported: reported.orders },
    {
      key: 'gmv',
      figure: t('tracking.gmv'),
      verified: formatMoney(verified.gmv),
      reported: formatMoney(reported.gmv),
    },
    {
      key: 'cvr',
      figure: t('tracking.cvr'),
      verified: formatRate(verified.conversionRate, 1),
      reported: formatRate(reported.conversionRate, 1),
    },
    {
      key: 'roi',
      figure: t('tracking.roi'),
      verified: verified.returnOnSpend == null ? '—' : verified.returnOnSpend.toFixed(2),
      reported: reported.returnOnSpend == null ? '—' : reported.returnOnSpend.toFixed(2),
    },
  ];
  return (
    <>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        data-testid="verified-vs-reported"
        columns={[
          { title: t('tracking.figure'), dataIndex: 'figure' },
          {
            title: t('tracking.verified'),
            dataIndex: 'verified',
            render: (value) => <strong>{value}</strong>,
          },
          {
            title: `${t('tracking.reported')} *`,
            dataIndex: 'reported',
            render: (value) => <Typography.Text type="secondary">{value}</Typography.Text>,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 4 }}>
        * {t('tracking.reportedNote')}
      </Typography.Paragraph>
    </>
  );
}

/** One link's days (clicks, unique visitors, sales, GMV), the link picked from a list when there are several. */
function LinkDailyChart({ links }: { links: TrackingLinkFieldsFragment[] }) {
  const { t } = useI18n();
  const [linkId, setLinkId] = useState(links[0].id);
  const link = links.find((candidate) => candidate.id === linkId) ?? links[0];
  return (
    <div style={{ marginTop: 12 }} data-testid="link-daily">
      {links.length > 1 ? (
        <Select
          size="small"
          value={link.id}
          onChange={setLinkId}
          style={{ minWidth: 160 }}
          options={links.map((candidate) => ({ value: candidate.id, label: candidate.code }))}
        />
      ) : null}
      {link.daily.length ? (
        <TrendChart
          days={link.daily.map((day) => day.day)}
          series={[
            { name: t('tracking.clicks'), values: link.daily.map((day) => day.clicks) },
            { name: t('tracking.uniqueVisitors'), values: link.daily.map((day) => day.uniqueVisitors) },
            { name: t('tracking.orders'), values: link.daily.map((day) => day.orders) },
            {
              name: t('tracking.gmv'),
              values: link.daily.map((day) => Number(day.gmv.amount)),
              axis: 'right',
            },
          ]}
        />
      ) : null}
    </div>
  );
}

function LinksTable({ links, price }: { links: TrackingLinkFieldsFragment[]; price: string }) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={links}
      scroll={{ x: true }}
      columns={[
        {
          title: t('tracking.link'),
          dataIndex: 'url',
          render: (url: string) => (
            <Typography.Text copyable={{ text: url }} style={{ whiteSpace: 'nowrap' }}>
              {url.replace(/^https?:\/\//, '')}
            </Typography.Text>
          ),
        },
        {
          title: t('tracking.target'),
          dataIndex: 'targetUrl',
          render: (url: string) => (
            <Typography.Text ellipsis style={{ maxWidth: 200 }} title={url}>
              {url}
            </Typography.Text>
          ),
        },
        { title: t('tracking.clicks'), dataIndex: 'clicks' },
        { title: t('tracking.conversions'), dataIndex: 'conversions' },
        { title: t('tracking.gmv'), dataIndex: 'gmv', render: (gmv) => formatMoney(gmv) },
        {
          title: t('tracking.cvr'),
          key: 'cvr',
          render: (_, link) => formatRate(link.clicks ? link.conversions / link.clicks : null, 1),
        },
        {
          title: t('tracking.roi'),
          key: 'roi',
          // The order's price is what the merchant spent on this content.
          render: (_, link) => (Number(price) ? (Number(link.gmv.amount) / Number(price)).toFixed(2) : '—'),
        },
      ]}
    />
  );
}

function CreateLinkForm({ order }: { order: TrackedOrder }) {
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
