import { Injectable } from '@nestjs/common';
import { Money, type Viewer } from '@vtask/core';
import { applyTransition, DB_CLOCK, uniqueViolation } from '@vtask/database';
import { IdempotencyService, PaymentsService } from '@vtask/ledger';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CancellationProposalEntity } from './entities/cancellation-proposal.entity';
import type { OrderEntity } from './entities/order.entity';
import { checkedNote } from './order-inputs';
import { OrderNotifier } from './order-notifications';
import { OrderTransitions, splitEscrow } from './order-transitions.service';
import { OrdersErrors } from './orders.errors';
import { CANCELLATION_PROPOSAL_TRANSITIONS, ORDER_TRANSITIONS, OrderStatus } from './orders.states';
import { OrdersService } from './orders.service';

export interface ProposeCancellationCommand {
  orderId: string;
  creatorAmount: Money;
  reason: string;
}

/**
 * Mutual cancellation (SPEC "Cancellation"): either party of a funded, open order proposes a split of the
 * escrow; the other accepts (the escrow splits like a resolved dispute, with no admin, and the order ends
 * CANCELLED, counted against nobody) or declines; the author may withdraw it. One pending proposal per
 * order: the order's row lock serializes proposals, and a unique partial index makes it certain.
 */
@Injectable()
export class CancellationProposalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly idempotency: IdempotencyService,
    private readonly transitions: OrderTransitions,
    private readonly notifier: OrderNotifier,
  ) {}

  async propose(viewer: Viewer, command: ProposeCancellationCommand): Promise<CancellationProposalEntity> {
    const reason = checkedNote(command.reason, 'reason', OrdersErrors.noProposalReason);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const order = await this.transitions.lockVisible(manager, viewer, command.orderId);
        requireParty(viewer, order);
        if (!ORDER_TRANSITIONS.can('AGREE_CANCELLATION', order.status)) {
          throw OrdersErrors.cannotProposeNow(order.status);
        }
        checkCreatorAmount(order, command.creatorAmount);
        const proposal = await manager.getRepository(CancellationProposalEntity).save(
          manager.create(CancellationProposalEntity, {
            orderId: order.id,
            proposedByUserId: viewer.userId,
            creatorAmountMinor: command.creatorAmount.minor,
            currency: order.currency,
            reason,
          }),
        );
        await this.notifier.proposal(manager, order, 'PROPOSED', viewer.userId, {
          creatorAmount: command.creatorAmount,
          reason,
        });
        return proposal;
      });
    } catch (error) {
      if (uniqueViolation(error)) throw OrdersErrors.proposalPending();
      throw error;
    }
  }

  /** The other party's answer; accepting splits the escrow and cancels the order in one transaction. */
  async respond(
    viewer: Viewer,
    proposalId: string,
    accept: boolean,
    idempotencyKey: string,
  ): Promise<OrderEntity> {
    let refundId: string | null = null;
    const answered = await this.dataSource.transaction(async (manager) => {
      const replayed = await this.transitions.replayOf(
        manager,
        viewer,
        idempotencyKey,
        'respondToCancellation',
        { proposalId, accept },
      );
      if (replayed) return replayed;
      const { order, proposal } = await this.lockProposal(manager, viewer, proposalId);
      requireParty(viewer, order);
      if (proposal.proposedByUserId === viewer.userId) throw OrdersErrors.notYourProposalToAnswer();
      const creatorAmount = Money.of(proposal.creatorAmountMinor, proposal.currency);
      let result: OrderEntity;
      if (accept) {
        await applyTransition(
          manager,
          CancellationProposalEntity,
          CANCELLATION_PROPOSAL_TRANSITIONS,
          'ACCEPT',
          proposal.id,
          { respondedAt: DB_CLOCK },
        );
        result = await this.transitions.apply(
          manager,
          order,
          'AGREE_CANCELLATION',
          { reviewDeadline: null, revisionDueBy: null },
          'CANCELLATION_AGREED',
          viewer.userId,
          proposal.reason,
          { creatorAmount },
        );
        refundId = await splitEscrow(manager, this.payments, order, creatorAmount, result);
        // IN_PROGRESS means nothing was delivered: the slot goes back to its task or offer.
        await this.orders.notifyFinal(manager, result, {
          freesSlot: order.status === OrderStatus.IN_PROGRESS,
        });
      } else {
        await applyTransition(
          manager,
          CancellationProposalEntity,
          CANCELLATION_PROPOSAL_TRANSITIONS,
          'DECLINE',
          proposal.id,
          { respondedAt: DB_CLOCK },
        );
        await this.notifier.proposal(manager, order, 'DECLINED', viewer.userId, {
          creatorAmount,
          reason: proposal.reason,
        });
        result = order;
      }
      await this.idempotency.complete(manager, viewer.userId, idempotencyKey, { orderId: order.id });
      return result;
    });
    if (refundId) await this.payments.settleRefund(refundId);
    return answered;
  }

  async withdraw(viewer: Viewer, proposalId: string): Promise<CancellationProposalEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { order, proposal } = await this.lockProposal(manager, viewer, proposalId);
      if (proposal.proposedByUserId !== viewer.userId) throw OrdersErrors.notYourProposal();
      const withdrawn = await applyTransition(
        manager,
        CancellationProposalEntity,
        CANCELLATION_PROPOSAL_TRANSITIONS,
        'WITHDRAW',
        proposal.id,
        { respondedAt: DB_CLOCK },
      );
      await this.notifier.proposal(manager, order, 'WITHDRAWN', viewer.userId, {
        creatorAmount: Money.of(proposal.creatorAmountMinor, proposal.currency),
        reason: proposal.reason,
      });
      return withdrawn;
    });
  }

  /** Each order's proposals, oldest first. */
  async proposalsOf(orderIds: readonly string[]): Promise<CancellationProposalEntity[]> {
    if (!orderIds.length) return [];
    return this.dataSource
      .getRepository(CancellationProposalEntity)
      .find({ where: { orderId: In([...orderIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The proposal and its order, the order locked first (every change to one order serializes there). */
  private async lockProposal(
    manager: EntityManager,
    viewer: Viewer,
    proposalId: string,
  ): Promise<{ order: OrderEntity; proposal: CancellationProposalEntity }> {
    const found = await manager.getRepository(CancellationProposalEntity).findOneBy({ id: proposalId });
    if (!found) throw OrdersErrors.proposalNotFound();
    const order = await this.transitions.lock(manager, found.orderId);
    if (!this.orders.canSee(viewer, order)) throw OrdersErrors.proposalNotFound();
    const proposal = await manager
      .getRepository(CancellationProposalEntity)
      .findOneByOrFail({ id: proposalId });
    return { order, proposal };
  }
}

function requireParty(viewer: Viewer, order: OrderEntity): void {
  if (order.merchantId !== viewer.merchantId && order.creatorId !== viewer.creatorId) {
    throw OrdersErrors.onlyPartiesPropose();
  }
}

function checkCreatorAmount(order: OrderEntity, creatorAmount: Money): void {
  const price = Money.of(order.priceMinor, order.currency);
  if (creatorAmount.currency !== order.currency) throw OrdersErrors.otherCurrency(order.currency);
  if (creatorAmount.minor < 0n || creatorAmount.compare(price) > 0) {
    throw OrdersErrors.creatorAmountOutOfRange(price.toDecimal());
  }
}
