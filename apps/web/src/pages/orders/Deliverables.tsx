import { Alert, Card, Space, Tabs, Typography } from 'antd';
import { EmptyState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import type { DeliverableFieldsFragment, OrderDetailFragment } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time';
import type { OrderRole } from './use-order-role';

/** The deliverables version by version, newest first, each with the feedback it got. */
export function Deliverables({ order, role }: { order: OrderDetailFragment; role: OrderRole }) {
  const { t } = useI18n();
  const versions = [...order.deliverables].sort((a, b) => b.version - a.version);
  return (
    <Card className="console-card" title={t('orders.deliverables')} size="small" data-testid="deliverables">
      {versions.length === 0 ? (
        <EmptyState>
          {role === 'creator' ? t('orders.noDeliverablesCreator') : t('orders.noDeliverables')}
        </EmptyState>
      ) : (
        <Tabs
          items={versions.map((deliverable) => ({
            key: deliverable.id,
            label: (
              <span data-testid={`deliverable-v${deliverable.version}`}>
                {t('orders.version', { n: deliverable.version })}
              </span>
            ),
            children: <DeliverableView deliverable={deliverable} />,
          }))}
        />
      )}
    </Card>
  );
}

function DeliverableView({ deliverable }: { deliverable: DeliverableFieldsFragment }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>{deliverable.title}</Typography.Text>
        <StatusTag kind="DeliverableStatus" value={deliverable.status} />
        <Typography.Text type="secondary">{formatDateTime(deliverable.submittedAt)}</Typography.Text>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
        {deliverable.body}
      </Typography.Paragraph>
      {deliverable.mediaUrls.map((url) => (
        <Typography.Link key={url} href={url} target="_blank" rel="noreferrer">
          {url}
        </Typography.Link>
      ))}
      {deliverable.publishedUrl ? (
        <Typography.Text>
          {t('orders.publishedUrl')}:{' '}
          <Typography.Link href={deliverable.publishedUrl} target="_blank" rel="noreferrer">
            {deliverable.publishedUrl}
          </Typography.Link>
        </Typography.Text>
      ) : null}
      {deliverable.feedback ? (
        <Alert type="warning" showIcon title={t('orders.feedback')} description={deliverable.feedback} />
      ) : null}
    </Space>
  );
}
