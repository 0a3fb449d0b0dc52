import { Injectable, type OnModuleInit } from '@nestjs/common';
import { applyTransition, hasPassed } from '@vtask/database';
import { OrdersService, type OrderEnding, type OrderEntity } from '@vtask/orders';
import type { EntityManager } from 'typeorm';
import { OfferEntity } from './entities/offer.entity';
import { TaskEntity } from './entities/task.entity';
import { TASK_TRANSITIONS, TaskStatus } from './marketplace.states';
import { TasksService } from './tasks.service';

/**
 * What the market does when one of its orders becomes final, in that order's transaction (orders cannot
 * import the market, so it tells through `OrdersService.onFinal`). An order cancelled before any delivery
 * gives its slot back (SPEC "Slots come back"): a task that had closed full reopens if applyBy has not
 * passed, an offer's slot is bookable again. Only then is a closed task whose orders are all final
 * completed: checked first, it would complete a task that is about to reopen.
 */
@Injectable()
export class SlotReturnsService implements OnModuleInit {
  constructor(
    private readonly orders: OrdersService,
    private readonly tasks: TasksService,
  ) {}

  onModuleInit(): void {
    this.orders.onFinal((manager, order, ending) => this.orderEnded(manager, order, ending));
  }

  async orderEnded(manager: EntityManager, order: OrderEntity, ending: OrderEnding): Promise<void> {
    if (ending.freesSlot && order.taskId) await this.returnTaskSlot(manager, order.taskId);
    if (ending.freesSlot && order.offerId) await this.returnOfferSlot(manager, order.offerId);
    if (order.taskId) await this.tasks.completeIfDone(manager, order.taskId);
  }

  /**
   * Under the task's row lock, where every slot-filling action serializes: the count never goes below
   * zero (nor, as the fill checks it under the same lock, above `slots`).
   */
  private async returnTaskSlot(manager: EntityManager, taskId: string): Promise<void> {
    const task = await this.tasks.lockTask(manager, taskId);
    if (!task || task.slotsFilled === 0) return;
    const closedFull = task.status === TaskStatus.CLOSED && task.slotsFilled === task.slots;
    await manager.getRepository(TaskEntity).update({ id: task.id }, { slotsFilled: task.slotsFilled - 1 });
    // Its expired bids and invitations stay expired: creators bid again.
    if (closedFull && !(await hasPassed(manager, task.applyBy))) {
      await applyTransition(manager, TaskEntity, TASK_TRANSITIONS, 'REOPEN', task.id);
    }
  }

  /** One conditional decrement: the row lock it takes serializes it with a booking's locked read. */
  private async returnOfferSlot(manager: EntityManager, offerId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(OfferEntity)
      .set({ slotsBooked: () => 'slots_booked - 1' })
      .where('id = :offerId AND slots_booked > 0', { offerId })
      .execute();
  }
}
