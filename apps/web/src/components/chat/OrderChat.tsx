import { MessageOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Drawer, Space } from 'antd';
import { useState } from 'react';
import { OrderMessagesDocument } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { ChatPanel } from './ChatPanel';
import { useLiveThread } from './use-live-thread';

/** A conversation drawer's width: roomy on a desktop, the whole screen on a phone. */
export const DRAWER_SIZE = 'min(560px, 100vw)';

/** How many messages a thread shows at first; "newer" loads the next ones. */
export const THREAD_PAGE_SIZE = 100;

/** The order's conversation, live: its messages and how many the viewer has not read. */
function useOrderThread(orderId: string, readOnly: boolean | undefined) {
  const { data, loading, error, refetch, fetchMore } = useQuery(OrderMessagesDocument, {
    variables: { orderId, first: THREAD_PAGE_SIZE },
    fetchPolicy: 'cache-first', // the order page fetched it as it opened
  });
  useLiveThread({ orderId }, { skip: !data?.order });
  const page = data?.order?.messages;
  const unread = readOnly ? 0 : (data?.order?.unreadMessages ?? 0);
  const panel = (
    <ChatPanel
      thread={{ orderId }}
      page={page}
      unread={unread}
      loading={loading}
      error={error}
      onRetry={() => void refetch()}
      onLoadMore={() => void fetchMore({ variables: { after: page?.pageInfo.endCursor } })}
      readOnly={readOnly}
    />
  );
  return { unread, panel };
}

/**
 * The order page's conversation card: the merchant, the creator and the creator's agency talk here;
 * an admin reads it, without writing, while the order is disputed. The title counts unread messages
 * until the card is on screen.
 */
export function OrderChatCard({ orderId, readOnly }: { orderId: string; readOnly?: boolean }) {
  const { t } = useI18n();
  const { unread, panel } = useOrderThread(orderId, readOnly);
  return (
    <Card
      className="console-card"
      size="small"
      data-testid="order-chat"
      title={
        <Space size={6}>
          <MessageOutlined />
          {readOnly ? t('chat.evidence') : t('chat.title')}
          <Badge count={unread} size="small" data-testid="chat-unread" />
        </Space>
      }
    >
      {panel}
    </Card>
  );
}

function OrderChatEvidence({ orderId }: { orderId: string }) {
  return useOrderThread(orderId, true).panel;
}

/** Admin, on the disputes list: the order's conversation as evidence, read-only, in a drawer. */
export function OrderChatDrawerButton({ orderId }: { orderId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" icon={<MessageOutlined />} onClick={() => setOpen(true)} data-testid="open-chat">
        {t('chat.evidence')}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('chat.evidence')}
        size={DRAWER_SIZE}
        destroyOnHidden
      >
        {open ? (
          <div data-testid="chat-drawer">
            <OrderChatEvidence orderId={orderId} />
          </div>
        ) : null}
      </Drawer>
    </>
  );
}
