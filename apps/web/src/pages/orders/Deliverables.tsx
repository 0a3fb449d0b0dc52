import { Alert, Card, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { EmptyState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import type { DeliverableFieldsFragment, OrderDetailFragment } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time';
import type { OrderRole } from './use-order-role';

/** Which version the deliverables card shows: the newest unless the viewer picked another. */
export interface ShownVersion {
  /** The version on screen. */
  version: number;
  /** A newer version that arrived while the page was open (the view moved to it), to say so. */
  arrived: number | null;
  show(version: number): void;
}

/**
 * The version to show, following the newest: when a new version arrives (live, or after the
 * viewer's own submit) the view moves to it, so the header's 待验收 and the content on screen are
 * about the same version, and accepting or asking for a revision acts on what is shown.
 */
export function useShownVersion(order: Pick<OrderDetailFragment, 'deliverables'>): ShownVersion {
  const newest = order.deliverables.reduce((max, deliverable) => Math.max(max, deliverable.version), 0);
  const [picked, setPicked] = useState<number | null>(null);
  const [arrived, setArrived] = useState<number | null>(null);
  const [known, setKnown] = useState(newest);
  // Adjusted while rendering (not in an effect), so the old version is never painted with the new status.
  if (newest !== known) {
    setKnown(newest);
    if (newest > known) {
      setPicked(null);
      if (known > 0) setArrived(newest);
    }
  }
  return {
    version: picked ?? newest,
    arrived,
    show: (version) => {
      setPicked(version === newest ? null : version);
      setArrived(null);
    },
  };
}

/** The deliverables version by version, newest first, each with the feedback it got. */
export function Deliverables({
  order,
  role,
  shown,
}: {
  order: OrderDetailFragment;
  role: OrderRole;
  shown: ShownVersion;
}) {
  const { t } = useI18n();
  const versions = [...order.deliverables].sort((a, b) => b.version - a.version);
  const newest = versions[0]?.version ?? 0;
  return (
    <Card className="console-card" title={t('orders.deliverables')} size="small" data-testid="deliverables">
      {versions.length === 0 ? (
        <EmptyState>
          {role === 'creator' ? t('orders.noDeliverablesCreator') : t('orders.noDeliverables')}
        </EmptyState>
      ) : (
        <>
          {shown.arrived && role !== 'creator' ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('orders.newVersionArrived', { n: shown.arrived })}
              data-testid="new-version-arrived"
            />
          ) : null}
          <Tabs
            activeKey={String(shown.version)}
            onChange={(key) => shown.show(Number(key))}
            items={versions.map((deliverable) => ({
              key: String(deliverable.version),
              label: (
                <span data-testid={`deliverable-v${deliverable.version}`}>
                  {t('orders.version', { n: deliverable.version })}
                  {deliverable.version === newest && versions.length > 1 ? (
                    <Tag color="orange" variant="filled" style={{ marginInlineStart: 6 }}>
                      {t('orders.latestVersion')}
                    </Tag>
                  ) : null}
                </span>
              ),
              children: <DeliverableView deliverable={deliverable} />,
            }))}
          />
        </>
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
