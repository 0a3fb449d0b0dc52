import { randomUUID } from 'node:crypto';
import { CurrencyCode, Money, type Viewer } from '@vtask/core';
import { LedgerAccount } from '@vtask/ledger';
import type { OrderLifecycleService, OrderPublicationService } from '@vtask/orders';
import type { ServiceTestContext } from '../../../test/support/service-harness';
import { codeOf, type ServiceParties } from '../../../test/support/service-fixtures';
import {
  expectedEscrow,
  fractionOf,
  otherParty,
  type Account,
  type Moves,
  type Op,
  type OrderState,
  type Party,
} from './order-property.model';

/**
 * The service side of the property test (orders-property.spec.ts): each op as its service call, and
 * the check of a run's orders and money against the model after every step.
 */

export interface PropertyWorld {
  context: ServiceTestContext;
  p: ServiceParties;
  lifecycle: OrderLifecycleService;
  publications: OrderPublicationService;
}

export interface Model {
  orders: OrderState[];
  /** Money moved so far by this run's orders, per symbolic account. */
  flows: Moves;
}

const cny = (minor: bigint) => Money.of(minor, CurrencyCode.CNY);

// ---------------------------------------------------------------- calling the services

/** The service call for `op`: 'OK', FUNDING_<status> for a funding that did not succeed, or the refusal's code. */
export async function call(
  w: PropertyWorld,
  op: Op,
  o: OrderState,
): Promise<{ code: string; proposalId?: string }> {
  const { p, lifecycle, publications } = w;
  const viewer = (who: Party): Viewer => p[who];
  const key = randomUUID();
  let proposalId: string | undefined;
  const run = async (): Promise<unknown> => {
    switch (op.kind) {
      case 'fund': {
        const outcome = await lifecycle.fund(p.merchant, o.id, key);
        if (outcome.status !== 'SUCCEEDED') throw new FundingNotSucceeded(outcome.status);
        return;
      }
      case 'deliver':
        return lifecycle.submitDeliverable(p.creator, { orderId: o.id, title: 'Cut', body: 'The video.' });
      case 'revise':
        return lifecycle.requestRevision(p.merchant, o.id, 'Brighter, please.');
      case 'accept':
        return lifecycle.acceptDelivery(p.merchant, o.id, {}, key);
      case 'cancel':
        return lifecycle.cancel(viewer(op.by), o.id, 'Plans changed', key);
      case 'dispute':
        return lifecycle.openDispute(viewer(op.by), o.id, 'Not as agreed');
      case 'resolve': {
        const creatorAmount = cny(fractionOf(o.price, op.fraction));
        return lifecycle.resolveDispute(p.admin, { orderId: o.id, creatorAmount, note: 'Decided' }, key);
      }
      case 'propose': {
        const creatorAmount = cny(fractionOf(o.price, op.fraction));
        const proposal = await lifecycle.proposeCancellation(viewer(op.by), {
          orderId: o.id,
          creatorAmount,
          reason: 'Part ways',
        });
        proposalId = proposal.id;
        return;
      }
      case 'respond':
        // The other party of the latest proposal answers it (a stale one is refused).
        return lifecycle.respondToCancellation(
          viewer(otherParty(o.proposal!.by)),
          o.proposal!.id,
          op.accept,
          key,
        );
      case 'withdraw':
        return lifecycle.withdrawCancellationProposal(viewer(o.proposal!.by), o.proposal!.id);
      case 'publish':
        return publications.markPublished(p.creator, o.id, 'https://video.example/v/1');
      case 'takedown':
        return publications.reportTakedown(p.merchant, o.id, 'The video is gone.');
      case 'restore':
        return publications.confirmRestored(p.creator, o.id, 'https://video.example/v/2');
    }
  };
  try {
    return { code: await codeOf(run()), proposalId };
  } catch (error) {
    if (error instanceof FundingNotSucceeded) return { code: `FUNDING_${error.status}` };
    throw error;
  }
}

class FundingNotSucceeded extends Error {
  constructor(readonly status: string) {
    super(status);
  }
}

// ---------------------------------------------------------------- the checks after every step

export async function checkRun(w: PropertyWorld, model: Model): Promise<void> {
  const { p } = w;
  const query = <T = any>(text: string, params: unknown[] = []): Promise<T[]> =>
    w.context.dataSource.query(text, params);
  const ids = model.orders.map((o) => o.id);
  const rows = await query<{
    id: string;
    status: string;
    revisions_used: number;
    funds: number;
    publication: string | null;
  }>(
    `SELECT o.id, o.status, o.revisions_used, pub.status AS publication,
            (SELECT count(*) FROM ledger_transactions t WHERE t.order_id = o.id AND t.kind = 'FUND')::int AS funds
       FROM orders o LEFT JOIN order_publications pub ON pub.order_id = o.id WHERE o.id = ANY($1::uuid[])`,
    [ids],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const o of model.orders) {
    const row = byId.get(o.id)!;
    const actual = [row.status, row.revisions_used, row.funds === 1, row.publication];
    const expected = [o.status, o.revisionsUsed, o.funded, o.publication];
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      throw new Error(
        `order ${o.id} is ${JSON.stringify(actual)}, the model says ${JSON.stringify(expected)}`,
      );
  }
  // The money: every transaction of these orders balanced, and each account moved exactly as modelled.
  const entries = await query<{ tx: string; account: string; amount: string }>(
    `SELECT t.id AS tx, e.account, e.amount_minor::text AS amount FROM ledger_transactions t
       JOIN ledger_entries e ON e.transaction_id = t.id WHERE t.order_id = ANY($1::uuid[])`,
    [ids],
  );
  const perTransaction = new Map<string, bigint>();
  const perAccount = new Map<string, bigint>();
  for (const e of entries) {
    perTransaction.set(e.tx, (perTransaction.get(e.tx) ?? 0n) + BigInt(e.amount));
    if (!e.account.startsWith('external:'))
      perAccount.set(e.account, (perAccount.get(e.account) ?? 0n) + BigInt(e.amount));
  }
  for (const [tx, total] of perTransaction)
    if (total !== 0n) throw new Error(`transaction ${tx} sums to ${total}`);
  const expected = new Map<string, bigint>([
    [LedgerAccount.creator(p.creator.creatorId!), model.flows.creator ?? 0n],
    [LedgerAccount.merchant(p.merchant.merchantId!), model.flows.merchant ?? 0n],
    ['platform:fees', model.flows.fees ?? 0n],
  ]);
  for (const o of model.orders) expected.set(LedgerAccount.escrow(o.id), expectedEscrow(o));
  for (const account of new Set([...expected.keys(), ...perAccount.keys()])) {
    const [want, got] = [expected.get(account), perAccount.get(account) ?? 0n];
    if (want === undefined ? got !== 0n : want !== got)
      throw new Error(`${account} moved ${got}, the model says ${want ?? 'nothing'}`);
  }
  const escrowTotal = model.orders.reduce((sum, o) => sum + expectedEscrow(o), 0n);
  const flowed = (Object.entries(model.flows) as [Account, bigint][]).filter(([a]) => a === 'escrow');
  if (flowed.length && flowed[0][1] !== escrowTotal)
    throw new Error(`the model's escrow flows ${flowed[0][1]} differ from its states ${escrowTotal}`);
}
