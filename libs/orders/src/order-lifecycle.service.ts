import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode, Money, Role, type Viewer } from '@vtask/core';
import { applyTransition, fromNow, hasPassed, uniqueViolation } from '@vtask/database';
import {
  EscrowPostings,
  releasedParts,
  IdempotencyService,
  ProviderOperationKind,
  ProviderOperationsService,
  ProviderOperationStatus,
  type EscrowParties,
  ProviderOperationEntity,
  type ProviderOutcome,
} from '@vtask/ledger';
import { DataSource, type EntityManager } from 'typeorm';
import { DeliverableEntity, DeliverableStatus } from './entities/deliverable.entity';
import { OrderEntity } from './entities/order.entity';
import { ReviewDirection, ReviewEntity } from './entities/review.entity';
import {
  FundingStatus,
  type FundingOutcome,
  type ResolveDisputeCommand,
  type SubmitDeliverableCommand,
} from './order-commands';
import { OrderNotifier } from './order-notifications';
import { ORDER_TRANSITIONS, OrderStatus, type OrderAction } from './order-status';
import { ORDER_TIMERS, type OrderTimers } from './order.timers';
import { OrdersErrors } from './orders.errors';
import { ORDERS_OPTIONS, type OrdersOptions } from './orders.options';
import { OrdersService } from './orders.service';

const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/** After a delivery there is no unilateral cancel (SPEC "Cancellation"). */
const DELIVERED_STATUSES: readonly OrderStatus[] = [
  OrderStatus.DELIVERED,
  OrderStatus.REVISION_REQUESTED,
  OrderStatus.DISPUTED,
];

/** A charge's provider key carries the funding request's (user, idempotency key), so recovery can finish both. */
/**
 * Longest reason, feedback or note an order action takes: each is kept in order_events.note
 * (varchar 2000), and review comments in reviews.comment (varchar 2000).
 */
export const ORDER_NOTE_MAX_LENGTH = 2000;

/** A person's text for an order action, trimmed: refused when blank (`blank` says what to write) or too long. */
function checkedNote(text: string, field: string, blank: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw DomainError.badInput({ [field]: blank });
  if (trimmed.length > ORDER_NOTE_MAX_LENGTH) {
    throw DomainError.badInput({ [field]: `At most ${ORDER_NOTE_MAX_LENGTH} characters.` });
  }
  return trimmed;
}

/** An optional review comment, trimmed (blank is none), refused when longer than its column. */
function checkedComment(comment: string | null | undefined): string | null {
  const trimmed = comment?.trim() || null;
  if (trimmed && trimmed.length > ORDER_NOTE_MAX_LENGTH) {
    throw DomainError.badInput({ comment: `At most ${ORDER_NOTE_MAX_LENGTH} characters.` });
  }
  return trimmed;
}

const CHARGE_KEY = /^order:[^:]+:charge:([0-9a-f-]{36}):(.*)$/s;
function chargeKey(orderId: string, userId: string, idempotencyKey: string): string {
  return `order:${orderId}:charge:${userId}:${idempotencyKey}`;
}

/** The fundOrder request (user, idempotency key) a charge operation was made for, to update its answer. */
export function fundingRequestOf(operation: ProviderOperationEntity): { userId: string; key: string } | null {
  const [, userId, key] = CHARGE_KEY.exec(operation.idempotencyKey) ?? [];
  return userId ? { userId, key } : null;
}

/**
 * The order's life after creation: funding, delivery, revisions, acceptance, cancellation, disputes
 * and reviews. Each change locks the order row, checks the transition table, writes the state with a
 * conditional update, and posts its ledger transaction in the same database transaction; provider
 * calls happen only outside transactions (recorded before, completed after).
 */
@Injectable()
export class OrderLifecycleService {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly escrow: EscrowPostings,
    private readonly operations: ProviderOperationsService,
    private readonly idempotency: IdempotencyService,
    @Inject(ORDER_TIMERS) private readonly timers: OrderTimers,
    @Inject(ORDERS_OPTIONS) private readonly options: OrdersOptions,
    private readonly notifier: OrderNotifier,
  ) {}

  // ------------------------------------------------------------------ funding

  /**
   * Charges the merchant and holds the price in escrow. Two-phase because the provider is outside:
   * (1) record the charge intent with its idempotency key, (2) call the provider, (3) record the
   * outcome and, on success, move the order to IN_PROGRESS with its FUND posting. A replay of the key
   * returns the first outcome; a replay after a crash resumes at (2) with the same provider key.
   */
  async fund(viewer: Viewer, orderId: string, idempotencyKey: string): Promise<FundingOutcome> {
    const input = { orderId };
    const operationKey = chargeKey(orderId, viewer.userId, idempotencyKey);
    const existing = await this.idempotency.find(this.dataSource.manager, viewer.userId, idempotencyKey);
    let operation: ProviderOperationEntity | null;
    if (existing) {
      this.idempotency.checkSameRequest(existing, 'fundOrder', input);
      if (existing.response) return existing.response as FundingOutcome;
      operation = await this.operations.findByKey(this.dataSource.manager, operationKey);
      if (!operation) throw OrdersErrors.notFound();
    } else {
      operation = await this.recordCharge(viewer, orderId, idempotencyKey, operationKey, input);
    }
    return this.chargeAndComplete(operation, { userId: viewer.userId, key: idempotencyKey });
  }

  private async recordCharge(
    viewer: Viewer,
    orderId: string,
    idempotencyKey: string,
    operationKey: string,
    input: unknown,
  ): Promise<ProviderOperationEntity> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const order = await this.lockVisible(manager, viewer, orderId);
        if (order.merchantId !== viewer.merchantId)
          throw DomainError.forbidden("Only the order's merchant funds it.");
        ORDER_TRANSITIONS.assert('FUND', order.status);
        if (await hasPassed(manager, order.fundingDeadline)) {
          throw new DomainError(ErrorCode.DEADLINE_PASSED, 'The funding window of this order has closed.');
        }
        await this.idempotency.insert(manager, viewer.userId, idempotencyKey, 'fundOrder', input);
        const operation = await this.operations.record(manager, {
          kind: ProviderOperationKind.CHARGE,
          idempotencyKey: operationKey,
          amount: Money.of(order.priceMinor, order.currency),
          orderId: order.id,
        });
        await this.timers.recoverOperation(manager, operation.id);
        return operation;
      });
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'provider_operations_one_live_charge_per_order') {
        throw DomainError.conflict('This order is already funded or being funded.');
      }
      if (constraint)
        throw DomainError.conflict('A request with this idempotency key is already being processed.');
      throw error;
    }
  }

  /** Steps (2) and (3) of funding; also how recovery and the provider's webhook finish a charge. */
  async chargeAndComplete(
    operation: ProviderOperationEntity,
    idempotency: { userId: string; key: string } | null,
  ): Promise<FundingOutcome> {
    if (operation.status === ProviderOperationStatus.PENDING) {
      const order = await this.dataSource
        .getRepository(OrderEntity)
        .findOneByOrFail({ id: operation.orderId! });
      const outcome = await this.operations
        .call(operation, (provider) =>
          provider.charge({
            orderId: order.id,
            amount: Money.of(order.priceMinor, order.currency),
            idempotencyKey: operation.idempotencyKey,
            operationId: operation.id,
          }),
        )
        .catch(() => {
          // Unreachable: the operation stays PENDING; recovery, or a retry of the same key, calls again.
          throw new DomainError(
            ErrorCode.PAYMENT_FAILED,
            'The payment provider could not be reached; retry with the same idempotency key in a moment.',
          );
        });
      return this.completeCharge(operation.id, outcome, idempotency);
    }
    return this.completeCharge(operation.id, null, idempotency);
  }

  /**
   * Records a charge's outcome. On success the order moves to IN_PROGRESS with its FUND posting; if the
   * order was cancelled meanwhile (the funding window closed), the charge is refunded instead.
   */
  async completeCharge(
    operationId: string,
    outcome: ProviderOutcome | null,
    idempotency: { userId: string; key: string } | null,
  ): Promise<FundingOutcome> {
    const { funding, refund } = await this.dataSource.transaction((manager) =>
      this.recordChargeOutcome(manager, operationId, outcome, idempotency),
    );
    if (refund) await this.settleRefund(refund);
    return funding;
  }

  /**
   * completeCharge inside the caller's transaction (a webhook claims its event id in the same one).
   * The caller settles the returned refund, if any, after commit. `reviveFailed`: the provider reports
   * that a charge we recorded as FAILED succeeded after all (the payer retried with the same client
   * secret after a declined attempt, or the events came out of order): the money was taken, so it
   * funds the order if nothing else did meanwhile, and is refunded otherwise.
   */
  async recordChargeOutcome(
    manager: EntityManager,
    operationId: string,
    outcome: ProviderOutcome | null,
    idempotency: { userId: string; key: string } | null,
    options: { reviveFailed?: boolean } = {},
  ): Promise<{ funding: FundingOutcome; refund: ProviderOperationEntity | null }> {
    let refund: ProviderOperationEntity | null = null;
    const operation = await manager
      .getRepository(ProviderOperationEntity)
      .findOne({ where: { id: operationId }, lock: { mode: 'pessimistic_write' } });
    if (!operation) throw OrdersErrors.notFound();
    const order = await this.lockOrder(manager, operation.orderId!);
    let changed = false;
    if (
      outcome?.status === 'SUCCEEDED' &&
      options.reviveFailed &&
      operation.status === ProviderOperationStatus.FAILED
    ) {
      changed = await this.reviveFailedCharge(manager, operation, outcome.reference);
      if (!changed) {
        refund = await this.refundLateCharge(manager, order, operation, outcome.reference);
        return {
          funding: {
            orderId: order.id,
            status: FundingStatus.FAILED,
            clientSecret: null,
            failureReason: 'Another payment funded this order; this one is refunded.',
          },
          refund,
        };
      }
    }
    if (outcome) changed = (await this.operations.complete(manager, operation.id, outcome)) || changed;
    const settled = await manager
      .getRepository(ProviderOperationEntity)
      .findOneByOrFail({ id: operation.id });
    let funding: FundingOutcome;
    if (
      settled.status === ProviderOperationStatus.SUCCEEDED &&
      order.status === OrderStatus.AWAITING_FUNDING
    ) {
      await this.transition(
        manager,
        order,
        'FUND',
        {},
        'FUNDED',
        // The merchant who paid acted, even when recovery or a webhook records it: SPEC leaves the
        // actor null for timers only (the charge's key names the funding request's user).
        fundingRequestOf(settled)?.userId ?? null,
        `Charged ${settled.provider} ${settled.providerReference}`,
      );
      await this.escrow.fund(manager, this.parties(order), settled.provider);
      funding = {
        orderId: order.id,
        status: FundingStatus.SUCCEEDED,
        clientSecret: null,
        failureReason: null,
      };
    } else if (
      settled.status === ProviderOperationStatus.SUCCEEDED &&
      order.status !== OrderStatus.IN_PROGRESS &&
      changed
    ) {
      // Charged after the order was cancelled: give the money back (once: only when this call charged).
      refund = await this.refundLateCharge(manager, order, settled, settled.providerReference);
      funding = {
        orderId: order.id,
        status: FundingStatus.FAILED,
        clientSecret: null,
        failureReason: `The order was ${order.status} before the payment completed; the charge is refunded.`,
      };
    } else if (
      settled.status === ProviderOperationStatus.SUCCEEDED &&
      order.status !== OrderStatus.IN_PROGRESS
    ) {
      // A repeated report about an order that moved on: funded by this charge earlier, or refunded.
      const funded = await this.hasFundPosting(manager, order.id);
      funding = {
        orderId: order.id,
        status: funded ? FundingStatus.SUCCEEDED : FundingStatus.FAILED,
        clientSecret: null,
        failureReason: funded
          ? null
          : `The order was ${order.status} before the payment completed; the charge is refunded.`,
      };
    } else if (settled.status === ProviderOperationStatus.SUCCEEDED) {
      funding = {
        orderId: order.id,
        status: FundingStatus.SUCCEEDED,
        clientSecret: null,
        failureReason: null,
      };
    } else if (settled.status === ProviderOperationStatus.REQUIRES_ACTION) {
      funding = {
        orderId: order.id,
        status: FundingStatus.REQUIRES_ACTION,
        clientSecret: settled.clientSecret,
        failureReason: null,
      };
    } else if (settled.status === ProviderOperationStatus.FAILED) {
      // Only the call that failed it records the event: a repeated or late report adds nothing.
      if (changed)
        await this.orders.recordEvent(manager, order.id, 'FUNDING_FAILED', null, settled.failureReason);
      funding = {
        orderId: order.id,
        status: FundingStatus.FAILED,
        clientSecret: null,
        failureReason: settled.failureReason,
      };
    } else {
      throw DomainError.conflict(
        'The payment is still being processed; retry with the same idempotency key.',
      );
    }
    if (idempotency) await this.idempotency.complete(manager, idempotency.userId, idempotency.key, funding);
    return { funding, refund };
  }

  /** The funding timer: an order still unfunded at its deadline is cancelled (actor: none). */
  async expireFunding(orderId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.lockOrder(manager, orderId);
      if (order.status !== OrderStatus.AWAITING_FUNDING || !(await hasPassed(manager, order.fundingDeadline)))
        return;
      await this.transition(
        manager,
        order,
        'EXPIRE_FUNDING',
        { fundingDeadline: order.fundingDeadline },
        'FUNDING_EXPIRED',
        null,
        'Not funded in time',
      );
      await this.orders.notifyFinal(manager, order);
    });
  }

  // ------------------------------------------------------------------ delivery

  async submitDeliverable(viewer: Viewer, command: SubmitDeliverableCommand): Promise<DeliverableEntity> {
    const mediaUrls = command.mediaUrls ?? [];
    const problems: Record<string, string> = {};
    if (mediaUrls.length > 20) problems.mediaUrls = 'At most 20 media URLs.';
    mediaUrls.forEach((url, index) => {
      if (!HTTP_URL.test(url)) problems[`mediaUrls.${index}`] = 'Must be an http(s) URL.';
    });
    if (command.publishedUrl && !HTTP_URL.test(command.publishedUrl))
      problems.publishedUrl = 'Must be an http(s) URL.';
    if (!command.title.trim()) problems.title = 'Give the deliverable a title.';
    if (!command.body.trim()) problems.body = 'Describe the deliverable.';
    if (Object.keys(problems).length) throw DomainError.badInput(problems);
    return this.dataSource.transaction(async (manager) => {
      const order = await this.lockVisible(manager, viewer, command.orderId);
      if (order.creatorId !== viewer.creatorId)
        throw DomainError.forbidden("Only the order's creator delivers.");
      ORDER_TRANSITIONS.assert('DELIVER', order.status);
      const [{ version }] = await manager.query<{ version: number }[]>(
        `SELECT coalesce(max(version), 0) + 1 AS version FROM deliverables WHERE order_id = $1`,
        [order.id],
      );
      const deliverable = await manager.getRepository(DeliverableEntity).save(
        manager.create(DeliverableEntity, {
          orderId: order.id,
          version,
          title: command.title.trim(),
          body: command.body,
          mediaUrls,
          publishedUrl: command.publishedUrl ?? null,
          status: DeliverableStatus.SUBMITTED,
          feedback: null,
        }),
      );
      const deadline = await fromNow(manager, this.options.reviewWindowSeconds);
      const delivered = await this.transition(
        manager,
        order,
        'DELIVER',
        { reviewDeadline: deadline },
        'DELIVERED',
        viewer.userId,
        `Version ${version}`,
      );
      await this.timers.autoAccept(manager, delivered);
      await this.timers.reviewReminder(manager, delivered);
      return deliverable;
    });
  }

  async requestRevision(viewer: Viewer, orderId: string, rawFeedback: string): Promise<OrderEntity> {
    const feedback = checkedNote(rawFeedback, 'feedback', 'Tell the creator what to change.');
    return this.dataSource.transaction(async (manager) => {
      const order = await this.lockVisible(manager, viewer, orderId);
      this.requireMerchant(viewer, order);
      ORDER_TRANSITIONS.assert('REQUEST_REVISION', order.status);
      if (order.revisionsUsed >= order.maxRevisions) {
        throw DomainError.conflict(
          `All ${order.maxRevisions} revisions are used; accept the delivery or open a dispute.`,
        );
      }
      await manager
        .getRepository(DeliverableEntity)
        .update(
          { orderId: order.id, status: DeliverableStatus.SUBMITTED },
          { status: DeliverableStatus.CHANGES_REQUESTED, feedback },
        );
      return this.transition(
        manager,
        order,
        'REQUEST_REVISION',
        { revisionsUsed: order.revisionsUsed + 1, reviewDeadline: null },
        'REVISION_REQUESTED',
        viewer.userId,
        feedback,
      );
    });
  }

  /** The merchant accepts: escrow released (fee, agency share, creator) in the same transaction. */
  async acceptDelivery(
    viewer: Viewer,
    orderId: string,
    review: { rating?: number | null; comment?: string | null },
    idempotencyKey: string,
  ): Promise<OrderEntity> {
    if (
      review.rating !== undefined &&
      review.rating !== null &&
      !(Number.isInteger(review.rating) && review.rating >= 1 && review.rating <= 5)
    ) {
      throw DomainError.badInput({ rating: 'From 1 to 5.' });
    }
    const comment = checkedComment(review.comment);
    const input = { orderId, rating: review.rating ?? null, comment: review.comment ?? null };
    return this.dataSource.transaction(async (manager) => {
      const claim = await this.idempotency.claim<{ orderId: string }>(
        manager,
        viewer.userId,
        idempotencyKey,
        'acceptDelivery',
        input,
      );
      if (claim.replay)
        return manager.getRepository(OrderEntity).findOneByOrFail({ id: claim.response.orderId });
      const order = await this.lockVisible(manager, viewer, orderId);
      this.requireMerchant(viewer, order);
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
      await this.idempotency.complete(manager, viewer.userId, idempotencyKey, { orderId: order.id });
      return accepted;
    });
  }

  /**
   * The reminder timer, 24 h before the review deadline: REVIEW_REMINDER to the merchant if that
   * delivery (the one with this deadline) still awaits review; a stale reminder does nothing.
   */
  async remindReview(orderId: string, reviewDeadline: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.lockOrder(manager, orderId);
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
      const order = await this.lockOrder(manager, orderId);
      if (order.status !== OrderStatus.DELIVERED || !(await hasPassed(manager, order.reviewDeadline))) return;
      await this.release(manager, order, 'AUTO_ACCEPT', 'AUTO_ACCEPTED', null);
    });
  }

  private async release(
    manager: EntityManager,
    order: OrderEntity,
    action: 'ACCEPT' | 'AUTO_ACCEPT',
    event: string,
    actorUserId: string | null,
  ): Promise<OrderEntity> {
    const completed = await this.transition(
      manager,
      order,
      action,
      { reviewDeadline: null },
      event,
      actorUserId,
      null,
    );
    await manager
      .getRepository(DeliverableEntity)
      .update(
        { orderId: order.id, status: DeliverableStatus.SUBMITTED },
        { status: DeliverableStatus.APPROVED },
      );
    await this.escrow.release(manager, this.parties(order));
    await this.orders.notifyFinal(manager, completed);
    return completed;
  }

  // ------------------------------------------------------------------ cancellation and disputes

  /**
   * SPEC "Cancellation": before funding either party; while IN_PROGRESS the creator, or the merchant
   * when nothing was delivered yet or deliverBy passed without a delivery; after a delivery, no one.
   */
  async cancel(
    viewer: Viewer,
    orderId: string,
    reason: string,
    idempotencyKey: string,
  ): Promise<OrderEntity> {
    const note = checkedNote(reason, 'reason', 'Say why the order is cancelled.');
    let refund: ProviderOperationEntity | null = null;
    const cancelled = await this.dataSource.transaction(async (manager) => {
      const claim = await this.idempotency.claim<{ orderId: string }>(
        manager,
        viewer.userId,
        idempotencyKey,
        'cancelOrder',
        { orderId, reason },
      );
      if (claim.replay)
        return manager.getRepository(OrderEntity).findOneByOrFail({ id: claim.response.orderId });
      const order = await this.lockVisible(manager, viewer, orderId);
      const isMerchant = order.merchantId === viewer.merchantId;
      const isCreator = order.creatorId === viewer.creatorId;
      if (!isMerchant && !isCreator)
        throw DomainError.forbidden("Only the order's merchant or creator cancels it.");
      let result: OrderEntity;
      if (order.status === OrderStatus.AWAITING_FUNDING) {
        result = await this.transition(
          manager,
          order,
          'CANCEL_UNFUNDED',
          {},
          'CANCELLED',
          viewer.userId,
          note,
        );
      } else {
        if (DELIVERED_STATUSES.includes(order.status)) {
          throw DomainError.conflict(
            'The creator has delivered, so the order cannot be cancelled: accept it, request a revision or open a dispute.',
          );
        }
        if (order.status !== OrderStatus.IN_PROGRESS)
          throw DomainError.conflict(`The order is already ${order.status}.`);
        // IN_PROGRESS means nothing was delivered yet (a delivery moves the order on), which is
        // exactly when the merchant may cancel too; the creator may always cancel here.
        result = await this.transition(manager, order, 'CANCEL_FUNDED', {}, 'CANCELLED', viewer.userId, note);
        await this.escrow.refund(manager, this.parties(order), await this.chargeProvider(manager, order.id));
        refund = await this.recordRefund(
          manager,
          order,
          Money.of(order.priceMinor, order.currency),
          'cancel',
        );
      }
      await this.orders.notifyFinal(manager, result);
      await this.idempotency.complete(manager, viewer.userId, idempotencyKey, { orderId: order.id });
      return result;
    });
    if (refund) await this.settleRefund(refund);
    return cancelled;
  }

  async openDispute(viewer: Viewer, orderId: string, reason: string): Promise<OrderEntity> {
    const note = checkedNote(reason, 'reason', 'Say what the dispute is about.');
    return this.dataSource.transaction(async (manager) => {
      const order = await this.lockVisible(manager, viewer, orderId);
      if (order.merchantId !== viewer.merchantId && order.creatorId !== viewer.creatorId) {
        throw DomainError.forbidden("Only the order's merchant or creator opens a dispute.");
      }
      // Timers stop by themselves: the auto-accept handler only acts on DELIVERED orders.
      return this.transition(
        manager,
        order,
        'OPEN_DISPUTE',
        { reviewDeadline: null },
        'DISPUTED',
        viewer.userId,
        note,
      );
    });
  }

  /** Admin: `creatorAmount` is released (fee and agency share apply), the rest refunded. */
  async resolveDispute(
    viewer: Viewer,
    command: ResolveDisputeCommand,
    idempotencyKey: string,
  ): Promise<OrderEntity> {
    if (viewer.role !== Role.ADMIN) throw DomainError.forbidden('Only admins resolve disputes.');
    const note = checkedNote(command.note, 'note', 'Explain the decision; both parties see it.');
    let refund: ProviderOperationEntity | null = null;
    const input = {
      orderId: command.orderId,
      creatorAmount: command.creatorAmount.toString(),
      note: command.note,
    };
    const resolved = await this.dataSource.transaction(async (manager) => {
      const claim = await this.idempotency.claim<{ orderId: string }>(
        manager,
        viewer.userId,
        idempotencyKey,
        'resolveDispute',
        input,
      );
      if (claim.replay)
        return manager.getRepository(OrderEntity).findOneByOrFail({ id: claim.response.orderId });
      const order = await this.lockVisible(manager, viewer, command.orderId);
      const price = Money.of(order.priceMinor, order.currency);
      if (command.creatorAmount.currency !== order.currency) {
        throw DomainError.badInput({
          'creatorAmount.currencyCode': `Use the order's currency, ${order.currency}.`,
        });
      }
      if (command.creatorAmount.minor < 0n || command.creatorAmount.compare(price) > 0) {
        throw DomainError.badInput({ 'creatorAmount.amount': `From 0 to the price, ${price.toDecimal()}.` });
      }
      const result = await this.transition(
        manager,
        order,
        'RESOLVE_DISPUTE',
        {},
        'RESOLVED',
        viewer.userId,
        note,
        { creatorAmount: command.creatorAmount },
      );
      const parties = this.parties(order);
      await this.escrow.split(
        manager,
        parties,
        command.creatorAmount,
        await this.chargeProvider(manager, order.id),
      );
      const refunded = price.subtract(command.creatorAmount);
      // From now on the order shows what moved, as the ledger has it, not the full-price split agreed at creation.
      const moved = releasedParts(parties, command.creatorAmount);
      const amounts = {
        platformFeeMinor: moved.platformFee.minor,
        agencyShareMinor: moved.agencyShare.minor,
        creatorPayoutMinor: moved.creatorPayout.minor,
        refundedMinor: refunded.minor,
      };
      await manager.getRepository(OrderEntity).update(order.id, amounts);
      Object.assign(result, amounts);
      if (refunded.isPositive()) refund = await this.recordRefund(manager, order, refunded, 'dispute');
      await this.orders.notifyFinal(manager, result);
      await this.idempotency.complete(manager, viewer.userId, idempotencyKey, { orderId: order.id });
      return result;
    });
    if (refund) await this.settleRefund(refund);
    return resolved;
  }

  /** The creator reviews the merchant of a completed order, once. */
  async reviewMerchant(
    viewer: Viewer,
    orderId: string,
    rating: number,
    comment: string | null,
  ): Promise<ReviewEntity> {
    if (!(Number.isInteger(rating) && rating >= 1 && rating <= 5))
      throw DomainError.badInput({ rating: 'From 1 to 5.' });
    const checkedText = checkedComment(comment);
    return this.dataSource.transaction(async (manager) => {
      const order = await this.lockVisible(manager, viewer, orderId);
      if (order.creatorId !== viewer.creatorId)
        throw DomainError.forbidden("Only the order's creator reviews its merchant.");
      if (order.status !== OrderStatus.COMPLETED)
        throw DomainError.conflict(`Only a COMPLETED order can be reviewed; this one is ${order.status}.`);
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
        if (uniqueViolation(error) !== null)
          throw DomainError.conflict('You have already reviewed this merchant for this order.');
        throw error;
      }
    });
  }

  // ------------------------------------------------------------------ provider follow-up

  /** Calls the provider for a recorded refund and records the outcome (retried by recovery if this fails). */
  async settleRefund(operation: ProviderOperationEntity): Promise<void> {
    try {
      const operations = this.dataSource.getRepository(ProviderOperationEntity);
      const charge = operation.chargeOperationId
        ? await operations.findOneBy({ id: operation.chargeOperationId })
        : await operations.findOne({
            where: {
              orderId: operation.orderId!,
              kind: ProviderOperationKind.CHARGE,
              status: ProviderOperationStatus.SUCCEEDED,
            },
          });
      const outcome = await this.operations.call(operation, (provider) =>
        provider.refund({
          orderId: operation.orderId!,
          amount: Money.of(operation.amountMinor, operation.currency),
          chargeReference: charge?.providerReference ?? '',
          idempotencyKey: operation.idempotencyKey,
          operationId: operation.id,
        }),
      );
      await this.dataSource.transaction((manager) =>
        this.operations.complete(manager, operation.id, outcome),
      );
    } catch (error) {
      this.logger.warn(`refund ${operation.idempotencyKey} left for recovery: ${String(error)}`);
    }
  }

  /** The recovery timer: finishes a provider operation a crash interrupted. */
  async recoverOperation(operationId: string): Promise<void> {
    const operation = await this.dataSource
      .getRepository(ProviderOperationEntity)
      .findOneBy({ id: operationId });
    if (!operation || operation.status !== ProviderOperationStatus.PENDING) return;
    if (operation.kind === ProviderOperationKind.CHARGE) {
      await this.chargeAndComplete(operation, fundingRequestOf(operation));
    } else if (operation.kind === ProviderOperationKind.REFUND) {
      await this.settleRefund(operation);
    }
  }

  // ------------------------------------------------------------------ helpers

  private async recordRefund(
    manager: EntityManager,
    order: OrderEntity,
    amount: Money,
    reason: string,
  ): Promise<ProviderOperationEntity> {
    const operation = await this.operations.record(manager, {
      kind: ProviderOperationKind.REFUND,
      idempotencyKey: `order:${order.id}:refund:${reason}`,
      amount,
      orderId: order.id,
    });
    await this.timers.recoverOperation(manager, operation.id);
    return operation;
  }

  /**
   * A charge the provider reports succeeded although we recorded it FAILED becomes live again, unless
   * another charge of the order is live (the one-live-charge index would refuse it; we hold the order
   * lock, so none can appear meanwhile). Returns whether it was revived.
   */
  private async reviveFailedCharge(
    manager: EntityManager,
    operation: ProviderOperationEntity,
    reference: string,
  ): Promise<boolean> {
    const other = await manager
      .getRepository(ProviderOperationEntity)
      .createQueryBuilder('p')
      .where('p.order_id = :orderId AND p.kind = :kind AND p.id <> :id', {
        orderId: operation.orderId,
        kind: ProviderOperationKind.CHARGE,
        id: operation.id,
      })
      .andWhere('p.status IN (:...live)', {
        live: [
          ProviderOperationStatus.PENDING,
          ProviderOperationStatus.REQUIRES_ACTION,
          ProviderOperationStatus.SUCCEEDED,
        ],
      })
      .getExists();
    if (other) return false;
    await manager.getRepository(ProviderOperationEntity).update(
      { id: operation.id, status: ProviderOperationStatus.FAILED },
      {
        status: ProviderOperationStatus.REQUIRES_ACTION,
        providerReference: reference,
        failureReason: null,
      },
    );
    return true;
  }

  /** Money taken that the escrow cannot hold (the order moved on): recorded for refund, settled after commit. */
  private async refundLateCharge(
    manager: EntityManager,
    order: OrderEntity,
    charge: ProviderOperationEntity,
    reference: string | null,
  ): Promise<ProviderOperationEntity | null> {
    const idempotencyKey = `order:${order.id}:refund-late-charge:${charge.id}`;
    if (await this.operations.findByKey(manager, idempotencyKey)) return null; // a repeated report
    const refund = await this.operations.record(manager, {
      kind: ProviderOperationKind.REFUND,
      idempotencyKey,
      amount: Money.of(charge.amountMinor, charge.currency),
      orderId: order.id,
      chargeOperationId: charge.id,
    });
    if (reference && !charge.providerReference) {
      await manager
        .getRepository(ProviderOperationEntity)
        .update({ id: charge.id }, { providerReference: reference });
    }
    this.logger.warn(
      `order ${order.id} is ${order.status}: the charge ${reference ?? charge.id} is refunded`,
    );
    await this.timers.recoverOperation(manager, refund.id);
    return refund;
  }

  private async hasFundPosting(manager: EntityManager, orderId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM ledger_transactions WHERE order_id = $1 AND kind = 'FUND' LIMIT 1`,
      [orderId],
    );
    return rows.length > 0;
  }

  /** The provider that took the order's money (the escrow returns it there). */
  private async chargeProvider(manager: EntityManager, orderId: string): Promise<string> {
    const charge = await manager.getRepository(ProviderOperationEntity).findOne({
      where: { orderId, kind: ProviderOperationKind.CHARGE, status: ProviderOperationStatus.SUCCEEDED },
    });
    return charge?.provider ?? this.operations.provider.name;
  }

  private async transition(
    manager: EntityManager,
    order: OrderEntity,
    action: OrderAction,
    changes: Partial<OrderEntity>,
    event: string,
    actorUserId: string | null,
    note: string | null,
    details: { creatorAmount?: Money } = {},
  ): Promise<OrderEntity> {
    const next = await applyTransition(manager, OrderEntity, ORDER_TRANSITIONS, action, order.id, changes);
    await this.orders.recordEvent(manager, order.id, event, actorUserId, note);
    // In the same transaction: the parties hear of exactly the changes that commit.
    await this.notifier.changed(manager, [next], { action, actorUserId, note, ...details });
    return next;
  }

  private parties(order: OrderEntity): EscrowParties {
    return {
      orderId: order.id,
      merchantId: order.merchantId,
      creatorId: order.creatorId,
      agencyId: order.agencyId,
      price: Money.of(order.priceMinor, order.currency),
      platformFeeBps: order.platformFeeBps,
      agencyShareBps: order.agencyShareBps,
    };
  }

  private requireMerchant(viewer: Viewer, order: OrderEntity): void {
    if (order.merchantId !== viewer.merchantId)
      throw DomainError.forbidden("Only the order's merchant does this.");
  }

  /** Locks the order row; every change to one order serializes here. */
  private async lockOrder(manager: EntityManager, orderId: string): Promise<OrderEntity> {
    const order = await manager
      .getRepository(OrderEntity)
      .findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order) throw OrdersErrors.notFound();
    return order;
  }

  private async lockVisible(manager: EntityManager, viewer: Viewer, orderId: string): Promise<OrderEntity> {
    const order = await this.lockOrder(manager, orderId);
    if (!this.orders.canSee(viewer, order)) throw OrdersErrors.notFound();
    return order;
  }
}
