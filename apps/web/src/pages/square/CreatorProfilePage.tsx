import { useQuery } from '@apollo/client/react';
import { Avatar, Card, Col, Descriptions, Empty, Flex, List, Rate, Row, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { Money } from '../../components/Money';
import { OfferCard } from '../../components/OfferCard';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Reliability } from '../../components/Reliability';
import { compactCount, initialsOf } from '../../components/SquareCreatorCard';
import { TierTag } from '../../components/TierTag';
import { CreatorProfileDocument, type CreatorProfileQuery } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time';
import { BookOfferButton } from '../merchant/OfferCataloguePage';
import { AddToShortlistButton, InviteToTaskButton } from './CreatorActions';

type Profile = NonNullable<CreatorProfileQuery['creator']>;

/** A creator's profile for merchants: who they are, their prices and record, portfolio, reviews, offers. */
export function CreatorProfilePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(CreatorProfileDocument, { variables: { id } });
  const creator = data?.creator;
  return (
    <QueryState
      loading={loading}
      error={error}
      hasData={Boolean(data)}
      isEmpty={!creator}
      onRetry={() => refetch()}
    >
      {creator ? (
        <>
          <PageHeader
            title={creator.displayName}
            sub={`@${creator.handle}`}
            extra={[
              <InviteToTaskButton key="invite" creatorId={creator.id} />,
              <AddToShortlistButton key="shortlist" creatorIds={[creator.id]} />,
            ]}
          />
          <Overview creator={creator} />
          <Portfolio creator={creator} />
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12}>
              <Reviews creator={creator} />
            </Col>
            <Col xs={24} lg={12}>
              <Card title={t('square.offers')} size="small">
                {creator.offers.nodes.length === 0 ? (
                  <Empty description={t('square.offersEmpty')} />
                ) : (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {creator.offers.nodes.map((offer) => (
                      <OfferCard
                        key={offer.id}
                        offer={offer}
                        showCreator={false}
                        actions={[<BookOfferButton key="book" offer={offer} />]}
                      />
                    ))}
                  </Space>
                )}
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </QueryState>
  );
}

function Overview({ creator }: { creator: Profile }) {
  const { t, lang, label } = useI18n();
  const { stats, priceRange } = creator;
  return (
    <Card size="small">
      <Flex gap={16} align="flex-start" wrap>
        <Avatar size={64} style={{ background: '#ff5000', flex: 'none' }}>
          {initialsOf(creator.displayName || creator.handle)}
        </Avatar>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Space wrap size={4}>
            <TierTag tier={creator.tier} />
            {creator.domainTags.map((tag) => (
              <Tag key={tag.slug} bordered={false}>
                {tag.name}
              </Tag>
            ))}
          </Space>
          {creator.bio ? (
            <Typography.Paragraph style={{ margin: '8px 0' }}>{creator.bio}</Typography.Paragraph>
          ) : null}
          {creator.inMyShortlists.length ? (
            <Typography.Text type="secondary">
              {t('square.inLists', { names: creator.inMyShortlists.map((list) => list.name).join('、') })}
            </Typography.Text>
          ) : null}
        </div>
      </Flex>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginTop: 12 }}>
        <Descriptions.Item label={t('square.followers', { n: '' }).trim()}>
          {compactCount(creator.followerCount, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('square.channel')}>
          {creator.channels.map((channel) => label('Channel', channel)).join(' · ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('square.agency')}>
          {creator.agency?.name ?? t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('square.priceRange')}>
          {priceRange ? (
            <>
              <Money value={priceRange.low} /> – <Money value={priceRange.high} />
            </>
          ) : (
            t('square.noPrice')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('square.rating')}>
          {stats.averageRating == null ? t('square.noRating') : stats.averageRating.toFixed(1)}
        </Descriptions.Item>
        <Descriptions.Item label={t('square.onTime')}>
          {stats.onTimeRate == null ? '—' : `${Math.round(stats.onTimeRate * 100)}%`} ·{' '}
          {t('square.completed', { n: stats.completedOrders })}
        </Descriptions.Item>
        <Descriptions.Item label={t('task.reliability')}>
          <Reliability reliability={stats.reliability} />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function Portfolio({ creator }: { creator: Profile }) {
  const { t, label } = useI18n();
  const items = creator.portfolio.nodes;
  return (
    <Card
      title={`${t('square.portfolio')} (${creator.portfolio.totalCount})`}
      size="small"
      style={{ marginTop: 16 }}
    >
      {items.length === 0 ? (
        <Empty description={t('square.portfolioEmpty')} />
      ) : (
        <Row gutter={[12, 12]} data-testid="portfolio">
          {items.map((item) => (
            <Col xs={24} sm={12} lg={8} key={item.id}>
              <Card size="small" style={{ height: '100%' }}>
                <Typography.Text strong ellipsis>
                  {item.publishedUrl ? (
                    <a href={item.publishedUrl} target="_blank" rel="noreferrer">
                      {item.title}
                    </a>
                  ) : (
                    item.title
                  )}
                </Typography.Text>
                <div>
                  <Tag>{label('ContentType', item.contentType)}</Tag>
                  <Typography.Text type="secondary">{item.shopName}</Typography.Text>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('square.views')} {item.views} · {t('square.clicks')} {item.clicks} ·{' '}
                  {item.figuresVerified ? t('square.verified') : t('square.reported')}
                </Typography.Text>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}

function Reviews({ creator }: { creator: Profile }) {
  const { t } = useI18n();
  return (
    <Card title={`${t('square.reviews')} (${creator.reviews.totalCount})`} size="small">
      <List
        locale={{ emptyText: t('square.reviewsEmpty') }}
        dataSource={creator.reviews.nodes}
        renderItem={(review) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space wrap>
                  <Rate disabled value={review.rating} style={{ fontSize: 14 }} />
                  <Typography.Text>{review.by}</Typography.Text>
                </Space>
              }
              description={
                <>
                  {review.comment ? <div>{review.comment}</div> : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(review.createdAt)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
