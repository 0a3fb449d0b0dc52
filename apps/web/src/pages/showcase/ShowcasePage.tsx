import { useQuery } from '@apollo/client/react';
import { Button, Card, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ShowcaseDocument, type ShowcaseQuery } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';

type Entry = ShowcaseQuery['showcase'][number];

const IMAGE = /\.(png|jpe?g|gif|webp|avif)(\?|$)/i;

/**
 * `/showcase/<venueId>`: a LIVE venue's lineup as a shopper sees it, without signing in, ordered for the
 * interests they pick (千人千面). Mobile first: one column at 375 px. A click goes through the content's
 * tracking link (`/go/<code>`), so the platform counts it before the shop's page opens.
 */
export function ShowcasePage() {
  const { venueId = '' } = useParams();
  const { t } = useI18n();
  const [interests, setInterests] = useState<string[]>([]);
  const [newCustomer, setNewCustomer] = useState(false);
  const { data, loading, previousData } = useQuery(ShowcaseDocument, {
    variables: { venueId, shopper: { interests, newCustomer }, first: 50 },
  });
  const shown = data ?? previousData;
  const topTags = (shown?.domainTags ?? []).filter((tag) => !tag.parent);
  const toggle = (slug: string, on: boolean) =>
    setInterests((current) => (on ? [...current, slug] : current.filter((item) => item !== slug)));
  return (
    <main style={{ maxWidth: 560, margin: '0 auto', padding: '16px 12px 48px' }} data-testid="showcase">
      <Typography.Title level={3} style={{ marginBottom: 0 }}>
        {t('showcase.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('showcase.subtitle')}</Typography.Paragraph>
      <div aria-label={t('showcase.interests')} style={{ marginBottom: 16 }} data-testid="interest-picker">
        <Typography.Text strong style={{ marginRight: 8 }}>
          {t('showcase.interests')}
        </Typography.Text>
        <Space size={[4, 8]} wrap>
          {topTags.map((tag) => (
            <Tag.CheckableTag
              key={tag.slug}
              checked={interests.includes(tag.slug)}
              onChange={(on) => toggle(tag.slug, on)}
            >
              {tag.name}
            </Tag.CheckableTag>
          ))}
          <Tag.CheckableTag checked={newCustomer} onChange={setNewCustomer} data-testid="new-customer">
            {t('showcase.newCustomer')}
          </Tag.CheckableTag>
        </Space>
      </div>
      {!shown && loading ? <Spin /> : null}
      {shown && !shown.showcase.length ? <Empty description={t('showcase.empty')} /> : null}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {shown?.showcase.map((entry) => (
          <EntryCard key={`${entry.position}-${entry.title}`} entry={entry} />
        ))}
      </Space>
    </main>
  );
}

function EntryCard({ entry }: { entry: Entry }) {
  const { t, label } = useI18n();
  const image = entry.mediaUrls.find((url) => IMAGE.test(url));
  return (
    <Card
      size="small"
      data-testid="showcase-entry"
      cover={image ? <img src={image} alt="" style={{ maxHeight: 220, objectFit: 'cover' }} /> : undefined}
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{entry.title}</Typography.Text>
          <Tag>{label('ContentType', entry.contentType)}</Tag>
        </Space>
        <Typography.Text type="secondary">
          {t('showcase.by', { creator: entry.creator.displayName, shop: entry.shopName })}
        </Typography.Text>
        <ul style={{ margin: 0, paddingInlineStart: 18, fontSize: 13 }} data-testid="reasons">
          {entry.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
        {entry.link ? (
          <Button type="primary" block href={entry.link} data-testid="showcase-go">
            {t('showcase.go')}
          </Button>
        ) : (
          <Button block disabled>
            {t('showcase.noLink')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
