import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../../apollo';
import { SessionProvider } from '../../auth/auth';
import { TaskDocument } from '../../graphql/generated';
import { I18nProvider } from '../../i18n/i18n';
import { CREATOR_VIEWER, meMock, money, SessionGate } from '../../test-support';
import { TaskPage } from './TaskPage';

afterEach(cleanup);
beforeEach(() => tokenStore.set('token'));
afterEach(() => tokenStore.clear());

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Usage rights as the API answers them, with the summary in the reader's language. */
const REUSE_90_ADS = {
  __typename: 'UsageRights',
  reuseDays: 90,
  channels: ['HEADLINES'],
  paidAds: true,
  exclusivityDays: 0,
  summary: '可在淘宝头条二次使用 90 天；允许投流；无独家期。',
};
const POST_ONLY = {
  __typename: 'UsageRights',
  reuseDays: 0,
  channels: [],
  paidAds: false,
  exclusivityDays: 0,
  summary: '仅发布，不可二次使用；不可投流；无独家期。',
};

/** An open task as its page's query answers it, read by a creator who has not bid yet. */
function task(usageRights: typeof REUSE_90_ADS, retentionDays: number) {
  return {
    __typename: 'Task',
    id: 'task-1',
    title: '新款香薰机种草视频',
    contentType: 'VIDEO',
    channels: ['HEADLINES'],
    minTier: 'RISING',
    slots: 3,
    slotsFilled: 0,
    applyBy: inDays(3),
    deliverBy: inDays(14),
    status: 'OPEN',
    bidCount: 0,
    visibility: 'PUBLIC',
    createdAt: inDays(-1),
    domainTags: [{ __typename: 'DomainTag', slug: 'home', name: '家居' }],
    budget: money('1000.00'),
    merchant: { __typename: 'Merchant', id: 'merchant-1', shopName: '居家好物旗舰店' },
    brief: '60 秒竖屏视频，展示香薰机的静音与定时。',
    maxRevisions: 2,
    cancelReason: null,
    retentionDays,
    usageRights,
    myBid: null,
  };
}

function renderPage(value: ReturnType<typeof task>) {
  return render(
    <I18nProvider>
      <AntApp>
        <MockedProvider
          mocks={[
            meMock(CREATOR_VIEWER),
            {
              request: { query: TaskDocument, variables: { id: 'task-1' } },
              result: { data: { task: value } },
            },
          ]}
        >
          <SessionProvider>
            <SessionGate>
              <MemoryRouter initialEntries={['/tasks/task-1']}>
                <Routes>
                  <Route path="/tasks/:id" element={<TaskPage />} />
                </Routes>
              </MemoryRouter>
            </SessionGate>
          </SessionProvider>
        </MockedProvider>
      </AntApp>
    </I18nProvider>,
  );
}

describe('TaskPage', () => {
  it("shows the creator the task's usage rights and retention as one sentence", async () => {
    renderPage(task(REUSE_90_ADS, 30));
    const terms = await screen.findByTestId('deal-terms');
    expect(terms.textContent).toBe('可在淘宝头条二次使用 90 天；允许投流；无独家期。 发布后须保留 30 天。');
    expect(screen.getByText('内容使用权')).toBeTruthy();
  });

  it('says so when the task asks for no retention', async () => {
    renderPage(task(POST_ONLY, 0));
    const terms = await screen.findByTestId('deal-terms');
    expect(terms.textContent).toBe('仅发布，不可二次使用；不可投流；无独家期。 无保留期要求。');
  });
});
