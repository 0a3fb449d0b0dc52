import { cleanup, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { BulkInvitationReport } from '../pages/square/ShortlistsPage';
import { compactCount, initialsOf, SquareCreatorCard } from './SquareCreatorCard';

afterEach(cleanup);

function renderIn(ui: React.ReactNode) {
  return render(
    <I18nProvider>
      <App>{ui}</App>
    </I18nProvider>,
  );
}

const creator = {
  __typename: 'Creator' as const,
  id: 'c1',
  handle: 'oak_home',
  displayName: '林小木',
  tier: 'EXPERT' as const,
  isBigV: true,
  followerCount: 32_000,
  channels: ['LIVE' as const],
  domainTags: [{ __typename: 'DomainTag' as const, slug: 'home.furniture', name: '家具' }],
  priceRange: {
    __typename: 'PriceRange' as const,
    typical: { __typename: 'Money' as const, amount: '800.00', currencyCode: 'CNY' as const },
  },
  stats: { __typename: 'CreatorStats' as const, completedOrders: 12, averageRating: 4.75 },
};

describe('the creator square card', () => {
  it('makes initials from a Chinese or a Latin name', () => {
    expect(initialsOf('林小木')).toBe('林');
    expect(initialsOf('Anna Lee')).toBe('AL');
    expect(initialsOf('oak')).toBe('OA');
    expect(initialsOf('  ')).toBe('?');
  });

  it('says follower counts as people do', () => {
    expect(compactCount(32_000, 'zh')).toBe('3.2万');
    expect(compactCount(320_000, 'zh')).toBe('32万');
    expect(compactCount(32_000, 'en')).toBe('32.0k');
    expect(compactCount(999, 'en')).toBe('999');
  });

  it('shows the tier, tags, followers, typical price, rating and completed orders', () => {
    renderIn(<SquareCreatorCard creator={creator} />);
    const card = screen.getByTestId('creator-card');
    expect(within(card).getByText('林')).toBeTruthy();
    expect(within(card).getByText('资深达人')).toBeTruthy();
    expect(within(card).getByText('家具')).toBeTruthy();
    expect(card.textContent).toContain('粉丝 3.2万');
    expect(card.textContent).toContain('800.00');
    expect(card.textContent).toContain('4.8');
    expect(card.textContent).toContain('成交 12 单');
  });

  it('says when there is no price or rating yet', () => {
    renderIn(
      <SquareCreatorCard
        creator={{ ...creator, priceRange: null, stats: { ...creator.stats, averageRating: null } }}
      />,
    );
    const card = screen.getByTestId('creator-card');
    expect(card.textContent).toContain('暂无报价');
    expect(card.textContent).toContain('暂无评分');
  });
});

describe('the bulk invitation report', () => {
  it('lists every creator not invited with the code and the reason', () => {
    renderIn(
      <BulkInvitationReport
        result={{
          invited: [
            {
              id: 'i1',
              creator: { id: 'c1', handle: 'a', displayName: 'A' },
            },
          ],
          skipped: [
            {
              code: 'TIER_TOO_LOW',
              reason: '只有大V达人（等级为大V达人及以上）可以接付费合作。',
              creator: { id: 'c2', handle: 'newbie', displayName: '新人' },
            },
          ],
        }}
      />,
    );
    const report = screen.getByTestId('bulk-invitation-report');
    expect(report.textContent).toContain('已邀请 1 位达人');
    expect(report.textContent).toContain('1 位达人未邀请');
    const skipped = screen.getByTestId('skipped-invitation');
    expect(skipped.textContent).toContain('新人 @newbie');
    expect(skipped.textContent).toContain('TIER_TOO_LOW');
    expect(skipped.textContent).toContain('只有大V达人');
  });
});
