import { formatTotal } from '../../components/LoadMore';
import { Alert, Button, Card, Descriptions, List, Popconfirm, Space, Tabs, Typography } from 'antd';
import { useParams } from 'react-router';
import { FormModalButton, RequiredTextArea } from '../../components/FormModalButton';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import {
  DecideEnrollmentDocument,
  DecideVenueSubmissionDocument,
  VenueDocument,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime, formatVenueTime } from '../../lib/time';
import { LineupEditor, lineupIds } from './LineupEditor';
import { TIMELINE } from './VenueCreatePage';
import type { SubmissionRow, VenueDetail } from './venue-detail';
import type { MessageKey } from '../../i18n/zh';

export function VenuePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data, loading, error, refetch, served } = useOptionalQuery(VenueDocument, { variables: { id } });
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
      {venue ? <VenueView venue={venue} /> : null}
    </QueryState>
  );
}

function VenueView({ venue }: { venue: VenueDetail }) {
  const { t, label } = useI18n();
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
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small" title={t('venues.timeline')}>
          {TIMELINE.map((field) => (
            <Descriptions.Item key={field} label={t(`venues.${field}` as MessageKey)}>
              {formatVenueTime(venue[field])}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('venues.capacity')}>{venue.capacity}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="console-card">
        <Tabs
          items={[
            {
              key: 'lineup',
              label: `${t('venues.lineup')} (${venue.lineup.length}/${venue.capacity})`,
              children: <LineupEditor key={lineupIds(venue).join()} venue={venue} />,
            },
            {
              key: 'submissions',
              label: `${t('venues.submissions')} (${formatTotal(venue.submissions.totalCount, venue.submissions.pageInfo.totalCountIsExact)})`,
              children: <Submissions venue={venue} />,
            },
            {
              key: 'enrollments',
              label: `${t('venues.enrollments')} (${formatTotal(venue.enrollments.totalCount, venue.enrollments.pageInfo.totalCountIsExact)})`,
              children: <Enrollments venue={venue} />,
            },
          ]}
        />
      </Card>
    </>
  );
}

function Enrollments({ venue }: { venue: VenueDetail }) {
  const { t, label } = useI18n();
  const [decide, { loading }] = useAction(DecideEnrollmentDocument, { refetch: ['Venue'] });
  const enrollments = venue.enrollments.nodes;
  if (!enrollments.length) return <EmptyState>{t('venues.noEnrollments')}</EmptyState>;
  return (
    <List
      dataSource={enrollments}
      rowKey="id"
      renderItem={(enrollment) => (
        <List.Item
          actions={
            enrollment.status === 'PENDING'
              ? [
                  <Button
                    key="approve"
                    type="link"
                    loading={loading}
                    onClick={() => decide({ enrollmentId: enrollment.id, approve: true })}
                  >
                    {t('venues.approve')}
                  </Button>,
                  <Popconfirm
                    key="reject"
                    title={t('venues.reject')}
                    onConfirm={() => decide({ enrollmentId: enrollment.id, approve: false })}
                  >
                    <Button type="link" danger>
                      {t('venues.reject')}
                    </Button>
                  </Popconfirm>,
                ]
              : []
          }
        >
          <List.Item.Meta
            title={
              <Space wrap>
                {enrollment.user.displayName}
                <StatusTag kind="EnrollmentStatus" value={enrollment.status} />
              </Space>
            }
            description={`${label('Role', enrollment.user.role)} · ${enrollment.user.email} · ${formatDateTime(enrollment.createdAt)}`}
          />
        </List.Item>
      )}
    />
  );
}

function Submissions({ venue }: { venue: VenueDetail }) {
  const { t } = useI18n();
  const submissions = venue.submissions.nodes;
  if (!submissions.length) return <EmptyState>{t('venues.noSubmissions')}</EmptyState>;
  return (
    <List
      dataSource={submissions}
      rowKey="id"
      renderItem={(submission) => (
        <List.Item
          data-testid="submission-row"
          actions={
            submission.status === 'SUBMITTED' ? [<DecideButtons key="decide" submission={submission} />] : []
          }
        >
          <SubmissionSummary submission={submission} />
        </List.Item>
      )}
    />
  );
}

export function SubmissionSummary({ submission }: { submission: SubmissionRow }) {
  return (
    <List.Item.Meta
      title={
        <Space wrap>
          {submission.deliverable.title}
          <StatusTag kind="SubmissionStatus" value={submission.status} />
        </Space>
      }
      description={
        <Typography.Text type="secondary">
          {submission.order.merchant.shopName} × {submission.order.creator.displayName} · v
          {submission.deliverable.version}
          {submission.reason ? ` · ${submission.reason}` : ''}
        </Typography.Text>
      }
    />
  );
}

function DecideButtons({ submission }: { submission: SubmissionRow }) {
  const { t } = useI18n();
  const [decide, { loading }] = useAction(DecideVenueSubmissionDocument, { refetch: ['Venue'] });
  return (
    <Space>
      <Button
        type="primary"
        size="small"
        loading={loading}
        onClick={() => decide({ submissionId: submission.id, decision: 'ACCEPT' })}
        data-testid="accept-submission"
      >
        {t('venues.acceptSubmission')}
      </Button>
      <FormModalButton<{ reason: string }>
        label={t('venues.rejectSubmission')}
        title={t('venues.rejectSubmission')}
        buttonProps={{ size: 'small', danger: true }}
        onSubmit={async ({ reason }, form) =>
          Boolean(await decide({ submissionId: submission.id, decision: 'REJECT', reason }, form))
        }
      >
        <RequiredTextArea name="reason" label={t('common.reason')} rows={2} />
      </FormModalButton>
    </Space>
  );
}
