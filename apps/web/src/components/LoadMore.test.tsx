import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { LoadMore } from './LoadMore';

afterEach(cleanup);

function renderIn(ui: React.ReactNode) {
  return render(
    <I18nProvider>
      <App>{ui}</App>
    </I18nProvider>,
  );
}

describe('LoadMore', () => {
  it('shows nothing on the last page', () => {
    renderIn(
      <LoadMore
        connection={{
          nodes: Array(9).fill(null),
          totalCount: 9,
          pageInfo: { endCursor: 'c9', hasNextPage: false },
        }}
        fetchMore={async () => null}
      />,
    );
    expect(screen.queryByTestId('load-more')).toBeNull();
  });

  it('asks for the page after the end cursor and says how much is shown', async () => {
    const asked: string[] = [];
    renderIn(
      <LoadMore
        connection={{
          nodes: Array(20).fill(null),
          totalCount: 45,
          pageInfo: { endCursor: 'cursor-20', hasNextPage: true },
        }}
        fetchMore={async ({ variables }) => {
          asked.push(variables.after);
        }}
      />,
    );
    expect(screen.getByText('已显示 20 / 共 45 条')).toBeTruthy();
    fireEvent.click(screen.getByTestId('load-more'));
    await waitFor(() => expect(asked).toEqual(['cursor-20']));
  });

  it('says a capped total is a lower bound: 10,000+', () => {
    renderIn(
      <LoadMore
        connection={{
          nodes: Array(20).fill(null),
          totalCount: 10_000,
          pageInfo: { endCursor: 'c20', hasNextPage: true, totalCountIsExact: false },
        }}
        fetchMore={async () => null}
      />,
    );
    expect(screen.getByText('已显示 20 / 共 10,000+ 条')).toBeTruthy();
  });

  it("shows the API's message when the page cannot be loaded, and lets the user try again", async () => {
    let calls = 0;
    renderIn(
      <LoadMore
        connection={{
          nodes: Array(20).fill(null),
          totalCount: 45,
          pageInfo: { endCursor: 'c20', hasNextPage: true },
        }}
        fetchMore={async () => {
          calls += 1;
          throw new Error('网络连接中断');
        }}
      />,
    );
    fireEvent.click(screen.getByTestId('load-more'));
    expect(await screen.findByText('网络连接中断')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('load-more').hasAttribute('disabled')).toBe(false));
    fireEvent.click(screen.getByTestId('load-more'));
    await waitFor(() => expect(calls).toBe(2));
  });
});
