import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { GraphQLError } from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../../apollo';
import { SessionProvider } from '../../auth/auth';
import {
  SendOrderMessageDocument,
  type MessageFieldsFragment,
  type MessagePageFragment,
} from '../../graphql/generated';
import { I18nProvider } from '../../i18n/i18n';
import { MERCHANT_VIEWER as me, meMock, SessionGate } from '../../test-support';
import { ChatPanel } from './ChatPanel';

afterEach(cleanup);
beforeEach(() => tokenStore.set('token'));
afterEach(() => tokenStore.clear());

function message(
  id: string,
  authorId: string,
  body: string,
  attachments: string[] = [],
): MessageFieldsFragment {
  return {
    __typename: 'Message',
    id,
    body,
    attachments,
    createdAt: '2026-12-06T02:00:00.000Z',
    author: {
      __typename: 'User',
      id: authorId,
      displayName: authorId === me.id ? me.displayName : '小鱼的家',
      role: authorId === me.id ? 'MERCHANT' : 'CREATOR',
    },
  } as MessageFieldsFragment;
}

const page: MessagePageFragment = {
  nodes: [
    message('m1', 'user-creator', '你好，想先聊聊拍摄思路。', ['https://example.com/plan.pdf']),
    message('m2', me.id, '好的，请说。'),
  ],
  pageInfo: { hasNextPage: false, endCursor: 'c2' },
} as MessagePageFragment;

function renderPanel(mocks: MockedProviderProps['mocks']) {
  return render(
    <I18nProvider>
      <AntApp>
        <MockedProvider mocks={[meMock(), ...(mocks ?? [])]}>
          <SessionProvider>
            <SessionGate>
              <ChatPanel thread={{ orderId: 'order-1' }} page={page} unread={0} loading={false} />
            </SessionGate>
          </SessionProvider>
        </MockedProvider>
      </AntApp>
    </I18nProvider>,
  );
}

describe('ChatPanel', () => {
  it('shows messages oldest first, the viewer’s own on the other side, links as attachments', async () => {
    renderPanel([]);
    const rows = await screen.findAllByTestId('chat-message');
    expect(rows.map((row) => row.getAttribute('data-own'))).toEqual(['false', 'true']);
    expect(rows[0].textContent).toContain('小鱼的家');
    expect(rows[1].textContent).toContain('我');
    expect(within(rows[0]).getByRole('link').getAttribute('href')).toBe('https://example.com/plan.pdf');
  });

  it('sends with Enter, not with Shift+Enter', async () => {
    let sent = 0;
    renderPanel([
      {
        request: {
          query: SendOrderMessageDocument,
          variables: (variables: Record<string, unknown>) =>
            variables.orderId === 'order-1' && variables.body === '明天给你样品。',
        },
        result: () => {
          sent += 1;
          return { data: { sendOrderMessage: message('m3', me.id, '明天给你样品。') } };
        },
      },
    ]);
    const box = await screen.findByTestId('chat-body');
    fireEvent.change(box, { target: { value: '明天给你样品。' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toBe(0);
    fireEvent.keyDown(box, { key: 'Enter' });
    await expect.poll(() => sent).toBe(1);
    await expect.poll(() => (box as HTMLTextAreaElement).value, { timeout: 5000 }).toBe('');
  });

  it('puts the API’s problem with an attachment under that link field', async () => {
    renderPanel([
      {
        request: { query: SendOrderMessageDocument, variables: () => true },
        result: {
          errors: [
            new GraphQLError('附件须为 http(s) 链接，且不超过 2048 个字符。', {
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: { 'attachments.0': '附件须为 http(s) 链接，且不超过 2048 个字符。' },
              },
            }),
          ],
        },
      },
    ]);
    fireEvent.click(await screen.findByTestId('chat-add-attachment'));
    fireEvent.change(await screen.findByTestId('chat-attachment-input'), {
      target: { value: 'https://example.com/' + 'a'.repeat(10) },
    });
    fireEvent.change(screen.getByTestId('chat-body'), { target: { value: '看这个' } });
    fireEvent.click(screen.getByTestId('chat-send'));
    expect(
      await screen.findByText(
        '附件须为 http(s) 链接，且不超过 2048 个字符。',
        { selector: '.ant-form-item-explain-error' },
        { timeout: 5000 },
      ),
    ).toBeTruthy();
  });

  it('refuses a link that is not http(s) in its field, before sending', async () => {
    renderPanel([]);
    fireEvent.click(await screen.findByTestId('chat-add-attachment'));
    fireEvent.change(await screen.findByTestId('chat-attachment-input'), { target: { value: 'ftp://x' } });
    fireEvent.click(screen.getByTestId('chat-send'));
    expect(
      await screen.findByText('请填写 http(s) 链接，不超过 2048 个字符', {}, { timeout: 5000 }),
    ).toBeTruthy();
  });
});
