import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useViewer } from '../../auth/auth';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import { EnrollInVenueDocument, VenuesDocument } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { PAGE_SIZE } from '../../lib/pagination';
import { formatVenueTime } from '../../lib/time';

/** Admin: every venue, to open and curate. Merchants and creators: the venues to enroll in while recruiting. */
export function VenuesPage() {
  const { t, label } = useI18n();
  const admin = useViewer().role === 'ADMIN';
  const { data, loading, error, refetch, fetchMore, served } = useOptionalQuery(VenuesDocument, {
    variables: { first: PAGE_SIZE },
  });
  const venues = data?.venues.nodes ?? [];
  return (
    <>
      <PageHeader
        title={t('venues.title')}
        extra={
          served && admin ? (
            <Link to="/admin/venues/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('venues.create')}
              </Button>
            </Link>
          ) : null
        }
      />
      <Card>
        {served ? (
          <QueryState
            loading={loading}
            error={error}
            hasData={Boolean(data)}
            isEmpty={venues.length === 0}
            empty={t('venues.empty')}
            onRetry={() => refetch()}
          >
            <List
              dataSource={venues}
              rowKey="id"
              renderItem={(venue) => (
                <List.Item
                  data-testid="venue-row"
                  actions={
                    !admin && venue.phase === 'RECRUITING'
                      ? [<EnrollButton key="enroll" venueId={venue.id} />]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        {admin ? <Link to={`/admin/venues/${venue.id}`}>{venue.name}</Link> : venue.name}
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
            <LoadMore connection={data?.venues} fetchMore={fetchMore} />
          </QueryState>
        ) : (
          <Alert type="info" showIcon title={t('common.notServed')} />
        )}
      </Card>
    </>
  );
}

function EnrollButton({ venueId }: { venueId: string }) {
  const { t } = useI18n();
  const [enroll, { loading }] = useAction(EnrollInVenueDocument, { success: 'venues.enrolled' });
  return (
    <Button type="primary" size="small" loading={loading} onClick={() => enroll({ venueId })}>
      {t('venues.enroll')}
    </Button>
  );
}
