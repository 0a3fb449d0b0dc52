import { Inject, Injectable } from '@nestjs/common';
import { AccountsErrors, creatorExists } from '@vtask/accounts';
import { InputErrors, Money, type Viewer } from '@vtask/core';
import { applyTransition, uniqueViolation } from '@vtask/database';
import { TimersService } from '@vtask/jobs';
import { OrderPublicationService, orderNote, OrderSource, type OrderEntity } from '@vtask/orders';
import { DataSource, In, type EntityManager } from 'typeorm';
import { assertCreatorMayWork, requireCreator } from './bids.service';
import { fromNow, hasPassed } from '@vtask/database';
import { InvitationEntity } from './entities/invitation.entity';
import { TaskEntity } from './entities/task.entity';
import { MarketplaceErrors } from './marketplace.errors';
import { MarketplaceNotifier } from './marketplace.notifications';
import { INVITATION_TRANSITIONS, InvitationStatus, TaskStatus } from './marketplace.states';
import { MarketplaceTimers } from './marketplace.timers';
import { requireMerchant, TasksService } from './tasks.service';

export const INVITATION_OPTIONS = Symbol('INVITATION_OPTIONS');
export interface InvitationOptions {
  /** Seconds a creator has to answer (INVITATION_TTL_S). */
  ttlSeconds: number;
}

export interface InviteCreatorCommand {
  taskId: string;
  creatorId: string;
  price?: Money | null;
  message?: string | null;
}

/** 定向邀请: merchants invite one creator to a task; the creator accepts (an order) or declines. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
    private readonly publications: OrderPublicationService,
    private readonly timers: TimersService,
    @Inject(INVITATION_OPTIONS) private readonly options: InvitationOptions,
    private readonly notifier: MarketplaceNotifier,
  ) {}

  async invite(viewer: Viewer, command: InviteCreatorCommand): Promise<InvitationEntity> {
    requireMerchant(viewer);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const task = await this.tasks.lockTask(manager, command.taskId);
        if (!task || task.merchantId !== viewer.merchantId) throw MarketplaceErrors.taskNotFound();
        if (task.status !== TaskStatus.OPEN) throw MarketplaceErrors.taskNotOpen(task.status);
        if (task.slotsFilled >= task.slots) throw MarketplaceErrors.slotsFull();
        if (!(await creatorExists(manager, command.creatorId))) {
          throw AccountsErrors.creatorNotFound();
        }
        await assertCreatorMayWork(manager, command.creatorId, task.minTier);
        await this.publications.assertNotExclusiveElsewhere(manager, command.creatorId, task.merchantId);
        const price = command.price ?? Money.of(task.budgetMinor, task.currency);
        if (!price.isPositive()) throw InputErrors.notPositive('price.amount');
        if (price.currency !== task.currency)
          throw InputErrors.wrongCurrency('price.currencyCode', 'task', task.currency);
        const invitation = await manager.getRepository(InvitationEntity).save(
          manager.create(InvitationEntity, {
            taskId: task.id,
            creatorId: command.creatorId,
            currency: price.currency,
            priceMinor: price.minor,
            message: command.message?.trim() || null,
            status: InvitationStatus.PENDING,
            expiresAt: await fromNow(manager, this.options.ttlSeconds),
            orderId: null,
          }),
        );
        await this.timers.schedule(
          MarketplaceTimers.expireInvitation,
          { invitationId: invitation.id },
          invitation.expiresAt,
          { manager },
        );
        await this.notifier.invitationReceived(manager, task, invitation);
        return invitation;
      });
    } catch (error) {
      if (uniqueViolation(error) === 'invitations_one_pending_per_creator') {
        throw MarketplaceErrors.pendingInvitationExists();
      }
      throw error;
    }
  }

  /** The creator's answer: accepting creates an order (source INVITATION) and fills a slot. */
  async respond(viewer: Viewer, invitationId: string, accept: boolean): Promise<InvitationEntity> {
    const creatorId = requireCreator(viewer);
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.getRepository(InvitationEntity).findOneBy({ id: invitationId });
      if (!found || found.creatorId !== creatorId) throw MarketplaceErrors.invitationNotFound();
      const task = await this.tasks.lockTask(manager, found.taskId);
      const invitation = await manager.getRepository(InvitationEntity).findOneByOrFail({ id: invitationId });
      // Past its time the answer is DEADLINE_PASSED whether or not the expiry timer has run yet; an
      // invitation expired earlier because its task stopped taking creators is CONFLICT (below).
      const unanswered =
        invitation.status === InvitationStatus.PENDING || invitation.status === InvitationStatus.EXPIRED;
      if (unanswered && (await hasPassed(manager, invitation.expiresAt)))
        throw MarketplaceErrors.invitationExpired();
      INVITATION_TRANSITIONS.assert(accept ? 'ACCEPT' : 'DECLINE', invitation.status);
      if (!accept) {
        const declined = await applyTransition(
          manager,
          InvitationEntity,
          INVITATION_TRANSITIONS,
          'DECLINE',
          invitation.id,
        );
        if (task) await this.notifier.invitationAnswered(manager, task, declined, 'DECLINED');
        return declined;
      }
      if (!task) throw MarketplaceErrors.taskNotFound();
      const creator = await assertCreatorMayWork(manager, creatorId, task.minTier);
      this.tasks.assertSlotFree(task);
      // Order matters (as in BidsService.accept): accepted, with its order, before the slot is filled,
      // since filling the last slot closes the task, expiring pending invitations and completing a closed
      // task whose orders are all final.
      await applyTransition(manager, InvitationEntity, INVITATION_TRANSITIONS, 'ACCEPT', invitation.id);
      const order = await this.tasks.awardSlot(manager, task, {
        source: OrderSource.INVITATION,
        creator,
        price: Money.of(invitation.priceMinor, invitation.currency),
        actorUserId: viewer.userId,
        note: orderNote('INVITATION_ACCEPTED', {}),
      });
      await manager.getRepository(InvitationEntity).update({ id: invitation.id }, { orderId: order.id });
      await this.notifier.invitationAnswered(manager, task, invitation, { order });
      return manager.getRepository(InvitationEntity).findOneByOrFail({ id: invitation.id });
    });
  }

  /**
   * 定向匹配会: both sides of a pairing said yes, which is an invitation accepted at the task's budget.
   * In the caller's transaction: the creator takes a slot exactly as `respond` does on acceptance (the
   * same checks, an order of source INVITATION, the slot filled, the task closed when full).
   */
  async awardAgreedSlot(
    manager: EntityManager,
    pairing: { taskId: string; creatorId: string; actorUserId: string },
  ): Promise<OrderEntity> {
    const task = await this.tasks.lockTask(manager, pairing.taskId);
    if (!task) throw MarketplaceErrors.taskNotFound();
    const creator = await assertCreatorMayWork(manager, pairing.creatorId, task.minTier);
    this.tasks.assertSlotFree(task);
    return this.tasks.awardSlot(manager, task, {
      source: OrderSource.INVITATION,
      creator,
      price: Money.of(task.budgetMinor, task.currency),
      actorUserId: pairing.actorUserId,
      note: orderNote('INVITATION_ACCEPTED', {}),
    });
  }

  /** The expiry timer: a still-pending invitation past its time expires; anything else is left alone. */
  async expire(invitationId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const invitation = await manager.getRepository(InvitationEntity).findOneBy({ id: invitationId });
      if (!invitation || !INVITATION_TRANSITIONS.can('EXPIRE', invitation.status)) return;
      if (!(await hasPassed(manager, invitation.expiresAt))) return;
      const { affected } = await manager
        .getRepository(InvitationEntity)
        .update(
          { id: invitation.id, status: In(INVITATION_TRANSITIONS.from('EXPIRE')) },
          { status: INVITATION_TRANSITIONS.to('EXPIRE') },
        );
      const task = await manager.getRepository(TaskEntity).findOneBy({ id: invitation.taskId });
      if (affected && task) await this.notifier.invitationAnswered(manager, task, invitation, 'EXPIRED');
    });
  }

  /** The signed-in creator's invitations, newest first. */
  async mine(viewer: Viewer, status: InvitationStatus | null): Promise<InvitationEntity[]> {
    const creatorId = requireCreator(viewer);
    return this.dataSource.getRepository(InvitationEntity).find({
      where: { creatorId, ...(status ? { status } : {}) },
      order: { createdAt: 'DESC' },
      take: 200,
    });
  }

  async byIds(ids: readonly string[]): Promise<InvitationEntity[]> {
    if (!ids.length) return [];
    return this.dataSource.getRepository(InvitationEntity).findBy({ id: In([...ids]) });
  }
}
