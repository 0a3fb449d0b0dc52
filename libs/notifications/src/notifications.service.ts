import { Injectable, Logger } from '@nestjs/common';
import { MAX_PAGE_SIZE, type Page, type PageArgs, type Viewer } from '@vtask/core';
import { DB_CLOCK, listPage, newestFirst } from '@vtask/database';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { isUUID } from 'class-validator';
import { NotificationEntity } from './entities/notification.entity';
import { storedMessage, type NotificationContent } from './notification-texts';
import { LiveTopic } from './live-events';
import { NotificationsErrors } from './notifications.errors';
import { LiveEvents } from './live-events.service';
import { liveStream, RecentIds } from './live-stream';

/**
 * One notification to one user: its type and parameters (the message is written from them for each
 * reader, see NOTIFICATION_TEXTS) and the objects it is about.
 */
export type NotifyCommand = NotificationContent & {
  userId: string;
  orderId?: string | null;
  taskId?: string | null;
  venueId?: string | null;
};

/** Longest stored message (the column's length). */
export const NOTIFICATION_MESSAGE_MAX_LENGTH = 1000;

/** Most notifications a catch-up after a lost connection sends to one subscriber. */
const RESYNC_LIMIT = 100;

/**
 * Notifications, stored per user. Writing one takes the manager of the caller's running transaction:
 * the notification commits with the change it reports, or not at all (an outbox), so a crash never
 * leaves a decision without its notification nor a notification about a change that rolled back.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly dataSource: DataSource,
    private readonly live: LiveEvents,
  ) {}

  async notify(manager: EntityManager, command: NotifyCommand): Promise<NotificationEntity> {
    requireTransaction(manager);
    return manager
      .getRepository(NotificationEntity)
      .save(manager.create(NotificationEntity, row(command.userId, command)));
  }

  /** Different notifications (to different users) in one statement; returns how many. */
  async notifyEach(manager: EntityManager, commands: readonly NotifyCommand[]): Promise<number> {
    requireTransaction(manager);
    if (!commands.length) return 0;
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(commands.map((command) => row(command.userId, command)))
      .execute();
    return result.identifiers.length;
  }

  /** Whether the user got a notification of this type about this order after `since` (a reminder sent once). */
  async sentSince(
    manager: EntityManager,
    filter: { userId: string; type: string; orderId: string; since: Date },
  ): Promise<boolean> {
    return manager.getRepository(NotificationEntity).exists({
      where: {
        userId: filter.userId,
        type: filter.type,
        orderId: filter.orderId,
        createdAt: MoreThan(filter.since),
      },
    });
  }

  /**
   * The viewer's new notifications as they are stored, on whichever server instance: the live feed of
   * the `notificationAdded` subscription. After a lost listening connection it catches up from the
   * table, without sending one twice.
   */
  added(viewer: Viewer): AsyncIterableIterator<NotificationEntity> {
    const subscribedAt = new Date();
    const sent = new RecentIds();
    const repository = this.dataSource.getRepository(NotificationEntity);
    return liveStream(
      this.live.subscribe(LiveTopic.user(viewer.userId)),
      async (signal) => {
        let rows: NotificationEntity[] = [];
        if (signal.kind === 'notification') {
          rows = await repository.findBy({ id: signal.id, userId: viewer.userId });
        } else if (signal.kind === 'resync') {
          const since = signal.since > subscribedAt ? signal.since : subscribedAt;
          rows = await repository.find({
            where: { userId: viewer.userId, createdAt: MoreThan(since) },
            order: { createdAt: 'ASC', id: 'ASC' },
            take: RESYNC_LIMIT,
          });
        }
        return rows.filter((row) => sent.add(row.id));
      },
      (error) => this.logger.error(`a live notification was not sent: ${String(error)}`),
    );
  }

  /** The same notification to many users in one statement (a reminder to everyone enrolled); returns how many. */
  async notifyMany(
    manager: EntityManager,
    userIds: readonly string[],
    command: NotificationContent & Omit<NotifyCommand, 'userId' | 'type' | 'params'>,
  ): Promise<number> {
    requireTransaction(manager);
    const unique = [...new Set(userIds)];
    if (!unique.length) return 0;
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(unique.map((userId) => row(userId, command)))
      .execute();
    return result.identifiers.length;
  }

  /** The viewer's notifications, newest first. */
  async list(viewer: Viewer, unreadOnly: boolean, page: PageArgs): Promise<Page<NotificationEntity>> {
    const query = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId: viewer.userId });
    if (unreadOnly) query.andWhere('n.read_at IS NULL');
    return listPage(query, page, newestFirst<NotificationEntity>('n'));
  }

  /**
   * Marks the viewer's own notifications read; returns how many changed (ids of other users' rows,
   * unknown ids and rows already read change nothing and are not counted).
   */
  async markRead(viewer: Viewer, ids: readonly string[]): Promise<number> {
    if (ids.length > MAX_PAGE_SIZE) {
      throw NotificationsErrors.tooManyToMark(MAX_PAGE_SIZE);
    }
    // A malformed id names nothing: it is left out rather than sent to PostgreSQL as an invalid uuid.
    const valid = [...new Set(ids.filter((id) => isUUID(id)))];
    if (!valid.length) return 0;
    return this.markUnreadRead(viewer, valid);
  }

  /** Marks every unread notification of the viewer read; returns how many changed. */
  markAllRead(viewer: Viewer): Promise<number> {
    return this.markUnreadRead(viewer, null);
  }

  /** UNREAD -> READ, once: only rows still unread change (by the database clock), so counts are exact. */
  private async markUnreadRead(viewer: Viewer, ids: readonly string[] | null): Promise<number> {
    const query = this.dataSource
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ readAt: DB_CLOCK })
      .where('user_id = :userId AND read_at IS NULL', { userId: viewer.userId });
    if (ids) query.andWhere('id IN (:...ids)', { ids });
    const result = await query.execute();
    return result.affected ?? 0;
  }
}

function requireTransaction(manager: EntityManager): void {
  // Outside a transaction the row would commit on its own, before (or without) the change it reports.
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('Notifications are written with the manager of a running transaction.');
  }
}

function row(
  userId: string,
  command: NotificationContent & Omit<NotifyCommand, 'userId' | 'type' | 'params'>,
) {
  return {
    userId,
    type: command.type,
    params: command.params as object,
    message: clip(storedMessage(command)),
    orderId: command.orderId ?? null,
    taskId: command.taskId ?? null,
    venueId: command.venueId ?? null,
    readAt: null,
  };
}

function clip(message: string): string {
  const text = message.trim();
  return text.length <= NOTIFICATION_MESSAGE_MAX_LENGTH
    ? text
    : `${text.slice(0, NOTIFICATION_MESSAGE_MAX_LENGTH - 1)}…`;
}
