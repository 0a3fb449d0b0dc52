import { DeleteOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { useApolloClient } from '@apollo/client/react';
import { Button, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useViewer } from '../../auth/auth';
import {
  MarkMessagesReadDocument,
  SendBidMessageDocument,
  SendOrderMessageDocument,
  type MessageFieldsFragment,
  type MessagePageFragment,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time';
import { QueryState } from '../QueryState';
import { addMessageToCache, subtractUnread, threadVariables, type ThreadRef } from './thread';
import { useShown } from './use-shown';
import './chat.css';

/** The API's limits (contract, "talking to each other"), checked here first so the field says so. */
export const MESSAGE_BODY_MAX = 4000;
export const MESSAGE_ATTACHMENTS_MAX = 10;
export const ATTACHMENT_URL_MAX = 2048;

export interface ChatPanelProps {
  thread: ThreadRef;
  /** The thread's loaded messages, oldest first; null while loading. */
  page: MessagePageFragment | null | undefined;
  /** Messages from others the viewer has not read. */
  unread: number;
  loading: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** The API pages forward: newer messages than the loaded ones. */
  onLoadMore?: () => void;
  /** Admins read a disputed order's thread as evidence: no send box, nothing marked read. */
  readOnly?: boolean;
  /** Why nobody can write any more (the bid was decided), shown instead of the send box. */
  closedNotice?: string;
}

interface SendValues {
  body?: string;
  attachments?: (string | undefined)[];
}

/**
 * A conversation: messages oldest first with author and time (the viewer's own on the right),
 * attachments as links, and a send box (Enter sends, Shift+Enter starts a new line). While it is on
 * screen it marks the thread read, including messages that arrive live.
 */
export function ChatPanel(props: ChatPanelProps) {
  const { thread, page, unread, loading, error, onRetry, onLoadMore, readOnly, closedNotice } = props;
  const { t } = useI18n();
  const viewer = useViewer();
  const client = useApolloClient();
  const listRef = useRef<HTMLDivElement>(null);
  const shown = useShown(listRef);
  const [markRead] = useAction(MarkMessagesReadDocument);
  const marking = useRef(false);
  const messages = page?.nodes ?? [];

  useEffect(() => {
    if (readOnly || !shown || unread <= 0 || marking.current) return;
    marking.current = true;
    const seen = unread;
    void markRead(threadVariables(thread)).then((done) => {
      marking.current = false;
      if (done !== null) subtractUnread(client.cache, thread, seen);
    });
  }, [client, markRead, readOnly, shown, thread, unread]);

  // The newest message in view, as a chat opens and as messages arrive.
  const last = messages[messages.length - 1]?.id;
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [last]);

  return (
    <Flex vertical gap={12} data-testid="chat-panel">
      <div ref={listRef} className="chat-messages" data-testid="chat-messages">
        <QueryState
          loading={loading && !page}
          error={error}
          hasData={Boolean(page)}
          isEmpty={messages.length === 0}
          empty={t('chat.empty')}
          onRetry={onRetry}
        >
          <Flex vertical gap={10}>
            {messages.map((message) => (
              <MessageBubble key={message.id} message={message} own={message.author.id === viewer.id} />
            ))}
            {page?.pageInfo.hasNextPage && onLoadMore ? (
              <Button type="link" onClick={onLoadMore}>
                {t('chat.newer')}
              </Button>
            ) : null}
          </Flex>
        </QueryState>
      </div>
      {readOnly ? (
        <Typography.Text type="secondary" data-testid="chat-read-only">
          {t('chat.readOnly')}
        </Typography.Text>
      ) : closedNotice ? (
        <Typography.Text type="secondary" data-testid="chat-closed">
          {closedNotice}
        </Typography.Text>
      ) : (
        <SendBox thread={thread} viewerUserId={viewer.id} />
      )}
    </Flex>
  );
}

function MessageBubble({ message, own }: { message: MessageFieldsFragment; own: boolean }) {
  const { t, label } = useI18n();
  // Who speaks for which side: an admin reading evidence sees 商家, 达人 or 机构 by each name.
  const author = own
    ? t('chat.me')
    : t('chat.author', { name: message.author.displayName, role: label('Role', message.author.role) });
  return (
    <Flex
      vertical
      align={own ? 'flex-end' : 'flex-start'}
      className={own ? 'chat-message chat-message-own' : 'chat-message'}
      data-testid="chat-message"
      data-own={own}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {author} · {formatDateTime(message.createdAt)}
      </Typography.Text>
      <div className="chat-bubble">
        {message.body ? (
          <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{message.body}</div>
        ) : null}
        {message.attachments.map((url) => (
          <div key={url} className="chat-attachment">
            <LinkOutlined />{' '}
            <a href={url} target="_blank" rel="noopener noreferrer" data-testid="chat-attachment">
              {url}
            </a>
          </div>
        ))}
      </div>
    </Flex>
  );
}

function SendBox({ thread, viewerUserId }: { thread: ThreadRef; viewerUserId: string }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const [form] = Form.useForm<SendValues>();
  const [sendOrder, sendingOrder] = useAction(SendOrderMessageDocument, { form });
  const [sendBid, sendingBid] = useAction(SendBidMessageDocument, { form });
  const sending = sendingOrder.loading || sendingBid.loading;

  const submit = async (values: SendValues) => {
    const body = values.body?.trim() ?? '';
    const attachments = (values.attachments ?? []).map((url) => url?.trim() ?? '').filter(Boolean);
    if (!body && attachments.length === 0) return;
    const sent = thread.orderId
      ? (await sendOrder({ orderId: thread.orderId, body, attachments }))?.sendOrderMessage
      : (await sendBid({ bidId: thread.bidId!, body, attachments }))?.sendBidMessage;
    if (!sent) return;
    addMessageToCache(client.cache, thread, sent, viewerUserId);
    // An empty string, not a reset: a reset to `undefined` leaves the text area showing the old text.
    form.setFieldsValue({ body: '', attachments: [] });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter while an input method is composing (拼音 candidates) picks the word, it does not send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (!sending) form.submit();
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid="chat-send-form">
      <Form.Item
        name="body"
        label={t('chat.message')}
        rules={[{ max: MESSAGE_BODY_MAX, message: t('chat.bodyTooLong', { max: MESSAGE_BODY_MAX }) }]}
        extra={t('chat.enterHint')}
        style={{ marginBottom: 8 }}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder={t('chat.placeholder')}
          onKeyDown={onKeyDown}
          data-testid="chat-body"
        />
      </Form.Item>
      <Form.List
        name="attachments"
        rules={[
          {
            validator: async (_, urls?: unknown[]) => {
              if ((urls?.length ?? 0) > MESSAGE_ATTACHMENTS_MAX)
                throw new Error(t('chat.tooManyAttachments', { max: MESSAGE_ATTACHMENTS_MAX }));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="start">
                <Form.Item
                  name={field.name}
                  label={index === 0 ? t('chat.attachments') : undefined}
                  rules={[
                    {
                      pattern: /^https?:\/\/\S+$/i,
                      message: t('chat.attachmentFormat'),
                    },
                    { max: ATTACHMENT_URL_MAX, message: t('chat.attachmentFormat') },
                  ]}
                  style={{ flex: 1, marginBottom: 8 }}
                >
                  <Input
                    placeholder="https://"
                    prefix={<LinkOutlined />}
                    data-testid="chat-attachment-input"
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('chat.removeAttachment')}
                  onClick={() => remove(field.name)}
                  style={index === 0 ? { marginTop: 30 } : undefined}
                />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Flex justify="space-between" gap={8} wrap>
              <Button
                icon={<PlusOutlined />}
                disabled={fields.length >= MESSAGE_ATTACHMENTS_MAX}
                onClick={() => add('')}
                data-testid="chat-add-attachment"
              >
                {t('chat.addAttachment')}
              </Button>
              <Button type="primary" htmlType="submit" loading={sending} data-testid="chat-send">
                {t('chat.send')}
              </Button>
            </Flex>
          </>
        )}
      </Form.List>
    </Form>
  );
}
