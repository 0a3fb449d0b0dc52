import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { ShowcaseDocument } from '../../graphql/generated';
import { I18nProvider } from '../../i18n/i18n';
import { ShowcasePage } from './ShowcasePage';

afterEach(cleanup);

const VENUE = 'venue-1';

const tags = [
  { __typename: 'DomainTag', slug: 'home', name: '家居', parent: null },
  { __typename: 'DomainTag', slug: 'beauty', name: '美妆', parent: null },
  {
    __typename: 'DomainTag',
    slug: 'beauty.skincare',
    name: '护肤',
    parent: { __typename: 'DomainTag', slug: 'beauty' },
  },
];

const entry = (position: number, title: string, link: string | null, reasons: string[]) => ({
  __typename: 'ShowcaseEntry',
  position,
  title,
  contentType: 'VIDEO',
  mediaUrls: [],
  shopName: '林氏家居',
  link,
  reasons,
  creator: { __typename: 'Creator', id: `creator-${position}`, displayName: '小雨' },
});

const sofa = (position: number, reasons: string[]) =>
  entry(position, '小户型沙发', 'https://vtask.example/go/Abcdefgh23', reasons);
const serum = (position: number, reasons: string[]) => entry(position, '精华测评', null, reasons);

function showcaseMock(shopper: { interests: string[]; newCustomer: boolean }, entries: unknown[]) {
  return {
    request: { query: ShowcaseDocument, variables: { venueId: VENUE, shopper, first: 50 } },
    result: { data: { showcase: entries, domainTags: tags } },
  };
}

describe('the public showcase page', () => {
  it('orders the lineup for the interests a shopper picks and links each entry through /go/', async () => {
    render(
      <I18nProvider>
        <AntApp>
          <MockedProvider
            mocks={[
              showcaseMock({ interests: [], newCustomer: false }, [
                sofa(1, ['会场排期第 1 位']),
                serum(2, ['会场排期第 2 位']),
              ]),
              showcaseMock({ interests: ['beauty'], newCustomer: false }, [
                serum(1, ['符合你的兴趣：美妆', '会场排期第 2 位']),
                sofa(2, ['会场排期第 1 位']),
              ]),
            ]}
          >
            <MemoryRouter initialEntries={[`/showcase/${VENUE}`]}>
              <Routes>
                <Route path="/showcase/:venueId" element={<ShowcasePage />} />
              </Routes>
            </MemoryRouter>
          </MockedProvider>
        </AntApp>
      </I18nProvider>,
    );
    const first = await screen.findAllByTestId('showcase-entry');
    expect(first.map((card) => within(card).getByText(/沙发|精华/).textContent)).toEqual([
      '小户型沙发',
      '精华测评',
    ]);
    const go = within(first[0]).getByTestId('showcase-go');
    expect(go.getAttribute('href')).toBe('https://vtask.example/go/Abcdefgh23');
    // Top-level tags only: a shopper picks broad interests.
    const picker = screen.getByTestId('interest-picker');
    expect(within(picker).queryByText('护肤')).toBeNull();
    fireEvent.click(within(picker).getByText('美妆'));
    await screen.findByText('符合你的兴趣：美妆');
    const reordered = screen.getAllByTestId('showcase-entry');
    expect(within(reordered[0]).getByText('精华测评')).toBeTruthy();
    expect(within(reordered[0]).getByText('暂无购买链接')).toBeTruthy();
  });
});
