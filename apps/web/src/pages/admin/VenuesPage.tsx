import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useViewer } from '../../auth/auth';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import {
  EnrollInVenueDocument,
  MyVenuesDocument,
  VenuesDocument,
  type VenueCardFragment,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { PAGE_SIZE } from '../../lib/pagination';
import { formatVenueTime } from '../../lib/time';

/**
 * Admin: every venue, to open and curate. Merchants and creators: every venue, each with their own
 * enrollment's status, or the enroll button while it recruits and they have not enrolled.
 */
export function VenuesPage() {
  const admin = useViewer().role === 'ADMIN';
  return admin ? <AdminVenues /> : <ParticipantVenues />;
}

function AdminVenues() {
  const { t } = useI18n();
  const query = useOptionalQuery(VenuesDocument, { variables: { first: PAGE_SIZE } });
  return (
    <VenueList
      query={query}
      connection={query.data?.venues}
      extra={
        query.served ? (
          <Link to="/admin/venues/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('venues.create')}
            </Button>
          </Link>
        ) : null
      }
      link={(venue) => `/admin/venues/${venue.id}`}
      actions={() => []}
    />
  );
}

function ParticipantVenues() {
  const query = useOptionalQuery(MyVenuesDocument, { variables: { first: PAGE_SIZE } });
  const enrollments = new Map(
    (query.data?.venues.nodes ?? []).map((venue) => [venue.id, venue.myEnrollment.nodes[0] ?? null]),
  );
  return (
    <VenueList
      query={query}
      connection={query.data?.venues}
      link={(venue) => `/venues/${venue.id}`}
      actions={(venue) => {
        const enrollment = enrollments.get(venue.id);
        if (enrollment) return [<EnrollmentStatus key="enrollment" status={enrollment.status} />];
        return venue.phase === 'RECRUITING' ? [<EnrollButton key="enroll" venueId={venue.id} />] : [];
      }}
    />
  );
}

/** What the list needs of either query. */
interface ListQuery {
  loading: boolean;
  error?: unknown;
  served: boolean;
  refetch: () => Promise<unknown>;
  fetchMore: (options: { variables: { after: string } }) => Promise<unknown>;
}

interface VenueListProps {
  query: ListQuery;
  connection:
    | {
        nodes: VenueCardFragment[];
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor?: string | null; totalCountIsExact?: boolean };
      }
    | undefined;
  extra?: ReactNode;
  /** Where a venue's name leads. */
  link: (venue: VenueCardFragment) => string;
  actions: (venue: VenueCardFragment) => ReactNode[];
}

function VenueList({ query, connection, extra, link, actions }: VenueListProps) {
  const { t, label } = useI18n();
  const venues = connection?.nodes ?? [];
  return (
    <>
      <PageHeader title={t('venues.title')} extra={extra} />
      <Card>
        {query.served ? (
          <QueryState
            loading={query.loading}
            error={query.error}
            hasData={Boolean(connection)}
            isEmpty={venues.length === 0}
            empty={t('venues.empty')}
            onRetry={() => query.refetch()}
          >
            <List
              dataSource={venues}
              rowKey="id"
              renderItem={(venue) => (
                <List.Item data-testid="venue-row" actions={actions(venue)}>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Link to={link(venue)}>{venue.name}</Link>
                        <StatusTag kind="VenuePhase" value={venue.phase} />
                      </Space>
                    }
                    description={
                      <Typography.Text type="secondary">
                        {venue.event} · {label('VenueKind', venue.kind)} · {t('venues.capacity')}{' '}
                        {venue.capacity} · {t('venues.submissionDeadline')}{' '}
                        {formatVenueTime(venue.submissionDeadline)}
                      </Typography.Text>
                    }
                  />
                </List.Item>
              )}
            />
            <LoadMore connection={connection} fetchMore={query.fetchMore} />
          </QueryState>
        ) : (
          <Alert type="info" showIcon title={t('common.notServed')} />
        )}
      </Card>
    </>
  );
}

/** "我的报名 · 待审核": where one's enrollment stands. */
export function EnrollmentStatus({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Space size={4} data-testid="enrollment-status">
      <Typography.Text type="secondary">{t('venues.myEnrollment')}</Typography.Text>
      <StatusTag kind="EnrollmentStatus" value={status} />
    </Space>
  );
}

export function EnrollButton({ venueId }: { venueId: string }) {
  const { t } = useI18n();
  // The lists read the enrollment back, so the button gives way to its status at once.
  const [enroll, { loading }] = useAction(EnrollInVenueDocument, {
    success: 'venues.enrolled',
    refetch: ['MyVenues', 'MyVenue'],
  });
  return (
    <Button type="primary" size="small" loading={loading} onClick={() => enroll({ venueId })}>
      {t('venues.enroll')}
    </Button>
  );
}
