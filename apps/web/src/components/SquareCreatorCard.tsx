import { StarFilled } from '@ant-design/icons';
import { Avatar, Card, Flex, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { SquareCardFragment } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { Money } from './Money';
import { TierTag } from './TierTag';

/** Initials for the avatar: the first character of a Chinese name, two letters of a Latin one. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  if (/^[\p{Script=Han}]/u.test(words[0])) return words[0].slice(0, 1);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : words[0].slice(0, 2);
  return letters.toUpperCase();
}

/** Followers as people say them: 3.2万 in Chinese, 32k in English. */
export function compactCount(count: number, lang: 'zh' | 'en'): string {
  if (lang === 'zh' && count >= 10_000) return `${(count / 10_000).toFixed(count >= 100_000 ? 0 : 1)}万`;
  if (count >= 1_000_000) return `${(count / 1_000_000).toFixed(1)}M`;
  if (count >= 1_000) return `${(count / 1_000).toFixed(1)}k`;
  return String(count);
}

/** A creator on the square: avatar initials, tier badge, tags, followers, typical price, rating, orders. */
export function SquareCreatorCard({
  creator,
  onOpen,
  actions,
}: {
  creator: SquareCardFragment;
  onOpen?: () => void;
  actions?: ReactNode[];
}) {
  const { t, lang } = useI18n();
  const rating = creator.stats.averageRating;
  return (
    <Card
      size="small"
      hoverable={Boolean(onOpen)}
      onClick={onOpen}
      actions={actions}
      data-testid="creator-card"
      style={{ height: '100%' }}
    >
      <Flex gap={12} align="flex-start">
        <Avatar size={48} style={{ background: '#ff5000', flex: 'none' }}>
          {initialsOf(creator.displayName || creator.handle)}
        </Avatar>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Space wrap size={4}>
            <Typography.Text strong>{creator.displayName}</Typography.Text>
            <TierTag tier={creator.tier} />
          </Space>
          <div>
            <Typography.Text type="secondary">@{creator.handle}</Typography.Text>
          </div>
          <div style={{ margin: '4px 0' }}>
            {creator.domainTags.map((tag) => (
              <Tag key={tag.slug} bordered={false}>
                {tag.name}
              </Tag>
            ))}
          </div>
          <Flex wrap gap={12} style={{ fontSize: 12 }}>
            <Typography.Text type="secondary">
              {t('square.followers', { n: compactCount(creator.followerCount, lang) })}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('square.typicalPrice')}{' '}
              {creator.priceRange ? <Money value={creator.priceRange.typical} /> : t('square.noPrice')}
            </Typography.Text>
            <Typography.Text type="secondary">
              <StarFilled style={{ color: '#fadb14' }} />{' '}
              {rating == null ? t('square.noRating') : rating.toFixed(1)}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('square.completed', { n: creator.stats.completedOrders })}
            </Typography.Text>
          </Flex>
        </div>
      </Flex>
    </Card>
  );
}
