import { randomUUID } from 'node:crypto';
import { LedgerService } from '@vtask/ledger';
import { OrderLifecycleService, OrdersService } from '@vtask/orders';
import { startServiceTest, type ServiceTestContext } from '../../../test/support/service-harness';
import {
  codeOf,
  orderFromTask,
  orderInState,
  setUpServiceParties,
  type ServiceParties,
} from '../../../test/support/service-fixtures';

// SPEC "Cancellation": who may cancel an order in which state, and what the ledger does, through
// OrderLifecycleService's commands. test/orders-rules.e2e-spec.ts keeps what the API adds (input
// validation, the escrow as a client reads it) and test/orders-cancellation.e2e-spec.ts the kill-fee sums.

describe('cancellation rules (services)', () => {
  let context: ServiceTestContext;
  let p: ServiceParties;
  let lifecycle: OrderLifecycleService;

  const statusOf = async (orderId: string) => (await context.get(OrdersService).byIds([orderId]))[0].status;
  const transactionKinds = async (orderId: string) => {
    const kinds: Record<string, number> = {};
    for (const { kind } of await context.get(LedgerService).transactionsOfOrders([orderId]))
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    return kinds;
  };
  const eventTypes = async (orderId: string) =>
    (await context.sql(`SELECT type FROM order_events WHERE order_id = $1 ORDER BY at, id`, [orderId])).map(
      (row) => row.type as string,
    );
  const escrowBalance = async (orderId: string) => {
    const [row] = await context.sql(
      `SELECT coalesce(sum(amount_minor), 0)::text AS balance FROM ledger_entries WHERE account = $1`,
      [`escrow:order/${orderId}`],
    );
    return BigInt(row.balance);
  };
  const cancel = (who: keyof ServiceParties, orderId: string, key = randomUUID()) =>
    lifecycle.cancel(p[who], orderId, 'Plans changed.', key);
  const pastDeliverBy = (orderId: string) =>
    context.sql(`UPDATE orders SET deliver_by = now() - interval '1 hour' WHERE id = $1`, [orderId]);

  beforeAll(async () => {
    context = await startServiceTest();
    lifecycle = context.get(OrderLifecycleService);
    p = await setUpServiceParties(context);
  });
  afterAll(() => context?.close());

  it('before funding: either party, nothing to refund, and a cancelled order cannot be funded', async () => {
    for (const who of ['merchant', 'creator'] as const) {
      const orderId = await orderFromTask(context, p);
      expect((await cancel(who, orderId)).status).toBe('CANCELLED');
      expect(await transactionKinds(orderId)).toEqual({});
      expect(await eventTypes(orderId)).toEqual(['CREATED', 'CANCELLED']);
      expect(await codeOf(lifecycle.fund(p.merchant, orderId, randomUUID()))).toBe('CONFLICT');
    }
  });

  it('while IN_PROGRESS: the creator always, with a full refund; a stranger is NOT_FOUND', async () => {
    const orderId = await orderInState(context, p, 'IN_PROGRESS', { price: '123.45' });
    expect(await codeOf(cancel('otherCreator', orderId))).toBe('NOT_FOUND');
    expect(await codeOf(cancel('otherMerchant', orderId))).toBe('NOT_FOUND');
    await cancel('creator', orderId);
    expect(await statusOf(orderId)).toBe('CANCELLED');
    expect(await transactionKinds(orderId)).toEqual({ FUND: 1, REFUND: 1 });
    expect(await escrowBalance(orderId)).toBe(0n);
  });

  it('while IN_PROGRESS: the merchant before any delivery pays the kill fee (escrow split), and after deliverBy without a delivery cancels free', async () => {
    const early = await orderInState(context, p, 'IN_PROGRESS');
    await cancel('merchant', early);
    expect(await statusOf(early)).toBe('CANCELLED');
    expect(await transactionKinds(early)).toEqual({ FUND: 1, SPLIT: 1 });

    const late = await orderInState(context, p, 'IN_PROGRESS');
    await pastDeliverBy(late);
    await cancel('merchant', late);
    expect(await transactionKinds(late)).toEqual({ FUND: 1, REFUND: 1 });
  });

  it('after a delivery: nobody (CONFLICT) in DELIVERED, REVISION_REQUESTED, DISPUTED or COMPLETED', async () => {
    for (const state of ['DELIVERED', 'REVISION_REQUESTED', 'DISPUTED', 'COMPLETED'] as const) {
      const orderId = await orderInState(context, p, state);
      // Even past deliverBy: the creator delivered.
      await pastDeliverBy(orderId);
      for (const who of ['merchant', 'creator'] as const) {
        expect({ state, who, code: await codeOf(cancel(who, orderId)) }).toEqual({
          state,
          who,
          code: 'CONFLICT',
        });
      }
      expect(await statusOf(orderId)).toBe(state);
    }
  });

  it('replays a cancellation by its key and refuses the key for another order', async () => {
    const orderId = await orderInState(context, p, 'IN_PROGRESS');
    const cancelKey = randomUUID();
    await cancel('creator', orderId, cancelKey);
    expect((await cancel('creator', orderId, cancelKey)).status).toBe('CANCELLED');
    expect(await transactionKinds(orderId)).toEqual({ FUND: 1, REFUND: 1 });
    const other = await orderFromTask(context, p);
    expect(await codeOf(cancel('creator', other, cancelKey))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await statusOf(other)).toBe('AWAITING_FUNDING');
  });
});
