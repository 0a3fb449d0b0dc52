import { Inject, Injectable } from '@nestjs/common';
import { inputErrors, type DomainError, type Viewer } from '@vtask/core';
import { entityFromRow, fromNow, hasPassed, secondsFromNow, uniqueViolation } from '@vtask/database';
import { TimersService } from '@vtask/jobs';
import { PaymentsService } from '@vtask/ledger';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DeliverableEntity } from './entities/deliverable.entity';
import { OrderEntity } from './entities/order.entity';
import { ReviewDirection, ReviewEntity } from './entities/review.entity';
import type { SubmitDeliverableCommand } from './order-commands';
import { checkedComment, checkedNote, checkRating, isHttpUrl } from './order-inputs';
import { orderNote } from './order-event-notes';
import { OrderNotifier } from './order-notifications';
import { OrderPublicationService } from './order-publication.service';
import { escrowParties, OrderTransitions } from './order-transitions.service';
import { OrdersTimers, scheduleReviewTimers } from './orders.timers';
import {
  DELIVERABLE_TRANSITIONS,
  DeliverableStatus,
  ORDER_TRANSITIONS,
  OrderStatus,
  type DeliverableAction,
} from './orders.states';
import { OrdersErrors } from './orders.errors';
import { ORDERS_OPTIONS, type OrdersOptions } from './orders.options';
import { OrdersService } from './orders.service';

/** How many media URLs one version of the work may carry. */
const MAX_MEDIA_URLS = 20;

/**
 * The work and its review: the creator delivers versions, the merchant asks for a revision or accepts
 * (the ledger releases the escrow in the same transaction), the review timer accepts for them, and the
 * creator reviews the merchant of a completed order.
 */
@Injectable()
export class OrderDeliveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly transitions: OrderTransitions,
    private readonly notifier: OrderNotifier,
    private readonly timers: TimersService,
    private readonly publications: OrderPublicationService,
    @Inject(ORDERS_OPTIONS) private readonly options: OrdersOptions,
  ) {}

  async submitDeliverable(viewer: Viewer, command: SubmitDeliverableCommand): Promise<DeliverableEntity> {
    const mediaUrls = command.mediaUrls ?? [];
    const problems: DomainError[] = [];
    if (mediaUrls.length > MAX_MEDIA_URLS) problems.push(OrdersErrors.tooManyMedia(MAX_MEDIA_URLS));
    mediaUrls.forEach((url, index) => {
      if (!isHttpUrl(url)) problems.push(OrdersErrors.notHttpUrl(`mediaUrls.${index}`));
    });
    if (command.publishedUrl && !isHttpUrl(command.publishedUrl))
      problems.push(OrdersErrors.notHttpUrl('publishedUrl'));
    if (!command.title.trim()) problems.push(OrdersErrors.untitledDeliverable());
    if (!command.body.trim()) problems.push(OrdersErrors.emptyDeliverable());
    if (problems.length) throw inputErrors(problems);
    return this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lockVisible(manager, viewer, command.orderId);
      if (order.creatorId !== viewer.creatorId) throw OrdersErrors.onlyCreatorDelivers();
      ORDER_TRANSITIONS.assert('DELIVER', order.status);
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(DeliverableEntity)
        .values({
          orderId: order.id,
          // The next version, counted by the insert itself (the order's lock keeps it unique).
          version: () => '(SELECT coalesce(max(version), 0) + 1 FROM deliverables WHERE order_id = :orderId)',
          title: command.title.trim(),
          body: command.body,
          mediaUrls,
          publishedUrl: command.publishedUrl ?? null,
          status: DeliverableStatus.SUBMITTED,
          feedback: null,
        })
        .setParameter('orderId', order.id)
        .returning('*')
        .execute();
      const deliverable = entityFromRow(manager, DeliverableEntity, (inserted.raw as object[])[0]);
      const version = deliverable.version;
      const delivered = await this.transitions.apply(
        manager,
        order,
        'DELIVER',
        { reviewDeadline: secondsFromNow(this.options.reviewWindowSeconds), revisionDueBy: null },
        'DELIVERED',
        viewer.userId,
        orderNote('DELIVERY_VERSION', { version }),
        { version },
      );
      await scheduleReviewTimers(this.timers, manager, delivered, this.options.reviewWindowSeconds);
      return deliverable;
    });
  }

  async requestRevision(viewer: Viewer, orderId: string, rawFeedback: string): Promise<OrderEntity> {
    const feedback = checkedNote(rawFeedback, 'feedback', OrdersErrors.noRevisionFeedback);
    return this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lockVisible(manager, viewer, orderId);
      this.transitions.requireMerchant(viewer, order);
      ORDER_TRANSITIONS.assert('REQUEST_REVISION', order.status);
      if (order.revisionsUsed >= order.maxRevisions) throw OrdersErrors.revisionsUsed(order.maxRevisions);
      await this.answerDeliverable(manager, order.id, 'REQUEST_CHANGES', { feedback });
      const revisionDueBy = await fromNow(manager, this.options.revisionWindowSeconds);
      const requested = await this.transitions.apply(
        manager,
        order,
        'REQUEST_REVISION',
        { revisionsUsed: order.revisionsUsed + 1, reviewDeadline: null, revisionDueBy },
        'REVISION_REQUESTED',
        viewer.userId,
        feedback,
      );
      await this.timers.schedule(OrdersTimers.revisionOverdue, { orderId: order.id }, revisionDueBy, {
        manager,
      });
      return requested;
    });
  }

  /** The merchant accepts: escrow released (fee, agency share, creator) in the same transaction. */
  async acceptDelivery(
    viewer: Viewer,
    orderId: string,
    review: { rating?: number | null; comment?: string | null },
    idempotencyKey: string,
  ): Promise<OrderEntity> {
    if (review.rating !== undefined && review.rating !== null) checkRating(review.rating);
    const comment = checkedComment(review.comment);
    const input = { orderId, rating: review.rating ?? null, comment: review.comment ?? null };
    return this.dataSource.transaction(async (manager) => {
      const replayed = await this.transitions.replayOf(
        manager,
        viewer,
        idempotencyKey,
        'acceptDelivery',
        input,
        // The answer is this order: stored with the claim, committed with the acceptance.
        orderId,
      );
      if (replayed) return replayed;
      const order = await this.transitions.lockVisible(manager, viewer, orderId);
      this.transitions.requireMerchant(viewer, order);
      const accepted = await this.release(manager, order, 'ACCEPT', 'ACCEPTED', viewer.userId);
      if (review.rating) {
        await manager.getRepository(ReviewEntity).insert({
          orderId: order.id,
          direction: ReviewDirection.OF_CREATOR,
          subjectId: order.creatorId,
          rating: review.rating,
          comment,
        });
      }
      return accepted;
    });
  }

  /**
   * The reminder timer, 24 h before the review deadline: REVIEW_REMINDER to the merchant if that
   * delivery (the one with this deadline) still awaits review; a stale reminder does nothing.
   */
  async remindReview(orderId: string, reviewDeadline: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lock(manager, orderId);
      if (
        order.status !== OrderStatus.DELIVERED ||
        order.reviewDeadline?.getTime() !== reviewDeadline.getTime()
      )
        return;
      const deliveredAt = new Date(reviewDeadline.getTime() - this.options.reviewWindowSeconds * 1000);
      await this.notifier.reviewReminder(manager, order, deliveredAt);
    });
  }

  /** The review timer: a delivery still awaiting review at its deadline is accepted (actor: none). */
  async autoAccept(orderId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lock(manager, orderId);
      if (order.status !== OrderStatus.DELIVERED || !(await hasPassed(manager, order.reviewDeadline))) return;
      await this.release(manager, order, 'AUTO_ACCEPT', 'AUTO_ACCEPTED', null);
    });
  }

  /** The creator reviews the merchant of a completed order, once. */
  async reviewMerchant(
    viewer: Viewer,
    orderId: string,
    rating: number,
    comment: string | null,
  ): Promise<ReviewEntity> {
    checkRating(rating);
    const checkedText = checkedComment(comment);
    return this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lockVisible(manager, viewer, orderId);
      if (order.creatorId !== viewer.creatorId) throw OrdersErrors.onlyCreatorReviewsMerchant();
      if (order.status !== OrderStatus.COMPLETED) throw OrdersErrors.notCompleted(order.status);
      try {
        return await manager.getRepository(ReviewEntity).save(
          manager.create(ReviewEntity, {
            orderId: order.id,
            direction: ReviewDirection.OF_MERCHANT,
            subjectId: order.merchantId,
            rating,
            comment: checkedText,
          }),
        );
      } catch (error) {
        if (uniqueViolation(error) !== null) throw OrdersErrors.alreadyReviewed();
        throw error;
      }
    });
  }

  private async release(
    manager: EntityManager,
    order: OrderEntity,
    action: 'ACCEPT' | 'AUTO_ACCEPT',
    event: string,
    actorUserId: string | null,
  ): Promise<OrderEntity> {
    const completed = await this.transitions.apply(
      manager,
      order,
      action,
      { reviewDeadline: null },
      event,
      actorUserId,
      null,
    );
    await this.answerDeliverable(manager, order.id, 'APPROVE');
    // Less the retention holdback, which stays in escrow until the publication's window ends.
    await this.payments.release(manager, escrowParties(order));
    await this.publications.begin(manager, completed);
    await this.orders.notifyFinal(manager, completed);
    return completed;
  }

  /** The merchant's answer to the version awaiting review (DELIVERABLE_TRANSITIONS). */
  private async answerDeliverable(
    manager: EntityManager,
    orderId: string,
    action: DeliverableAction,
    changes: Partial<DeliverableEntity> = {},
  ): Promise<void> {
    await manager
      .getRepository(DeliverableEntity)
      .update(
        { orderId, status: In(DELIVERABLE_TRANSITIONS.from(action)) },
        { ...changes, status: DELIVERABLE_TRANSITIONS.to(action) },
      );
  }
}
