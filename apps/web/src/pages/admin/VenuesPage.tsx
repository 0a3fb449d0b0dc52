import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import { VenuesDocument } from '../../graphql/generated';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { formatVenueTime } from '../../lib/time';

export function VenuesPage() {
  const { t, label } = useI18n();
  const { data, loading, error, refetch, served } = useOptionalQuery(VenuesDocument, { variables: { first: 100 } });
  const venues = data?.venues.nodes ?? [];
  return (
    <>
      <PageHeader
        title={t('venues.title')}
        extra={
          served ? (
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
                <List.Item data-testid="venue-row">
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Link to={`/admin/venues/${venue.id}`}>{venue.name}</Link>
                        <StatusTag kind="VenuePhase" value={venue.phase} />
                      </Space>
                    }
                    description={
                      <Typography.Text type="secondary">
                        {venue.event} · {label('VenueKind', venue.kind)} · {t('venues.capacity')} {venue.capacity} ·{' '}
                        {t('venues.submissionDeadline')} {formatVenueTime(venue.submissionDeadline)}
                      </Typography.Text>
                    }
                  />
                </List.Item>
              )}
            />
          </QueryState>
        ) : (
          <Alert type="info" showIcon title={t('common.notServed')} />
        )}
      </Card>
    </>
  );
}
