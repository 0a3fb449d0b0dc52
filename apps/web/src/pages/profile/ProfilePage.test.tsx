import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CreatorPerformanceDocument,
  DomainTagsDocument,
  LeaveAgencyDocument,
  MyProfileDocument,
  UpdateCreatorProfileDocument,
} from '../../graphql/generated';
import { I18nProvider } from '../../i18n/i18n';
import { ProfilePage } from './ProfilePage';

afterEach(cleanup);

const tag = (slug: string, name: string) => ({ __typename: 'DomainTag', slug, name });

function creator(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'Creator',
    id: 'creator-1',
    handle: 'xiaoyu_home',
    displayName: 'Xiaoyu',
    tier: 'CELEBRITY',
    isBigV: true,
    followerCount: 2400000,
    channels: ['HEADLINES', 'LIVE'],
    domainTags: [tag('home', 'Home'), tag('home.furniture', 'Furniture')],
    stats: {
      __typename: 'CreatorStats',
      completedOrders: 3,
      onTimeRate: 0.875,
      averageRating: 4.75,
      reliability: {
        __typename: 'CreatorReliability',
        cancelledByCreator: 0,
        lateDeliveries: 1,
        retentionRate: null,
      },
    },
    bio: 'Small flats, big ideas.',
    agency: { __typename: 'Agency', id: 'agency-1', name: 'Starlight MCN', revenueShareBps: 2000 },
    ...overrides,
  };
}

const profileMock = (creatorData: ReturnType<typeof creator>) => ({
  request: { query: MyProfileDocument },
  result: {
    data: {
      me: {
        __typename: 'User',
        id: 'user-1',
        role: 'CREATOR',
        displayName: 'Xiaoyu',
        merchant: null,
        creator: creatorData,
      },
    },
  },
});

const tagsMock = {
  request: { query: DomainTagsDocument },
  result: {
    data: {
      domainTags: [
        { ...tag('home', 'Home'), parent: null },
        { ...tag('home.furniture', 'Furniture'), parent: { __typename: 'DomainTag', slug: 'home' } },
        { ...tag('home.decor', 'Decor'), parent: { __typename: 'DomainTag', slug: 'home' } },
      ],
    },
  },
};

/** The verified-figures card's own query: nothing counted yet, so the card stays out of these tests' way. */
const performanceMock = {
  request: { query: CreatorPerformanceDocument },
  result: {
    data: {
      me: {
        __typename: 'User',
        id: 'user-1',
        creator: { __typename: 'Creator', id: 'creator-1', performance: null },
      },
    },
  },
};

function renderPage(mocks: MockedProviderProps['mocks']) {
  return render(
    <I18nProvider>
      <AntApp>
        <MockedProvider mocks={[...(mocks ?? []), performanceMock]}>
          <ProfilePage />
        </MockedProvider>
      </AntApp>
    </I18nProvider>,
  );
}

/** The form item whose label is `label`. */
function formItem(label: string): HTMLElement {
  const item = screen.getByText(label, { selector: 'label' }).closest('.ant-form-item');
  if (!item) throw new Error(`no form item labelled ${label}`);
  return item as HTMLElement;
}

describe('the creator profile', () => {
  it("shows the handle, tier, stats and agency, and puts the API's problem on the bio field", async () => {
    const sent: Record<string, unknown>[] = [];
    const longBio = 'x'.repeat(2001);
    renderPage([
      profileMock(creator()),
      tagsMock,
      {
        request: {
          query: UpdateCreatorProfileDocument,
          variables: (variables: { input: Record<string, unknown> }) => {
            sent.push(variables.input);
            return variables.input.bio === longBio;
          },
        },
        result: {
          errors: [
            new GraphQLError('Invalid input', {
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: { bio: 'bio must be shorter than or equal to 2000 characters' },
              },
            }),
          ],
        },
      },
      {
        request: {
          query: UpdateCreatorProfileDocument,
          variables: (variables: { input: Record<string, unknown> }) => {
            sent.push(variables.input);
            return variables.input.bio === 'Storage for tiny flats.';
          },
        },
        result: { data: { updateCreatorProfile: creator({ bio: 'Storage for tiny flats.' }) } },
      },
    ]);

    const facts = await screen.findByTestId('creator-facts');
    expect(within(facts).getByText('@xiaoyu_home')).toBeTruthy();
    expect(within(facts).getByText('明星达人')).toBeTruthy();
    expect(within(facts).getByText('88%')).toBeTruthy();
    expect(within(facts).getByText('4.8')).toBeTruthy();
    expect(screen.getByTestId('agency-name').textContent).toBe('Starlight MCN');
    expect(within(screen.getByTestId('agency-membership')).getByText('20%')).toBeTruthy();

    const bio = within(formItem('简介')).getByRole('textbox');
    fireEvent.change(bio, { target: { value: longBio } });
    fireEvent.click(screen.getByTestId('profile-save'));
    // The field's error shows after antd's motion; a busy CI machine needs longer than findBy's default second.
    expect(
      await within(formItem('简介')).findByText(
        'bio must be shorter than or equal to 2000 characters',
        {},
        { timeout: 5000 },
      ),
    ).toBeTruthy();
    expect(sent.at(-1)).toEqual({
      bio: longBio,
      channels: ['HEADLINES', 'LIVE'],
      domainTags: ['home', 'home.furniture'],
      followerCount: 2400000,
    });

    fireEvent.change(bio, { target: { value: '  Storage for tiny flats. ' } });
    fireEvent.click(screen.getByTestId('profile-save'));
    expect(await screen.findByText('资料已保存')).toBeTruthy();
    expect(sent.at(-1)?.bio).toBe('Storage for tiny flats.');
  });

  it('asks for a domain tag before sending anything', async () => {
    let sent = 0;
    renderPage([
      profileMock(creator({ domainTags: [] })),
      tagsMock,
      {
        request: {
          query: UpdateCreatorProfileDocument,
          variables: () => {
            sent += 1;
            return true;
          },
        },
        result: { data: { updateCreatorProfile: creator() } },
      },
    ]);
    await screen.findByTestId('creator-facts');
    fireEvent.click(screen.getByTestId('profile-save'));
    expect(await within(formItem('领域标签')).findByText('至少选择 1 个领域标签')).toBeTruthy();
    expect(sent).toBe(0);
  });

  it("shows the API's reason when leaving the agency is refused", async () => {
    renderPage([
      profileMock(creator()),
      tagsMock,
      {
        request: { query: LeaveAgencyDocument },
        result: {
          errors: [
            new GraphQLError('Finish or cancel your orders in progress first.', {
              extensions: { code: 'CONFLICT' },
            }),
          ],
        },
      },
    ]);
    fireEvent.click(await screen.findByTestId('leave-agency'));
    expect(await screen.findByText('确定退出该机构？')).toBeTruthy();
    const popover = document.querySelector('.ant-popconfirm') as HTMLElement;
    fireEvent.click(within(popover).getByRole('button', { name: /确\s*定/ }));
    const refusal = await screen.findByTestId('leave-agency-error');
    expect(refusal.textContent).toContain('Finish or cancel your orders in progress first.');
    expect(screen.getByTestId('agency-name').textContent).toBe('Starlight MCN');
  });

  it('offers no leave button, and says what an agency is, to a creator without one', async () => {
    renderPage([profileMock(creator({ agency: null })), tagsMock]);
    const membership = await screen.findByTestId('agency-membership');
    expect(within(membership).getByText('未加入机构')).toBeTruthy();
    expect(within(membership).queryByTestId('leave-agency')).toBeNull();
  });
});
