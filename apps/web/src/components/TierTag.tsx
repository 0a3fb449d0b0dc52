import { CrownOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { CreatorTier } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';

const COLORS: Record<CreatorTier, string> = {
  ORDINARY: 'default',
  CREATOR: 'blue',
  EXPERT: 'geekblue',
  CELEBRITY: 'volcano',
};

/** The creator's tier; big-V tiers (CREATOR and above) carry the crown. */
export function TierTag({ tier }: { tier: CreatorTier }) {
  const { label } = useI18n();
  return (
    <Tag color={COLORS[tier]} icon={tier === 'ORDINARY' ? undefined : <CrownOutlined />}>
      {label('CreatorTier', tier)}
    </Tag>
  );
}
