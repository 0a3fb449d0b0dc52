import fc, { type AsyncCommand } from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type GqlResponse, type TestServer } from './support/harness';
import {
  internalErrors,
  key,
  ledgerViolations,
  openSql,
  orderCalls,
  outcome,
  setUpParties,
  type OrderCalls,
  type Parties,
  type Sql,
} from './support/order-fixtures';

/**
 * Model-based, property-based test of the order machine and its escrow (issue 7): random sequences of
 * fund, deliver, revise, accept, cancel (either party), dispute, resolve (random split), cancellation
 * proposals (propose, accept or decline, withdraw; issue 15), publication and retention (markPublished,
 * reportTakedown, confirmRestored; issue 15), payouts, replayed idempotency keys, timers firing (funding
 * expiry, auto-accept, revision overdue, holdback release, restore window, publish window), and races of
 * several of these at once, over a few orders per sequence. After every step the database must satisfy
 * every ledger invariant and agree with a small model kept here: statuses, revisions, publications, and
 * every wallet's balance to the minor unit. libs/orders/test/orders-property.spec.ts runs the same machine
 * on the services, without HTTP, for the long runs (`npm run test:property`).
 *
 * PROPERTY_RUNS, PROPERTY_SEED and PROPERTY_SHRINK=1 tune a run (e.g. to replay a failure's seed).
 * PROPERTY_BUDGET_S (40) bounds the time: on a slow machine the sequences left when it is spent are
 * not run (the count printed says how many were), so the file stays within about a minute.
 */

const RUNS = Number(process.env.PROPERTY_RUNS ?? 15);
const BUDGET_MS = Number(process.env.PROPERTY_BUDGET_S ?? 40) * 1000;
const MAX_COMMANDS = 40;
const ORDERS_PER_RUN = 3;
const FEE_BPS = 1000n;
const AGENCY_BPS = 2000n;

type Status =
  | 'AWAITING_FUNDING'
  | 'IN_PROGRESS'
  | 'DELIVERED'
  | 'REVISION_REQUESTED'
  | 'COMPLETED'
  | 'CANCELLED'
  | 'DISPUTED'
  | 'RESOLVED';
type Publication = 'UNPUBLISHED' | 'LIVE' | 'REPORTED_DOWN' | 'RETAINED' | 'BREACHED';

interface OrderState {
  id: string;
  price: bigint;
  maxRevisions: number;
  revisionsUsed: number;
  status: Status;
  funded: boolean;
  /** The retention holdback kept in escrow at acceptance (0 without retention), and whether there is a window. */
  holdback: bigint;
  retention: boolean;
  publication: Publication | null;
  /** The order's latest cancellation proposal (whatever became of it), and the pending one's terms. */
  proposal: { id: string; by: 'merchant' | 'creator' } | null;
  pending: { amount: bigint } | null;
}

/** A request that succeeded with an idempotency key: replaying it must answer again and move nothing. */
interface Keyed {
  kind: 'fund' | 'accept' | 'cancel' | 'resolve' | 'payout';
  order: number;
  key: string;
  who: 'merchant' | 'creator' | 'admin';
  arg: string | number | null;
}

interface Model {
  orders: OrderState[];
  keyed: Keyed[];
}

interface World {
  server: TestServer;
  p: Parties;
  calls: OrderCalls;
  sql: Sql;
  /** Expected balances of the wallets the runs touch (they accumulate across runs). */
  wallets: Map<string, bigint>;
  steps: number;
  sequences: number;
  /** Time spent checking invariants (the rest is the API and the timers). */
  checkMs: number;
  commands: Record<string, number>;
}

let world: World;

// ---------------------------------------------------------------- the model's rules

type Op =
  | { kind: 'fund' }
  | { kind: 'deliver' }
  | { kind: 'revise' }
  | { kind: 'accept'; rating: number | null }
  | { kind: 'cancel'; by: 'merchant' | 'creator' }
  | { kind: 'dispute'; by: 'merchant' | 'creator' }
  | { kind: 'resolve'; fraction: number }
  | { kind: 'propose'; by: 'merchant' | 'creator'; fraction: number }
  | { kind: 'respond'; accept: boolean }
  | { kind: 'withdraw' }
  | { kind: 'publish' }
  | { kind: 'takedown' }
  | { kind: 'restore' };

const OPEN_FUNDED: Status[] = ['IN_PROGRESS', 'DELIVERED', 'REVISION_REQUESTED', 'DISPUTED'];
const PROPOSE = `mutation($id: ID!, $amount: MoneyInput!) { proposeCancellation(orderId: $id, creatorAmount: $amount, reason: "Part ways") { id } }`;
const RESPOND = `mutation($id: ID!, $accept: Boolean!, $key: String!) { respondToCancellation(proposalId: $id, accept: $accept, idempotencyKey: $key) { id } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawCancellationProposal(proposalId: $id) { id } }`;
const MARK_PUBLISHED = `mutation($id: ID!, $url: String!) { markPublished(orderId: $id, url: $url) { id } }`;
const REPORT_TAKEDOWN = `mutation($id: ID!) { reportTakedown(orderId: $id, note: "The video is gone.") { id } }`;
const CONFIRM_RESTORED = `mutation($id: ID!, $url: String!) { confirmRestored(orderId: $id, url: $url) { id } }`;
/** The order timers a "time passes" runs, in this order (the jobs' names). */
const TIMER_JOBS = [
  'orders.funding-expiry',
  'orders.auto-accept',
  'orders.revision-overdue',
  'orders.release-holdback',
  'orders.restore-window',
  'orders.publish-window',
];
const otherParty = (by: 'merchant' | 'creator') => (by === 'merchant' ? 'creator' : 'merchant');

/** Whether `op` is allowed on an order in this state (SPEC "Orders, escrow and delivery"). */
function allowed(op: Op, o: OrderState): boolean {
  switch (op.kind) {
    case 'fund':
      return o.status === 'AWAITING_FUNDING';
    case 'deliver':
      return o.status === 'IN_PROGRESS' || o.status === 'REVISION_REQUESTED';
    case 'revise':
      return o.status === 'DELIVERED' && o.revisionsUsed < o.maxRevisions;
    case 'accept':
      return o.status === 'DELIVERED';
    case 'cancel':
      // IN_PROGRESS never has a deliverable (a delivery moves it on), so the merchant may cancel it too.
      return o.status === 'AWAITING_FUNDING' || o.status === 'IN_PROGRESS';
    case 'dispute':
      return o.status === 'DELIVERED' || o.status === 'REVISION_REQUESTED';
    case 'resolve':
      return o.status === 'DISPUTED';
    case 'propose':
      return OPEN_FUNDED.includes(o.status) && !o.pending;
    case 'respond':
    case 'withdraw':
      return o.pending !== null;
    case 'publish':
      return o.status === 'COMPLETED' && o.publication === 'UNPUBLISHED';
    case 'takedown':
      return o.publication === 'LIVE';
    case 'restore':
      return o.publication === 'REPORTED_DOWN';
  }
}

function split(amount: bigint): { fee: bigint; agency: bigint; creator: bigint } {
  const fee = (amount * FEE_BPS) / 10000n;
  const agency = ((amount - fee) * AGENCY_BPS) / 10000n;
  return { fee, agency, creator: amount - fee - agency };
}

function creditRelease(amount: bigint): void {
  const parts = split(amount);
  const add = (account: string, value: bigint) =>
    world.wallets.set(account, (world.wallets.get(account) ?? 0n) + value);
  add(`creator/${world.p.creator.profileId}`, parts.creator);
  add(`agency/${world.p.agency!.profileId}`, parts.agency);
  add('platform:fees', parts.fee);
}

function resolveAmount(o: OrderState, fraction: number): bigint {
  if (fraction <= 0) return 0n;
  if (fraction >= 1) return o.price;
  return (o.price * BigInt(Math.round(fraction * 10000))) / 10000n;
}

/** Applies an allowed op to a copy of the state (and, with `commit`, to the expected wallets). */
function apply(op: Op, o: OrderState, commit: boolean): OrderState {
  // Any change of the order's state withdraws its pending proposal (SPEC "Cancellation").
  const next = { ...o, pending: ['propose', 'respond', 'withdraw'].includes(op.kind) ? o.pending : null };
  switch (op.kind) {
    case 'fund':
      next.status = 'IN_PROGRESS';
      next.funded = true;
      break;
    case 'deliver':
      next.status = 'DELIVERED';
      break;
    case 'revise':
      next.status = 'REVISION_REQUESTED';
      next.revisionsUsed += 1;
      break;
    case 'accept':
      next.status = 'COMPLETED';
      next.publication = 'UNPUBLISHED';
      // The retention holdback stays in escrow until the publication's window ends.
      if (commit) creditRelease(o.price - o.holdback);
      break;
    case 'cancel':
      next.status = 'CANCELLED';
      // The merchant's cancel mid-work leaves the kill fee, released like a release: the orders here are
      // cancelled long before half their time to deliverBy, so the first stage (10%) applies.
      if (commit && o.status === 'IN_PROGRESS' && op.by === 'merchant') creditRelease(o.price / 10n);
      break;
    case 'dispute':
      next.status = 'DISPUTED';
      break;
    case 'resolve':
      next.status = 'RESOLVED';
      if (commit) creditRelease(resolveAmount(o, op.fraction));
      break;
    case 'propose':
      next.pending = { amount: resolveAmount(o, op.fraction) };
      break;
    case 'respond':
      next.pending = null;
      if (op.accept) {
        next.status = 'CANCELLED';
        if (commit) creditRelease(o.pending!.amount);
      }
      break;
    case 'withdraw':
      next.pending = null;
      break;
    case 'publish':
      // Without retention there is no window: the publication is kept at once.
      next.publication = o.retention ? 'LIVE' : 'RETAINED';
      break;
    case 'takedown':
      next.publication = 'REPORTED_DOWN';
      break;
    case 'restore':
      next.publication = 'LIVE';
      break;
  }
  return next;
}

function minorToDecimal(minor: bigint): string {
  const sign = minor < 0n ? '-' : '';
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

// ---------------------------------------------------------------- calling the API

async function call(op: Op, o: OrderState, idempotencyKey: string): Promise<GqlResponse<any>> {
  const { calls, p } = world;
  switch (op.kind) {
    case 'fund':
      return calls.fund(p.merchant.token, o.id, idempotencyKey);
    case 'deliver':
      return calls.deliver(p.creator.token, o.id);
    case 'revise':
      return calls.revise(p.merchant.token, o.id);
    case 'accept':
      return calls.accept(p.merchant.token, o.id, idempotencyKey, op.rating);
    case 'cancel':
      return calls.cancel(p[op.by].token, o.id, idempotencyKey);
    case 'dispute':
      return calls.dispute(p[op.by].token, o.id);
    case 'resolve':
      return calls.resolve(p.admin, o.id, minorToDecimal(resolveAmount(o, op.fraction)), idempotencyKey);
    case 'propose':
      return p.server.gql.request(
        PROPOSE,
        { id: o.id, amount: { amount: minorToDecimal(resolveAmount(o, op.fraction)), currencyCode: 'CNY' } },
        p[op.by].token,
      );
    case 'respond':
      // The other party of the latest proposal answers it (a stale one is a CONFLICT).
      return p.server.gql.request(
        RESPOND,
        { id: o.proposal!.id, accept: op.accept, key: idempotencyKey },
        p[otherParty(o.proposal!.by)].token,
      );
    case 'withdraw':
      return p.server.gql.request(WITHDRAW, { id: o.proposal!.id }, p[o.proposal!.by].token);
    case 'publish':
      return p.server.gql.request(MARK_PUBLISHED, { id: o.id, url: 'https://v.example/1' }, p.creator.token);
    case 'takedown':
      return p.server.gql.request(REPORT_TAKEDOWN, { id: o.id }, p.merchant.token);
    case 'restore':
      return p.server.gql.request(
        CONFIRM_RESTORED,
        { id: o.id, url: 'https://v.example/2' },
        p.creator.token,
      );
  }
}

/** OK, or the error code; a funding that answered FAILED (it lost to a cancellation) counts as a loss. */
function result(op: Op, response: GqlResponse<any>): string {
  const code = outcome(response);
  if (code === 'OK' && op.kind === 'fund' && response.data.fundOrder.status !== 'SUCCEEDED')
    return `FUNDING_${response.data.fundOrder.status}`;
  return code;
}

function remember(op: Op, orderIndex: number, idempotencyKey: string, model: Model): void {
  const who = op.kind === 'resolve' ? 'admin' : op.kind === 'cancel' ? op.by : 'merchant';
  const arg =
    op.kind === 'accept'
      ? op.rating
      : op.kind === 'resolve'
        ? minorToDecimal(resolveAmount(model.orders[orderIndex], op.fraction))
        : null;
  if (['fund', 'accept', 'cancel', 'resolve'].includes(op.kind)) {
    model.keyed.push({ kind: op.kind as Keyed['kind'], order: orderIndex, key: idempotencyKey, who, arg });
  }
}

// ---------------------------------------------------------------- the invariants after every step

async function checkInvariants(model: Model, step: string): Promise<void> {
  const began = Date.now();
  try {
    await checkAll(model, step);
  } finally {
    world.checkMs += Date.now() - began;
  }
}

async function checkAll(model: Model, step: string): Promise<void> {
  const { sql } = world;
  const violations = await ledgerViolations(sql);
  if (violations.length) throw new Error(`after ${step}: ${violations.join('\n')}`);
  const rows = await sql<{
    id: string;
    status: Status;
    revisions_used: number;
    funds: number;
    publication: Publication | null;
  }>(
    `SELECT o.id, o.status, o.revisions_used, pub.status AS publication,
            (SELECT count(*) FROM ledger_transactions t WHERE t.order_id = o.id AND t.kind = 'FUND')::int AS funds
       FROM orders o LEFT JOIN order_publications pub ON pub.order_id = o.id WHERE o.id = ANY($1::uuid[])`,
    [model.orders.map((o) => o.id)],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const o of model.orders) {
    const row = byId.get(o.id)!;
    const actual = {
      status: row.status,
      revisionsUsed: row.revisions_used,
      funded: row.funds === 1,
      publication: row.publication,
    };
    const expected = {
      status: o.status,
      revisionsUsed: o.revisionsUsed,
      funded: o.funded,
      publication: o.publication,
    };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw new Error(
        `after ${step}: order ${o.id} is ${JSON.stringify(actual)}, the model says ${JSON.stringify(expected)}`,
      );
    }
  }
  const accounts = [...world.wallets.keys()];
  const balances = await sql<{ account: string; balance: string }>(
    `SELECT account, sum(amount_minor)::text AS balance FROM ledger_entries
      WHERE account = ANY($1) AND currency = 'CNY' GROUP BY account`,
    [accounts],
  );
  const actual = new Map(balances.map((row) => [row.account, BigInt(row.balance)]));
  for (const [account, expected] of world.wallets) {
    if ((actual.get(account) ?? 0n) !== expected) {
      throw new Error(
        `after ${step}: ${account} holds ${actual.get(account) ?? 0n}, the model says ${expected}`,
      );
    }
  }
  world.steps += 1;
}

function count(name: string): void {
  world.commands[name] = (world.commands[name] ?? 0) + 1;
}

// ---------------------------------------------------------------- commands

abstract class Step implements AsyncCommand<Model, World> {
  check(): boolean {
    return true;
  }
  abstract run(model: Model, real: World): Promise<void>;
  abstract toString(): string;
}

/** One operation on one order, alone: the model predicts its exact answer. */
class Single extends Step {
  constructor(
    readonly op: Op,
    readonly order: number,
  ) {
    super();
  }
  async run(model: Model): Promise<void> {
    const o = model.orders[this.order];
    // Nothing to answer or withdraw before the order's first proposal.
    if ((this.op.kind === 'respond' || this.op.kind === 'withdraw') && !o.proposal) return;
    count(this.op.kind);
    const idempotencyKey = key(this.op.kind);
    const response = await call(this.op, o, idempotencyKey);
    // A refused op is a CONFLICT with the order's state (a takedown before acceptance too).
    const expected = allowed(this.op, o) ? 'OK' : 'CONFLICT';
    const actual = result(this.op, response);
    if (actual !== expected) {
      throw new Error(
        `${this}: expected ${expected}, got ${actual} ${JSON.stringify(response.errors ?? response.data)} (order was ${o.status})`,
      );
    }
    if (expected === 'OK') {
      remember(this.op, this.order, idempotencyKey, model);
      model.orders[this.order] = apply(this.op, o, true);
      if (this.op.kind === 'propose') {
        model.orders[this.order].proposal = { id: response.data.proposeCancellation.id, by: this.op.by };
      }
    }
    await checkInvariants(model, this.toString());
  }
  toString(): string {
    return `${JSON.stringify(this.op)}@${this.order}`;
  }
}

/** Several operations on one order at once: the answers must be those of one serial order of them. */
class Race extends Step {
  constructor(
    readonly ops: Op[],
    readonly order: number,
  ) {
    super();
  }
  async run(model: Model): Promise<void> {
    const o = model.orders[this.order];
    if (this.ops.some((op) => op.kind === 'respond') && !o.proposal) return;
    count('race');
    const keys = this.ops.map((op) => key(op.kind));
    const responses = await Promise.all(
      this.ops.map((op, i) => sleep(Math.random() * 5).then(() => call(op, o, keys[i]))),
    );
    const results = this.ops.map((op, i) => result(op, responses[i]));
    for (const [i, code] of results.entries()) {
      const refusals = ['CONFLICT', 'FUNDING_FAILED'];
      if (code !== 'OK' && !refusals.includes(code)) {
        throw new Error(
          `${this}: ${JSON.stringify(this.ops[i])} answered ${code} ${JSON.stringify(responses[i].errors)}`,
        );
      }
    }
    const [row] = await world.sql<{ status: Status; publication: Publication | null }>(
      `SELECT o.status, pub.status AS publication FROM orders o
         LEFT JOIN order_publications pub ON pub.order_id = o.id WHERE o.id = $1`,
      [o.id],
    );
    // Find a serial order in which every winner was allowed, every loser was not, ending where the database is.
    const winners = new Set(results.flatMap((code, i) => (code === 'OK' ? [i] : [])));
    let found: number[] | null = null;
    for (const order of permutations(this.ops.map((_, i) => i))) {
      let state = o;
      let consistent = true;
      for (const i of order) {
        if (allowed(this.ops[i], state) !== winners.has(i)) {
          consistent = false;
          break;
        }
        if (winners.has(i)) state = apply(this.ops[i], state, false);
      }
      if (consistent && state.status === row.status && state.publication === row.publication) {
        found = order;
        break;
      }
    }
    if (!found) {
      throw new Error(
        `${this} on a ${o.status} order: answers ${JSON.stringify(results)} and status ${row.status} fit no serial order`,
      );
    }
    let state = o;
    for (const i of found) {
      if (!winners.has(i)) continue;
      remember(this.ops[i], this.order, keys[i], model);
      state = apply(this.ops[i], state, true);
    }
    model.orders[this.order] = state;
    await checkInvariants(model, this.toString());
  }
  toString(): string {
    return `race(${this.ops.map((op) => JSON.stringify(op)).join(', ')})@${this.order}`;
  }
}

/** A successful keyed request sent again: same answer, nothing moves; with other input, refused. */
class Replay extends Step {
  constructor(
    readonly pick: number,
    readonly changeInput: boolean,
  ) {
    super();
  }
  async run(model: Model): Promise<void> {
    if (!model.keyed.length) return;
    count(this.changeInput ? 'replay-other-input' : 'replay');
    const { calls, p } = world;
    const entry = model.keyed[this.pick % model.keyed.length];
    const o = model.orders[entry.order];
    const token = entry.who === 'admin' ? p.admin : p[entry.who].token;
    const other = model.orders[(entry.order + 1) % model.orders.length];
    let response: GqlResponse<any>;
    switch (entry.kind) {
      case 'fund':
        response = await calls.fund(token, this.changeInput ? other.id : o.id, entry.key);
        break;
      case 'accept':
        response = await calls.accept(
          token,
          o.id,
          entry.key,
          this.changeInput ? (Number(entry.arg ?? 0) % 5) + 1 : (entry.arg as number | null),
        );
        break;
      case 'cancel':
        response = await calls.cancel(
          token,
          o.id,
          entry.key,
          this.changeInput ? 'Another reason' : undefined,
        );
        break;
      case 'resolve':
        response = await calls.resolve(
          token,
          o.id,
          this.changeInput ? minorToDecimal(o.price + 1n) : (entry.arg as string),
          entry.key,
        );
        break;
      case 'payout':
        response = await calls.payout(token, this.changeInput ? '0.01' : (entry.arg as string), entry.key);
        if (this.changeInput && entry.arg === '0.01') return;
        break;
    }
    const actual = result({ kind: entry.kind === 'payout' ? 'accept' : entry.kind } as Op, response);
    const expected = this.changeInput ? 'IDEMPOTENCY_KEY_REUSED' : 'OK';
    if (actual !== expected)
      throw new Error(
        `${this} of ${JSON.stringify(entry)}: expected ${expected}, got ${actual} ${JSON.stringify(response.errors)}`,
      );
    await checkInvariants(model, this.toString());
  }
  toString(): string {
    return `replay(#${this.pick}${this.changeInput ? ', other input' : ''})`;
  }
}

/**
 * Time passes: every deadline of the run's orders and publications is over and their due timers run
 * (funding expiry, auto-accept, revision overdue, holdback release, restore window, publish window). A
 * publication that auto-accept begins has a fresh publish window: its timer is not due yet.
 */
class TimePasses extends Step {
  async run(model: Model): Promise<void> {
    count('time-passes');
    await letDeadlinesPass(model.orders.map((o) => o.id));
    const merchantWallet = `merchant/${world.p.merchant.profileId}`;
    model.orders = model.orders.map((o): OrderState => {
      if (o.status === 'AWAITING_FUNDING') return { ...o, status: 'CANCELLED', pending: null };
      if (o.status === 'DELIVERED') {
        creditRelease(o.price - o.holdback);
        return { ...o, status: 'COMPLETED', publication: 'UNPUBLISHED', pending: null };
      }
      if (o.status === 'REVISION_REQUESTED') return { ...o, status: 'DISPUTED', pending: null };
      if (o.publication === 'LIVE') {
        creditRelease(o.holdback);
        return { ...o, publication: 'RETAINED' };
      }
      if (o.publication === 'REPORTED_DOWN' || (o.publication === 'UNPUBLISHED' && o.holdback > 0n)) {
        // A breach returns the holdback to the merchant's wallet.
        world.wallets.set(merchantWallet, (world.wallets.get(merchantWallet) ?? 0n) + o.holdback);
        return { ...o, publication: 'BREACHED' };
      }
      return o;
    });
    await checkInvariants(model, this.toString());
  }
  toString(): string {
    return 'time passes';
  }
}

/** The deadlines on the rows move to the past, then the pending timers' jobs; waits until pg-boss ran them. */
async function letDeadlinesPass(orderIds: string[]): Promise<void> {
  const past = (column: string) =>
    `${column} = CASE WHEN ${column} IS NULL THEN NULL ELSE least(${column}, now() - interval '1 second') END`;
  await world.sql(
    `UPDATE orders SET ${['funding_deadline', 'review_deadline', 'revision_due_by'].map(past).join(', ')}
      WHERE id = ANY($1::uuid[])`,
    [orderIds],
  );
  await world.sql(
    `UPDATE order_publications SET ${['publish_by', 'retain_until', 'restore_by'].map(past).join(', ')}
      WHERE order_id = ANY($1::uuid[])`,
    [orderIds],
  );
  const due = await world.sql<{ id: string }>(
    `UPDATE pgboss.job SET start_after = now() - interval '1 second'
      WHERE name = ANY($1) AND state IN ('created', 'retry') AND split_part(singleton_key, ':', 1) = ANY($2::text[])
      RETURNING id::text`,
    [TIMER_JOBS, orderIds],
  );
  const ids = due.map((row) => row.id);
  const deadline = Date.now() + 15_000;
  while (ids.length) {
    const rows = await world.sql(`SELECT state::text FROM pgboss.job WHERE id = ANY($1::uuid[])`, [ids]);
    if (rows.every((row) => ['completed', 'failed', 'cancelled'].includes(row.state))) break;
    if (Date.now() > deadline) throw new Error(`order timers did not run: ${JSON.stringify(rows)}`);
    await sleep(20);
  }
}

/** The creator asks for part (or more than all) of the available balance. */
class Payout extends Step {
  constructor(readonly fraction: number) {
    super();
  }
  async run(model: Model): Promise<void> {
    count('payout');
    const account = `creator/${world.p.creator.profileId}`;
    const available = world.wallets.get(account) ?? 0n;
    const amount =
      this.fraction > 1 ? available + 1n : (available * BigInt(Math.round(this.fraction * 1000))) / 1000n;
    const idempotencyKey = key('payout');
    const response = await world.calls.payout(world.p.creator.token, minorToDecimal(amount), idempotencyKey);
    const expected = amount <= 0n ? 'BAD_USER_INPUT' : amount > available ? 'INSUFFICIENT_FUNDS' : 'OK';
    const actual = outcome(response);
    if (actual !== expected)
      throw new Error(`${this} of ${amount} (available ${available}): expected ${expected}, got ${actual}`);
    if (actual === 'OK') {
      world.wallets.set(account, available - amount);
      model.keyed.push({
        kind: 'payout',
        order: 0,
        key: idempotencyKey,
        who: 'creator',
        arg: minorToDecimal(amount),
      });
    }
    await checkInvariants(model, this.toString());
  }
  toString(): string {
    return `payout(${this.fraction})`;
  }
}

function* permutations(items: number[]): Generator<number[]> {
  if (items.length <= 1) {
    yield items;
    return;
  }
  for (const [i, item] of items.entries()) {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) yield [item, ...rest];
  }
}

// ---------------------------------------------------------------- generators

const party = fc.constantFrom<'merchant' | 'creator'>('merchant', 'creator');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant<Op>({ kind: 'fund' }), weight: 4 },
  { arbitrary: fc.constant<Op>({ kind: 'deliver' }), weight: 4 },
  { arbitrary: fc.constant<Op>({ kind: 'revise' }), weight: 2 },
  {
    arbitrary: fc
      .option(fc.integer({ min: 1, max: 5 }), { nil: null })
      .map<Op>((rating) => ({ kind: 'accept', rating })),
    weight: 3,
  },
  { arbitrary: party.map<Op>((by) => ({ kind: 'cancel', by })), weight: 2 },
  { arbitrary: party.map<Op>((by) => ({ kind: 'dispute', by })), weight: 2 },
  {
    arbitrary: fc
      .oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }))
      .map<Op>((fraction) => ({ kind: 'resolve', fraction })),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(party, fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })))
      .map<Op>(([by, fraction]) => ({ kind: 'propose', by, fraction })),
    weight: 2,
  },
  { arbitrary: fc.boolean().map<Op>((accept) => ({ kind: 'respond', accept })), weight: 2 },
  { arbitrary: fc.constant<Op>({ kind: 'withdraw' }), weight: 1 },
  { arbitrary: fc.constant<Op>({ kind: 'publish' }), weight: 3 },
  { arbitrary: fc.constant<Op>({ kind: 'takedown' }), weight: 2 },
  { arbitrary: fc.constant<Op>({ kind: 'restore' }), weight: 2 },
);
const orderIndex = fc.nat(ORDERS_PER_RUN - 1);
const raceOp: fc.Arbitrary<Op> = fc.oneof(
  fc.constant<Op>({ kind: 'fund' }),
  fc.constant<Op>({ kind: 'deliver' }),
  fc.constant<Op>({ kind: 'revise' }),
  fc.constant<Op>({ kind: 'accept', rating: null }),
  party.map<Op>((by) => ({ kind: 'cancel', by })),
  party.map<Op>((by) => ({ kind: 'dispute', by })),
  fc.constant<Op>({ kind: 'respond', accept: true }),
  fc.constant<Op>({ kind: 'publish' }),
  fc.constant<Op>({ kind: 'takedown' }),
  fc.constant<Op>({ kind: 'restore' }),
);

/** One weighted choice: mostly single operations; races, replays and payouts often; time passing now and then. */
const commandArbs = [
  fc.oneof(
    { arbitrary: fc.tuple(opArb, orderIndex).map(([op, order]): Step => new Single(op, order)), weight: 12 },
    {
      arbitrary: fc
        .tuple(fc.array(raceOp, { minLength: 2, maxLength: 3 }), orderIndex)
        .map(([ops, order]): Step => new Race(ops, order)),
      weight: 4,
    },
    {
      arbitrary: fc.tuple(fc.nat(), fc.boolean()).map(([pick, other]): Step => new Replay(pick, other)),
      weight: 3,
    },
    {
      arbitrary: fc.double({ min: 0, max: 1.2, noNaN: true }).map((fraction): Step => new Payout(fraction)),
      weight: 1,
    },
    { arbitrary: fc.constant(null).map((): Step => new TimePasses()), weight: 1 },
  ),
];

// ---------------------------------------------------------------- the test

describe('order machine and escrow: property-based', () => {
  let close: () => Promise<void>;

  beforeAll(async () => {
    const server = await startTestServer({ env: ADMIN_ENV });
    const p = await setUpParties(server, { agencyBps: Number(AGENCY_BPS) });
    const connection = await openSql(server.databaseUrl);
    close = connection.close;
    world = {
      server,
      p,
      calls: orderCalls(server.gql),
      sql: connection.sql,
      wallets: new Map(),
      steps: 0,
      sequences: 0,
      checkMs: 0,
      commands: {},
    };
    world.wallets.set(`creator/${p.creator.profileId}`, 0n);
    world.wallets.set(`agency/${p.agency!.profileId}`, 0n);
    world.wallets.set('platform:fees', 0n);
    world.wallets.set(`merchant/${p.merchant.profileId}`, 0n);
  });
  afterAll(async () => {
    await close?.();
    expectWellFormedErrors(world.server.gql.errorsSeen);
    expect(internalErrors(world.server.gql)).toEqual([]);
    await world.server.close();
  });

  /** A run's orders: booked from a fresh offer at a random price, each with its own maxRevisions (0-2). */
  async function setup(
    priceMinor: number,
    retention: boolean,
    maxRevisions: number[],
  ): Promise<{ model: Model; real: World }> {
    world.sequences += 1;
    const { gql, creator, merchant } = world.p;
    const price = minorToDecimal(BigInt(priceMinor));
    const offer = await gql.ok(
      `mutation($input: PostOfferInput!) { postOffer(input: $input) { id } }`,
      {
        input: {
          title: 'Property offer',
          description: 'Random sequences',
          contentType: 'POST',
          channels: ['HEADLINES'],
          domainTags: ['home.furniture'],
          price: { amount: price, currencyCode: 'CNY' },
          slots: ORDERS_PER_RUN,
          turnaroundDays: 5,
          // With retention, acceptance holds part of the price back until the publication's window ends.
          retentionDays: retention ? 30 : 0,
        },
      },
      creator.token,
    );
    const orders: OrderState[] = [];
    for (let i = 0; i < ORDERS_PER_RUN; i++) {
      const booked = await gql.ok(
        `mutation($input: BookOfferInput!) { bookOffer(input: $input) { id } }`,
        { input: { offerId: offer.postOffer.id, brief: 'Anything' } },
        merchant.token,
      );
      orders.push({
        id: booked.bookOffer.id,
        price: BigInt(priceMinor),
        maxRevisions: maxRevisions[i],
        revisionsUsed: 0,
        status: 'AWAITING_FUNDING',
        funded: false,
        holdback: 0n,
        retention,
        publication: null,
        proposal: null,
        pending: null,
      });
    }
    // Offer bookings always allow 2 revisions; fewer exercise the limit sooner (as a task's maxRevisions would).
    for (const o of orders) {
      const [row] = await world.sql<{ holdback: string }>(
        `UPDATE orders SET max_revisions = $2 WHERE id = $1 RETURNING holdback_minor::text AS holdback`,
        [o.id, o.maxRevisions],
      );
      o.holdback = BigInt(row.holdback);
    }
    return { model: { orders, keyed: [] }, real: world };
  }

  it('keeps every invariant over random command sequences', async () => {
    const started = Date.now();
    const seed = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : Date.now() % 2 ** 31;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 200_000 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: ORDERS_PER_RUN, maxLength: ORDERS_PER_RUN }),
        fc.commands(commandArbs, { maxCommands: MAX_COMMANDS, size: 'max' }),
        async (priceMinor, retention, maxRevisions, commands) => {
          if (Date.now() - started > BUDGET_MS && !process.env.PROPERTY_SEED) return; // budget spent
          await fc.asyncModelRun(() => setup(priceMinor, retention, maxRevisions), commands);
        },
      ),
      { numRuns: RUNS, seed, endOnFailure: process.env.PROPERTY_SHRINK !== '1', verbose: true },
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `property: ${world.sequences} sequences, ${world.steps} checked steps in ${seconds} s, ${(world.checkMs / 1000).toFixed(1)} s of it checking (seed ${seed}); commands ${JSON.stringify(world.commands)}`,
    );
    expect(world.sequences).toBeGreaterThanOrEqual(Math.min(RUNS, 3));
    expect(world.steps).toBeGreaterThan(world.sequences * 3);
  }, 240_000);
});
