import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Page, PageArgs, Viewer } from '@vtask/core';
import { listPage, timestampKeyset } from '@vtask/database';
import { TimersService } from '@vtask/jobs';
import {
  LiveEvents,
  liveStream,
  LiveTopic,
  NotificationsService,
  NotificationType,
  RecentIds,
} from '@vtask/notifications';
import { DataSource, type EntityManager } from 'typeorm';
import { ConversationsErrors } from './conversations.errors';
import { CONVERSATIONS_OPTIONS, type ConversationsOptions } from './conversations.options';
import { ConversationTimers } from './conversations.timers';
import { MessageEntity } from './entities/message.entity';
import { type ThreadRef, ThreadsService } from './threads.service';

export const MESSAGE_BODY_MAX_LENGTH = 4000;
export const MESSAGE_ATTACHMENTS_MAX = 10;
const ATTACHMENT_MAX_LENGTH = 2048;

export interface SendMessageCommand {
  body: string;
  attachments?: readonly string[] | null;
}

/**
 * Messages between the parties of a bid or an order (SPEC "Language and conversation"): stored, pushed
 * live, never edited, visible to no one else. A message unread for a while is notified once per
 * unread stretch, by a durable timer written with the message.
 */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger('Conversations');

  constructor(
    private readonly dataSource: DataSource,
    private readonly threads: ThreadsService,
    private readonly notifications: NotificationsService,
    private readonly live: LiveEvents,
    private readonly timers: TimersService,
    @Inject(CONVERSATIONS_OPTIONS) private readonly options: ConversationsOptions,
  ) {}

  /** The thread named by exactly one of an order and a bid. */
  static ref(orderId: string | null, bidId: string | null): ThreadRef {
    if (orderId && !bidId) return { orderId };
    if (bidId && !orderId) return { bidId };
    throw ConversationsErrors.nameOneThread();
  }

  async send(viewer: Viewer, ref: ThreadRef, command: SendMessageCommand): Promise<MessageEntity> {
    const body = command.body.trim();
    const attachments = checkedAttachments(command.attachments ?? []);
    if (!body && !attachments.length) throw ConversationsErrors.emptyBody();
    if (body.length > MESSAGE_BODY_MAX_LENGTH) throw ConversationsErrors.bodyTooLong(MESSAGE_BODY_MAX_LENGTH);
    const thread = await this.threads.forViewer(viewer, ref);
    if (!thread.writable) {
      // Admins read a disputed order's thread as evidence; only its parties write in it.
      if (!thread.partyUserIds.includes(viewer.userId)) throw ConversationsErrors.readOnly();
      throw ConversationsErrors.bidNotPending();
    }
    return this.dataSource.transaction(async (manager) => {
      const message = await manager.getRepository(MessageEntity).save(
        manager.create(MessageEntity, {
          threadId: thread.id,
          bidId: thread.bidId,
          orderId: thread.orderId,
          authorUserId: viewer.userId,
          body,
          attachments,
        }),
      );
      // Writing is reading: the author has read everything up to their own message.
      await markReadUpTo(manager, thread.id, viewer.userId, message.createdAt);
      // From the message's own time, which the database stamped: timers are due by the database clock.
      const noticeAt = new Date(message.createdAt.getTime() + this.options.unreadNotifySeconds * 1000);
      await this.timers.schedule(ConversationTimers.noticeUnread, { messageId: message.id }, noticeAt, {
        manager,
      });
      return message;
    });
  }

  /** A thread's messages, oldest first. */
  async list(viewer: Viewer, ref: ThreadRef, page: PageArgs): Promise<Page<MessageEntity>> {
    const thread = await this.threads.forViewer(viewer, ref);
    const query = this.dataSource
      .getRepository(MessageEntity)
      .createQueryBuilder('m')
      .where('m.thread_id = :threadId', { threadId: thread.id });
    return listPage(
      query,
      page,
      timestampKeyset<MessageEntity>('m', 'created_at', 'ASC', (m) => m.createdAt),
    );
  }

  /**
   * How many messages from others each of these threads holds that the user has not read, by thread id
   * (one query for a page of orders or bids).
   */
  async unreadCounts(userId: string, threadIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (!threadIds.length) return counts;
    const rows: { thread_id: string; unread: number }[] = await this.dataSource.query(
      `SELECT m.thread_id, count(*)::int AS unread
         FROM messages m
         LEFT JOIN message_thread_readers r ON r.thread_id = m.thread_id AND r.user_id = $1
        WHERE m.thread_id = ANY($2::uuid[]) AND m.author_user_id <> $1
          AND (r.read_up_to IS NULL OR m.created_at > r.read_up_to)
        GROUP BY m.thread_id`,
      [userId, [...new Set(threadIds)]],
    );
    for (const row of rows) counts.set(row.thread_id, row.unread);
    return counts;
  }

  /** The thread ids of these orders: the bid's an order was made from, else the order's own. */
  threadIdsOfOrders(orderIds: readonly string[]): Promise<Map<string, string>> {
    return this.threads.idsOfOrders(orderIds);
  }

  /** Marks every message of the thread read for the viewer; returns how many were unread. */
  async markRead(viewer: Viewer, ref: ThreadRef): Promise<number> {
    const thread = await this.threads.forViewer(viewer, ref);
    return this.dataSource.transaction(async (manager) => {
      const [latest]: { at: Date | null; unread: number }[] = await manager.query(
        `SELECT max(m.created_at) AS at,
                count(*) FILTER (WHERE m.author_user_id <> $2 AND (r.read_up_to IS NULL OR m.created_at > r.read_up_to))::int AS unread
           FROM messages m
           LEFT JOIN message_thread_readers r ON r.thread_id = m.thread_id AND r.user_id = $2
          WHERE m.thread_id = $1`,
        [thread.id, viewer.userId],
      );
      if (latest.at) await markReadUpTo(manager, thread.id, viewer.userId, latest.at);
      return latest.unread;
    });
  }

  /** New messages of a thread the viewer may read, as they are written on any server instance. */
  async added(viewer: Viewer, ref: ThreadRef): Promise<AsyncIterableIterator<MessageEntity>> {
    const thread = await this.threads.forViewer(viewer, ref);
    const subscribedAt = new Date();
    const repository = this.dataSource.getRepository(MessageEntity);
    const sent = new RecentIds();
    return liveStream(
      this.live.subscribe(LiveTopic.thread(thread.id)),
      async (signal) => {
        let rows: MessageEntity[] = [];
        if (signal.kind === 'message') {
          rows = await repository.findBy({ id: signal.id, threadId: thread.id });
        } else if (signal.kind === 'resync') {
          const since = signal.since > subscribedAt ? signal.since : subscribedAt;
          rows = await repository
            .createQueryBuilder('m')
            .where('m.thread_id = :threadId AND m.created_at > :since', { threadId: thread.id, since })
            .orderBy('m.created_at', 'ASC')
            .addOrderBy('m.id', 'ASC')
            .take(100)
            .getMany();
        }
        return rows.filter((row) => sent.add(row.id));
      },
      (error) => this.logger.error(`a live message was not sent: ${String(error)}`),
    );
  }

  /**
   * The unread-message timer: each party but the author who has still not read the message is told,
   * once per unread stretch (not again until they have read the thread since the last notice).
   */
  async noticeUnread(messageId: string): Promise<void> {
    const message = await this.dataSource.getRepository(MessageEntity).findOneBy({ id: messageId });
    if (!message) return;
    const thread = await this.threads.byId(message.threadId, message.orderId);
    if (!thread) return;
    const recipients = thread.partyUserIds.filter((userId) => userId !== message.authorUserId);
    await this.dataSource.transaction(async (manager) => {
      for (const userId of recipients) {
        // One conditional write decides, so a timer that fires twice notifies once.
        const claimed: unknown[] = await manager.query(
          `INSERT INTO message_thread_readers (thread_id, user_id, read_up_to, noticed_at)
           VALUES ($1, $2, NULL, now())
           ON CONFLICT (thread_id, user_id) DO UPDATE SET noticed_at = now()
            WHERE (message_thread_readers.read_up_to IS NULL OR message_thread_readers.read_up_to < $3)
              AND (message_thread_readers.noticed_at IS NULL
                   OR message_thread_readers.noticed_at <= message_thread_readers.read_at)
           RETURNING user_id`,
          [thread.id, userId, message.createdAt],
        );
        if (!claimed.length) continue;
        await this.notifications.notify(manager, {
          userId,
          type: NotificationType.MESSAGE_UNREAD,
          params: {},
          orderId: thread.orderId,
          taskId: thread.orderId ? null : thread.taskId,
        });
      }
    });
  }
}

/** Moves the reader's mark forward (never back: a late, older mark leaves a newer one alone) and notes when they read. */
async function markReadUpTo(
  manager: EntityManager,
  threadId: string,
  userId: string,
  at: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO message_thread_readers (thread_id, user_id, read_up_to, read_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (thread_id, user_id) DO UPDATE SET read_up_to = greatest(message_thread_readers.read_up_to, $3), read_at = now()`,
    [threadId, userId, at],
  );
}

function checkedAttachments(attachments: readonly string[]): string[] {
  if (attachments.length > MESSAGE_ATTACHMENTS_MAX) {
    throw ConversationsErrors.tooManyAttachments(MESSAGE_ATTACHMENTS_MAX);
  }
  return attachments.map((link, index) => {
    const trimmed = link.trim();
    if (trimmed.length > ATTACHMENT_MAX_LENGTH || !isHttpUrl(trimmed))
      throw ConversationsErrors.badAttachment(index);
    return trimmed;
  });
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
