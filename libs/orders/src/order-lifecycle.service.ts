import { Injectable } from '@nestjs/common';
import type { Viewer } from '@vtask/core';
import type { DeliverableEntity } from './entities/deliverable.entity';
import type { OrderEntity } from './entities/order.entity';
import type { ReviewEntity } from './entities/review.entity';
import type { FundingOutcome, ResolveDisputeCommand, SubmitDeliverableCommand } from './order-commands';
import { OrderDeliveryService } from './order-delivery.service';
import type { CancellationProposalEntity } from './entities/cancellation-proposal.entity';
import {
  CancellationProposalsService,
  type ProposeCancellationCommand,
} from './cancellation-proposals.service';
import { OrderCancellationService } from './order-cancellation.service';
import { OrderDisputesService } from './order-disputes.service';
import { OrderFundingService } from './order-funding.service';

export { ORDER_NOTE_MAX_LENGTH } from './order-inputs';

/**
 * The order's life after creation, as the API and the timers call it: funding, delivery, revisions,
 * acceptance, cancellation, disputes and reviews. Each change locks the order row, checks the
 * transition table, writes the state with a conditional update, and asks the ledger for its money
 * movement in the same database transaction; provider calls happen only outside transactions.
 */
@Injectable()
export class OrderLifecycleService {
  constructor(
    private readonly funding: OrderFundingService,
    private readonly delivery: OrderDeliveryService,
    private readonly disputes: OrderDisputesService,
    private readonly cancellation: OrderCancellationService,
    private readonly proposals: CancellationProposalsService,
  ) {}

  fund(viewer: Viewer, orderId: string, idempotencyKey: string): Promise<FundingOutcome> {
    return this.funding.fund(viewer, orderId, idempotencyKey);
  }

  /** The funding timer: an order still unfunded at its deadline is cancelled (actor: none). */
  expireFunding(orderId: string): Promise<void> {
    return this.funding.expireFunding(orderId);
  }

  submitDeliverable(viewer: Viewer, command: SubmitDeliverableCommand): Promise<DeliverableEntity> {
    return this.delivery.submitDeliverable(viewer, command);
  }

  requestRevision(viewer: Viewer, orderId: string, feedback: string): Promise<OrderEntity> {
    return this.delivery.requestRevision(viewer, orderId, feedback);
  }

  acceptDelivery(
    viewer: Viewer,
    orderId: string,
    review: { rating?: number | null; comment?: string | null },
    idempotencyKey: string,
  ): Promise<OrderEntity> {
    return this.delivery.acceptDelivery(viewer, orderId, review, idempotencyKey);
  }

  /** The reminder timer, 24 h before the review deadline. */
  remindReview(orderId: string, reviewDeadline: Date): Promise<void> {
    return this.delivery.remindReview(orderId, reviewDeadline);
  }

  /** The review timer: a delivery still awaiting review at its deadline is accepted (actor: none). */
  autoAccept(orderId: string): Promise<void> {
    return this.delivery.autoAccept(orderId);
  }

  reviewMerchant(
    viewer: Viewer,
    orderId: string,
    rating: number,
    comment: string | null,
  ): Promise<ReviewEntity> {
    return this.delivery.reviewMerchant(viewer, orderId, rating, comment);
  }

  cancel(viewer: Viewer, orderId: string, reason: string, idempotencyKey: string): Promise<OrderEntity> {
    return this.cancellation.cancel(viewer, orderId, reason, idempotencyKey);
  }

  proposeCancellation(
    viewer: Viewer,
    command: ProposeCancellationCommand,
  ): Promise<CancellationProposalEntity> {
    return this.proposals.propose(viewer, command);
  }

  respondToCancellation(
    viewer: Viewer,
    proposalId: string,
    accept: boolean,
    idempotencyKey: string,
  ): Promise<OrderEntity> {
    return this.proposals.respond(viewer, proposalId, accept, idempotencyKey);
  }

  withdrawCancellationProposal(viewer: Viewer, proposalId: string): Promise<CancellationProposalEntity> {
    return this.proposals.withdraw(viewer, proposalId);
  }

  /** The revision timer: a revision not delivered by revisionDueBy sends the order to DISPUTED (actor: none). */
  revisionOverdue(orderId: string): Promise<void> {
    return this.disputes.revisionOverdue(orderId);
  }

  /** The dispute timer: admins hear of a dispute undecided at disputeDecideBy. */
  disputeOverdue(orderId: string): Promise<void> {
    return this.disputes.disputeOverdue(orderId);
  }

  openDispute(viewer: Viewer, orderId: string, reason: string): Promise<OrderEntity> {
    return this.disputes.openDispute(viewer, orderId, reason);
  }

  resolveDispute(
    viewer: Viewer,
    command: ResolveDisputeCommand,
    idempotencyKey: string,
  ): Promise<OrderEntity> {
    return this.disputes.resolveDispute(viewer, command, idempotencyKey);
  }
}
