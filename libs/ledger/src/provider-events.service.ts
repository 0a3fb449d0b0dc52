import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProviderEventEntity } from './entities/provider-event.entity';
import type { ProviderWebhook } from './payment-provider';

/** Webhook events processed at most once: claimed in the transaction that applies their effect. */
@Injectable()
export class ProviderEventsService {
  /**
   * Claims the event in the caller's transaction. False when it was already processed. A concurrent
   * delivery of the same event waits here on the primary key until the first commits (then gets false)
   * or rolls back (then takes over), so the effect happens exactly once.
   */
  async claim(manager: EntityManager, provider: string, webhook: ProviderWebhook): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ProviderEventEntity)
      .values({ eventId: webhook.id, provider, type: webhook.type.slice(0, 100), outcome: null })
      .orIgnore()
      .returning(['eventId'])
      .execute();
    return inserted.raw.length === 1;
  }

  async note(manager: EntityManager, eventId: string, outcome: string): Promise<void> {
    await manager.getRepository(ProviderEventEntity).update({ eventId }, { outcome: outcome.slice(0, 500) });
  }
}
