import { Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { Countdown } from '../../components/Countdown';
import { FormModalButton, RequiredTextArea } from '../../components/FormModalButton';
import { Money } from '../../components/Money';
import { StatusTag } from '../../components/StatusTag';
import {
  ConfirmRestoredDocument,
  MarkPublishedDocument,
  ReportTakedownDocument,
  type OrderDetailFragment,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time';
import type { OrderRole } from './use-order-role';

const REFETCH = ['Order', 'MyOrders', 'MyWallet'];
const HTTP_URL = /^https?:\/\/\S+$/i;

/**
 * After acceptance: where the content went live, the retention window with its countdown, and what each
 * party may do now — the creator marks it published or restored, the merchant reports a takedown.
 */
export function PublicationCard({ order, role }: { order: OrderDetailFragment; role: OrderRole }) {
  const { t } = useI18n();
  const { publication } = order;
  if (order.status !== 'COMPLETED') return null;
  const held = publication.holdback.amount !== '0.00';
  return (
    <Card className="console-card" size="small" title={t('publication.title')} data-testid="publication">
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label={t('common.status')}>
          <Space size={4} wrap>
            <StatusTag kind="PublicationStatus" value={publication.status} />
            {publication.status === 'LIVE' && publication.retainUntil ? (
              <Countdown deadline={publication.retainUntil} label={t('publication.retainFor')} />
            ) : null}
            {publication.status === 'REPORTED_DOWN' && publication.restoreBy ? (
              <Countdown deadline={publication.restoreBy} label={t('publication.restoreWithin')} />
            ) : null}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('publication.holdback')}>
          {held ? <Money value={publication.holdback} /> : t('publication.noHoldback')}
        </Descriptions.Item>
        {publication.url ? (
          <Descriptions.Item label={t('publication.url')}>
            <Typography.Link href={publication.url} target="_blank" rel="noreferrer" ellipsis>
              {publication.url}
            </Typography.Link>
          </Descriptions.Item>
        ) : null}
        {publication.retainUntil ? (
          <Descriptions.Item label={t('publication.retainUntil')}>
            {formatDateTime(publication.retainUntil)}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
        {t(`publication.explain.${publication.status}` as const)}
      </Typography.Paragraph>
      <Space wrap>
        {role === 'creator' && publication.status === 'UNPUBLISHED' ? (
          <MarkPublishedButton order={order} />
        ) : null}
        {role === 'creator' && publication.status === 'REPORTED_DOWN' ? (
          <ConfirmRestoredButton order={order} />
        ) : null}
        {role === 'merchant' && publication.status === 'LIVE' ? <ReportTakedownButton order={order} /> : null}
      </Space>
    </Card>
  );
}

function UrlField() {
  const { t } = useI18n();
  return (
    <Form.Item
      name="url"
      label={t('publication.url')}
      rules={[
        { required: true, message: t('common.required') },
        { pattern: HTTP_URL, message: t('publication.urlInvalid') },
      ]}
    >
      <Input placeholder="https://" inputMode="url" />
    </Form.Item>
  );
}

function MarkPublishedButton({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const [markPublished] = useAction(MarkPublishedDocument, {
    success: 'publication.published',
    refetch: REFETCH,
  });
  return (
    <FormModalButton<{ url: string }>
      label={t('publication.markPublished')}
      title={t('publication.markPublished')}
      buttonProps={{ type: 'primary' }}
      testId="mark-published"
      onSubmit={async ({ url }, form) =>
        Boolean(await markPublished({ orderId: order.id, url: url.trim() }, form))
      }
    >
      <UrlField />
    </FormModalButton>
  );
}

function ConfirmRestoredButton({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const [restore] = useAction(ConfirmRestoredDocument, { success: 'publication.restored', refetch: REFETCH });
  return (
    <FormModalButton<{ url: string }>
      label={t('publication.confirmRestored')}
      title={t('publication.confirmRestored')}
      buttonProps={{ type: 'primary' }}
      initialValues={{ url: order.publication.url ?? '' }}
      testId="confirm-restored"
      onSubmit={async ({ url }, form) => Boolean(await restore({ orderId: order.id, url: url.trim() }, form))}
    >
      <UrlField />
    </FormModalButton>
  );
}

function ReportTakedownButton({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const [report] = useAction(ReportTakedownDocument, { success: 'publication.reported', refetch: REFETCH });
  return (
    <FormModalButton<{ note: string }>
      label={t('publication.reportTakedown')}
      title={t('publication.reportTakedown')}
      buttonProps={{ danger: true }}
      testId="report-takedown"
      onSubmit={async ({ note }, form) => Boolean(await report({ orderId: order.id, note }, form))}
    >
      <Typography.Paragraph type="secondary">{t('publication.reportHelp')}</Typography.Paragraph>
      <RequiredTextArea name="note" label={t('publication.whatIsDown')} rows={3} />
    </FormModalButton>
  );
}
