import { Alert, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import { TierTag } from '../../components/TierTag';
import { MyVenueDocument, type MyVenueQuery } from '../../graphql/generated';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { formatVenueTime } from '../../lib/time';
import { TIMELINE } from '../admin/VenueCreatePage';
import { EnrollButton, EnrollmentStatus } from '../admin/VenuesPage';

type MyVenue = NonNullable<MyVenueQuery['venue']>;

/**
 * A merchant's or creator's view of one venue: what it is and when, where their enrollment stands
 * (or the enroll button while it recruits), the content they are a party to with each submission's
 * status and the reason when it was not chosen, and the lineup once it is published.
 */
export function MyVenuePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data, loading, error, refetch, served } = useOptionalQuery(MyVenueDocument, { variables: { id } });
  if (!served) return <Alert type="info" showIcon title={t('common.notServed')} />;
  const venue = data?.venue;
  return (
    <QueryState
      loading={loading}
      error={error}
      hasData={Boolean(data)}
      isEmpty={Boolean(data) && !venue}
      empty={t('error.notFound')}
      onRetry={() => refetch()}
    >
      {venue ? <MyVenueView venue={venue} /> : null}
    </QueryState>
  );
}

function MyVenueView({ venue }: { venue: MyVenue }) {
  const { t, label } = useI18n();
  const enrollment = venue.myEnrollment.nodes[0] ?? null;
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {venue.name}
            <StatusTag kind="VenuePhase" value={venue.phase} />
          </Space>
        }
        sub={`${venue.event} · ${label('VenueKind', venue.kind)}`}
      />
      <Card className="console-card" size="small">
        {venue.description ? <Typography.Paragraph>{venue.description}</Typography.Paragraph> : null}
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" title={t('venues.timeline')}>
          {TIMELINE.map((field) => (
            <Descriptions.Item key={field} label={t(`venues.${field}` as MessageKey)}>
              {formatVenueTime(venue[field])}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('venues.capacity')}>{venue.capacity}</Descriptions.Item>
          <Descriptions.Item label={t('venues.minTier')}>
            <TierTag tier={venue.minTier} />
          </Descriptions.Item>
          {venue.domainTags.length ? (
            <Descriptions.Item label={t('task.tags')}>
              <Space size={4} wrap>
                {venue.domainTags.map((tag) => (
                  <Tag key={tag.slug}>{tag.name}</Tag>
                ))}
              </Space>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card
        className="console-card"
        size="small"
        title={t('venues.myEnrollment')}
        data-testid="my-enrollment"
      >
        {enrollment ? (
          <EnrollmentStatus status={enrollment.status} />
        ) : venue.phase === 'RECRUITING' ? (
          <Space wrap>
            <Typography.Text type="secondary">{t('venues.notEnrolled')}</Typography.Text>
            <EnrollButton venueId={venue.id} />
          </Space>
        ) : (
          <Typography.Text type="secondary">
            {t('venues.notEnrolled')} · {t('venues.notRecruiting')}
          </Typography.Text>
        )}
      </Card>
      <Card
        className="console-card"
        size="small"
        title={`${t('venues.mySubmissions')} (${venue.submissions.totalCount})`}
      >
        {venue.submissions.nodes.length === 0 ? (
          <EmptyState>{t('venues.noMySubmissions')}</EmptyState>
        ) : (
          <List
            dataSource={venue.submissions.nodes}
            rowKey="id"
            renderItem={(submission) => (
              <List.Item
                data-testid="my-submission"
                actions={[
                  <Link key="order" to={`/orders/${submission.order.id}`}>
                    {t('venues.viewOrder')}
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      {submission.deliverable.title}
                      <StatusTag kind="SubmissionStatus" value={submission.status} />
                    </Space>
                  }
                  description={
                    <Typography.Text type="secondary">
                      {submission.order.merchant.shopName} × {submission.order.creator.displayName} ·{' '}
                      {t('orders.version', { n: submission.deliverable.version })}
                      {submission.reason ? ` · ${submission.reason}` : ''}
                    </Typography.Text>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      {venue.lineupPublishedAt && venue.lineup.length ? (
        <Card className="console-card" size="small" title={t('venues.lineup')}>
          <List
            dataSource={venue.lineup}
            rowKey={(entry) => entry.submission.id}
            renderItem={(entry) => (
              <List.Item>
                <Space wrap>
                  <Tag color="orange">{entry.position}</Tag>
                  {entry.submission.deliverable.title}
                  <Typography.Text type="secondary">
                    {entry.submission.order.creator.displayName}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
    </>
  );
}
