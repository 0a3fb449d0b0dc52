import { MessageOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Badge, Button, Drawer } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { MyBidMessagesDocument, TaskBidThreadsDocument, type BidStatus } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { ChatPanel } from './ChatPanel';
import { DRAWER_SIZE, THREAD_PAGE_SIZE } from './OrderChat';
import { useLiveThread } from './use-live-thread';

/** What the button needs of a bid; `unreadMessages` is the cached Bid's, so live messages move it. */
export interface ChatBid {
  id: string;
  status: BidStatus;
  unreadMessages: number;
  order?: { id: string } | null;
}

/**
 * "沟通" on a bid, with the count of unread messages: the task's merchant (per bid, on the bids panel)
 * and the bidder (on their own bid) talk while the bid is pending. The thread stays live while the
 * button is on screen, so the badge counts a message as it arrives; the drawer shows the thread and
 * marks it read. Once the bid is decided the thread is read-only here and carries on in the order.
 */
export function BidChatButton({
  taskId,
  bid,
  side,
}: {
  taskId: string;
  bid: ChatBid;
  side: 'merchant' | 'creator';
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const pending = bid.status === 'PENDING';
  useLiveThread({ bidId: bid.id }, { skip: !pending });
  return (
    <>
      <Badge count={bid.unreadMessages} size="small" data-testid="bid-chat-unread">
        <Button icon={<MessageOutlined />} onClick={() => setOpen(true)} data-testid="open-bid-chat">
          {t('chat.title')}
        </Button>
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('chat.aboutBid')}
        size={DRAWER_SIZE}
        destroyOnHidden
      >
        {open ? (
          <div data-testid="chat-drawer">
            {side === 'creator' ? (
              <CreatorBidThread taskId={taskId} bid={bid} />
            ) : (
              <MerchantBidThread taskId={taskId} bid={bid} />
            )}
          </div>
        ) : null}
      </Drawer>
    </>
  );
}

function useClosedNotice(bid: ChatBid): string | undefined {
  const { t } = useI18n();
  if (bid.status === 'PENDING') return undefined;
  return bid.order ? t('chat.continuesInOrder') : t('chat.bidClosed');
}

function ContinueInOrder({ bid }: { bid: ChatBid }) {
  const { t } = useI18n();
  return bid.order ? <Link to={`/orders/${bid.order.id}`}>{t('task.toOrder')}</Link> : null;
}

/** The bidder's own bid: the task's `myBid` with its thread. */
function CreatorBidThread({ taskId, bid }: { taskId: string; bid: ChatBid }) {
  const { data, loading, error, refetch } = useQuery(MyBidMessagesDocument, {
    variables: { taskId, first: THREAD_PAGE_SIZE },
    fetchPolicy: 'network-only',
  });
  const mine = data?.task?.myBid;
  const closedNotice = useClosedNotice(bid);
  return (
    <>
      <ChatPanel
        thread={{ bidId: bid.id }}
        page={mine?.messages}
        unread={bid.unreadMessages}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        closedNotice={closedNotice}
      />
      <ContinueInOrder bid={bid} />
    </>
  );
}

/** Bids looked through per page for the merchant's one, and messages shown of each (query cost). */
const BIDS_PER_PAGE = 10;
const MESSAGES_PER_BID = 50;

/**
 * The merchant's side: the API reads a bid's thread only through the task's bids, so this pages
 * through the task's bids of the same status until it meets this one.
 */
function MerchantBidThread({ taskId, bid }: { taskId: string; bid: ChatBid }) {
  const { data, loading, error, refetch, fetchMore } = useQuery(TaskBidThreadsDocument, {
    variables: { taskId, status: bid.status, first: BIDS_PER_PAGE, messages: MESSAGES_PER_BID },
    fetchPolicy: 'network-only',
  });
  const bids = data?.task?.bids;
  const found = bids?.nodes.find((node) => node.id === bid.id);
  const more = bids?.pageInfo.hasNextPage ? bids.pageInfo.endCursor : null;
  useEffect(() => {
    if (!found && more && !loading) void fetchMore({ variables: { after: more } });
  }, [fetchMore, found, loading, more]);
  const closedNotice = useClosedNotice(bid);
  return (
    <>
      <ChatPanel
        thread={{ bidId: bid.id }}
        page={
          found?.messages ??
          (bids && !more ? { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } : null)
        }
        unread={bid.unreadMessages}
        loading={loading || Boolean(!found && more)}
        error={error}
        onRetry={() => void refetch()}
        closedNotice={closedNotice}
      />
      <ContinueInOrder bid={bid} />
    </>
  );
}
