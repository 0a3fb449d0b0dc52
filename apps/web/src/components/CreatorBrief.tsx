import { Avatar, Flex, Space, Tag, Typography } from 'antd';
import type { CreatorSummaryFragment } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { Reliability } from './Reliability';
import { TierTag } from './TierTag';

function compact(count: number, lang: 'zh' | 'en'): string {
  if (lang === 'zh' && count >= 10_000) return `${(count / 10_000).toFixed(count >= 100_000 ? 0 : 1)}万`;
  if (count >= 1_000_000) return `${(count / 1_000_000).toFixed(1)}M`;
  if (count >= 1_000) return `${(count / 1_000).toFixed(1)}k`;
  return String(count);
}

/** A creator as merchants weigh them: tier, tags, followers, track record and reliability. */
export function CreatorBrief({ creator }: { creator: CreatorSummaryFragment }) {
  const { t, lang } = useI18n();
  const { stats } = creator;
  return (
    <Flex gap={12} align="flex-start">
      <Avatar style={{ background: '#ff5000', flex: 'none' }}>{creator.displayName.slice(0, 1)}</Avatar>
      <div style={{ minWidth: 0 }}>
        <Space wrap size={4}>
          <Typography.Text strong>{creator.displayName}</Typography.Text>
          <Typography.Text type="secondary">@{creator.handle}</Typography.Text>
          <TierTag tier={creator.tier} />
        </Space>
        <div>
          {creator.domainTags.map((tag) => (
            <Tag key={tag.slug} bordered={false}>
              {tag.name}
            </Tag>
          ))}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('task.followers')} {compact(creator.followerCount, lang)} · {t('task.completed')}{' '}
          {stats.completedOrders} · {t('task.onTime')}{' '}
          {stats.onTimeRate == null ? '—' : `${Math.round(stats.onTimeRate * 100)}%`} · {t('task.rating')}{' '}
          {stats.averageRating == null ? '—' : stats.averageRating.toFixed(1)} ·{' '}
          <Reliability reliability={stats.reliability} />
        </Typography.Text>
      </div>
    </Flex>
  );
}
