import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainTagsDocument, PostOfferDocument } from '../../graphql/generated';
import { I18nProvider } from '../../i18n/i18n';
import { English } from '../../test-support';
import { PostOfferButton } from './MyOffersPage';

afterEach(cleanup);

const tagsMock = {
  request: { query: DomainTagsDocument },
  result: {
    data: {
      domainTags: [
        { __typename: 'DomainTag', slug: 'digital', name: '数码', parent: null },
        {
          __typename: 'DomainTag',
          slug: 'digital.audio',
          name: '影音',
          parent: { __typename: 'DomainTag', slug: 'digital' },
        },
      ],
    },
  },
};

/** The mutation's answer: an offer card as the API gives it (its fields do not matter here). */
const postedOffer = {
  __typename: 'Offer',
  id: 'offer-1',
  title: '耳机测评',
  description: '一条 3 分钟的测评视频。',
  contentType: 'VIDEO',
  channels: ['HEADLINES'],
  domainTags: [{ __typename: 'DomainTag', slug: 'digital', name: '数码' }],
  price: { __typename: 'Money', amount: '1200.00', currencyCode: 'CNY' },
  slots: 5,
  slotsBooked: 0,
  turnaroundDays: 7,
  scheduledAt: null,
  bookBy: null,
  status: 'ACTIVE',
  createdAt: '2026-12-01T00:00:00.000Z',
  retentionDays: 60,
  usageRights: { __typename: 'UsageRights', summary: '可在淘宝头条二次使用 90 天' },
  creator: {
    __typename: 'Creator',
    id: 'creator-1',
    handle: 'techtalk_li',
    displayName: '数码老李',
    tier: 'EXPERT',
    isBigV: true,
    followerCount: 150_000,
    channels: ['HEADLINES'],
    domainTags: [{ __typename: 'DomainTag', slug: 'digital', name: '数码' }],
    stats: {
      __typename: 'CreatorStats',
      completedOrders: 0,
      onTimeRate: null,
      averageRating: null,
      reliability: {
        __typename: 'CreatorReliability',
        cancelledByCreator: 0,
        lateDeliveries: 0,
        retentionRate: null,
      },
    },
  },
};

function renderForm(sent: Record<string, unknown>[]) {
  return render(
    <I18nProvider>
      <AntApp>
        <MockedProvider
          mocks={[
            tagsMock,
            {
              request: {
                query: PostOfferDocument,
                variables: (variables: { input: Record<string, unknown> }) => {
                  sent.push(variables.input);
                  return true;
                },
              },
              result: { data: { postOffer: postedOffer } },
            },
          ]}
        >
          <>
            <English />
            <PostOfferButton />
          </>
        </MockedProvider>
      </AntApp>
    </I18nProvider>,
  );
}

/** The form item whose label is `label`, in the open dialog. */
function formItem(label: string): HTMLElement {
  const item = within(document.querySelector('.ant-modal') as HTMLElement)
    .getByText(label, { selector: 'label' })
    .closest('.ant-form-item');
  if (!item) throw new Error(`no form item labelled ${label}`);
  return item as HTMLElement;
}

function typeInto(label: string, value: string) {
  const input = formItem(label).querySelector('input, textarea') as HTMLInputElement;
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
}

// A form of a dozen antd fields in a dialog: on a shared CI machine it takes longer than the default 20 s.
describe("the creator's offer form", () => {
  it("sets usage rights and retention with the task form's presets, shows the sentence and sends them", async () => {
    const sent: Record<string, unknown>[] = [];
    renderForm(sent);
    fireEvent.click(await screen.findByRole('button', { name: /发布服务/ }));
    const modal = await waitFor(() => {
      const open = document.querySelector('.ant-modal') as HTMLElement | null;
      if (!open) throw new Error('no dialog');
      return open;
    });

    // The default: post only, 30 days' retention.
    const sentence = within(modal).getByTestId('terms-sentence');
    expect(sentence.textContent).toBe('仅发布，不可二次使用；不可投流；无独家期；发布后须保留 30 天。');

    typeInto('任务标题', '耳机测评');
    typeInto('服务内容', '一条 3 分钟的测评视频。');
    typeInto('价格', '1200');
    fireEvent.mouseDown(within(formItem('领域标签')).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('数码'));

    fireEvent.click(within(modal).getByText('90天二次使用+投流'));
    typeInto('同行业独家天数', '14');
    typeInto('保留天数', '60');
    // No reuse channels picked: reuse is on the offer's own channel, and the sentence says so.
    await waitFor(() =>
      expect(sentence.textContent).toBe(
        '可在淘宝头条二次使用 90 天；允许投流；同行业独家 14 天；发布后须保留 60 天。',
      ),
    );

    fireEvent.click(within(modal).getByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      title: '耳机测评',
      channels: ['HEADLINES'],
      domainTags: ['digital'],
      price: { amount: '1200.00', currencyCode: 'CNY' },
      usageRights: { reuseDays: 90, channels: ['HEADLINES'], paidAds: true, exclusivityDays: 14 },
      retentionDays: 60,
    });
    expect(await screen.findByText('服务已发布')).toBeTruthy();
  }, 240_000);

  it('reads the terms in English, with no retention when the creator asks for none', async () => {
    renderForm([]);
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    // English arrives as a chunk of its own: the button says so once it is here.
    fireEvent.click(await screen.findByRole('button', { name: /Post an offer/ }, { timeout: 60_000 }));
    const modal = await waitFor(() => {
      const open = document.querySelector('.ant-modal') as HTMLElement | null;
      if (!open) throw new Error('no dialog');
      return open;
    });
    fireEvent.click(within(modal).getByText('90 days reuse'));
    typeInto('Retention (days)', '0');
    await waitFor(() =>
      expect(within(modal).getByTestId('terms-sentence').textContent).toBe(
        '90 days of reuse on Headlines; no paid ads; no exclusivity; No retention required.',
      ),
    );
  }, 240_000);
});
