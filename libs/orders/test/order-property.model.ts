import fc from 'fast-check';

/**
 * The model of the order machine that the service-level property test (orders-property.spec.ts) checks
 * the real services against: order statuses, the publication and retention holdback, cancellation
 * proposals, and the money each step moves per ledger account. Pure: no database, no Nest.
 */

export type Party = 'merchant' | 'creator';
export type Status =
  | 'AWAITING_FUNDING'
  | 'IN_PROGRESS'
  | 'DELIVERED'
  | 'REVISION_REQUESTED'
  | 'COMPLETED'
  | 'CANCELLED'
  | 'DISPUTED'
  | 'RESOLVED';
export type Publication = 'UNPUBLISHED' | 'LIVE' | 'REPORTED_DOWN' | 'RETAINED' | 'BREACHED';

export interface OrderState {
  id: string;
  price: bigint;
  /** The retention holdback kept in escrow at acceptance (0 without retention). */
  holdback: bigint;
  /** Whether the order has a retention window (retentionDays > 0). */
  retention: boolean;
  maxRevisions: number;
  revisionsUsed: number;
  status: Status;
  funded: boolean;
  publication: Publication | null;
  /** The order's latest cancellation proposal (whatever became of it), and the pending one's terms. */
  proposal: { id: string; by: Party } | null;
  pending: { amount: bigint } | null;
}

export type Op =
  | { kind: 'fund' }
  | { kind: 'deliver' }
  | { kind: 'revise' }
  | { kind: 'accept' }
  | { kind: 'cancel'; by: Party }
  | { kind: 'dispute'; by: Party }
  | { kind: 'resolve'; fraction: number }
  | { kind: 'propose'; by: Party; fraction: number }
  | { kind: 'respond'; accept: boolean }
  | { kind: 'withdraw' }
  | { kind: 'publish' }
  | { kind: 'takedown' }
  | { kind: 'restore' };

/** Money moved, by symbolic account (the spec maps them to ledger accounts); the external side is not kept. */
export type Account = 'escrow' | 'creator' | 'fees' | 'merchant';
export type Moves = Partial<Record<Account, bigint>>;

/** The platform fee (PLATFORM_FEE_BPS default) and the first kill-fee stage of the default terms. */
export const FEE_BPS = 1000n;
export const FIRST_KILL_FEE_BPS = 1000n;

const OPEN_FUNDED: Status[] = ['IN_PROGRESS', 'DELIVERED', 'REVISION_REQUESTED', 'DISPUTED'];
const PROPOSAL_OPS = ['propose', 'respond', 'withdraw'];

export const otherParty = (by: Party): Party => (by === 'merchant' ? 'creator' : 'merchant');

/** Whether `op` is allowed on an order in this state (SPEC "Orders, escrow and delivery", "Cancellation", "Usage rights, publication and retention"). */
export function allowed(op: Op, o: OrderState): boolean {
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

export function fractionOf(price: bigint, fraction: number): bigint {
  if (fraction <= 0) return 0n;
  if (fraction >= 1) return price;
  return (price * BigInt(Math.round(fraction * 10000))) / 10000n;
}

function add(moves: Moves, account: Account, amount: bigint): void {
  moves[account] = (moves[account] ?? 0n) + amount;
}

/** `amount` leaves escrow to the creator, less the platform fee (rounded down); no agency in these runs. */
function release(moves: Moves, amount: bigint): void {
  const fee = (amount * FEE_BPS) / 10000n;
  add(moves, 'escrow', -amount);
  add(moves, 'fees', fee);
  add(moves, 'creator', amount - fee);
}

export interface Applied {
  state: OrderState;
  moves: Moves;
}

/** An allowed op applied to a copy of the state, with the money it moves. */
export function apply(op: Op, o: OrderState): Applied {
  // Any change of the order's state withdraws its pending proposal (SPEC "Cancellation").
  const next: OrderState = { ...o, pending: PROPOSAL_OPS.includes(op.kind) ? o.pending : null };
  const moves: Moves = {};
  switch (op.kind) {
    case 'fund':
      next.status = 'IN_PROGRESS';
      next.funded = true;
      add(moves, 'escrow', o.price);
      break;
    case 'deliver':
      next.status = 'DELIVERED';
      break;
    case 'revise':
      next.status = 'REVISION_REQUESTED';
      next.revisionsUsed += 1;
      break;
    case 'accept':
      Object.assign(next, accepted(o, moves));
      break;
    case 'cancel':
      next.status = 'CANCELLED';
      if (o.status === 'IN_PROGRESS') {
        // The merchant's cancel mid-work leaves the kill fee: these orders are cancelled long before half
        // their time to deliverBy, so the first stage applies; the rest (or all, by the creator) is refunded.
        add(moves, 'escrow', -o.price);
        if (op.by === 'merchant') {
          release(moves, (o.price * FIRST_KILL_FEE_BPS) / 10000n);
          add(moves, 'escrow', (o.price * FIRST_KILL_FEE_BPS) / 10000n);
        }
      }
      break;
    case 'dispute':
      next.status = 'DISPUTED';
      break;
    case 'resolve':
      next.status = 'RESOLVED';
      splitEscrow(moves, o.price, fractionOf(o.price, op.fraction));
      break;
    case 'propose':
      next.pending = { amount: fractionOf(o.price, op.fraction) };
      break;
    case 'respond':
      next.pending = null;
      if (op.accept) {
        next.status = 'CANCELLED';
        splitEscrow(moves, o.price, o.pending!.amount);
      }
      break;
    case 'withdraw':
      next.pending = null;
      break;
    case 'publish':
      // Without retention (no window) the publication is kept at once.
      next.publication = o.retention ? 'LIVE' : 'RETAINED';
      break;
    case 'takedown':
      next.publication = 'REPORTED_DOWN';
      break;
    case 'restore':
      next.publication = 'LIVE';
      break;
  }
  return { state: next, moves };
}

/** The creator's part of a split is released (fee on it); the rest goes back to the payer outside. */
function splitEscrow(moves: Moves, price: bigint, creatorAmount: bigint): void {
  add(moves, 'escrow', -price);
  release(moves, creatorAmount);
  add(moves, 'escrow', creatorAmount);
}

function accepted(o: OrderState, moves: Moves): Partial<OrderState> {
  release(moves, o.price - o.holdback);
  return { status: 'COMPLETED', publication: 'UNPUBLISHED' };
}

/**
 * Every deadline of the order passes and the timers due then run (funding expiry, auto-accept, revision
 * overdue, holdback release, restore window, publish window). A publication that auto-accept begins
 * has a fresh publish window: its timer is not due yet.
 */
export function timePasses(o: OrderState): Applied {
  const moves: Moves = {};
  let next = o;
  if (o.status === 'AWAITING_FUNDING') next = { ...o, status: 'CANCELLED', pending: null };
  else if (o.status === 'DELIVERED') next = { ...o, ...accepted(o, moves), pending: null };
  else if (o.status === 'REVISION_REQUESTED') next = { ...o, status: 'DISPUTED', pending: null };
  else if (o.publication === 'LIVE') {
    release(moves, o.holdback);
    next = { ...o, publication: 'RETAINED' };
  } else if (o.publication === 'REPORTED_DOWN' || (o.publication === 'UNPUBLISHED' && o.holdback > 0n)) {
    add(moves, 'escrow', -o.holdback);
    add(moves, 'merchant', o.holdback);
    next = { ...o, publication: 'BREACHED' };
  }
  return { state: next, moves };
}

/** What escrow must hold for the order in this state. */
export function expectedEscrow(o: OrderState): bigint {
  if (OPEN_FUNDED.includes(o.status)) return o.price;
  if (o.status === 'COMPLETED' && ['UNPUBLISHED', 'LIVE', 'REPORTED_DOWN'].includes(o.publication!))
    return o.holdback;
  return 0n;
}

export function* permutations(items: number[]): Generator<number[]> {
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
const fraction = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant<Op>({ kind: 'fund' }), weight: 4 },
  { arbitrary: fc.constant<Op>({ kind: 'deliver' }), weight: 4 },
  { arbitrary: fc.constant<Op>({ kind: 'revise' }), weight: 2 },
  { arbitrary: fc.constant<Op>({ kind: 'accept' }), weight: 3 },
  { arbitrary: party.map<Op>((by) => ({ kind: 'cancel', by })), weight: 2 },
  { arbitrary: party.map<Op>((by) => ({ kind: 'dispute', by })), weight: 2 },
  { arbitrary: fraction.map<Op>((f) => ({ kind: 'resolve', fraction: f })), weight: 2 },
  {
    arbitrary: fc.tuple(party, fraction).map<Op>(([by, f]) => ({ kind: 'propose', by, fraction: f })),
    weight: 2,
  },
  { arbitrary: fc.boolean().map<Op>((accept) => ({ kind: 'respond', accept })), weight: 2 },
  { arbitrary: fc.constant<Op>({ kind: 'withdraw' }), weight: 1 },
  { arbitrary: fc.constant<Op>({ kind: 'publish' }), weight: 3 },
  { arbitrary: fc.constant<Op>({ kind: 'takedown' }), weight: 2 },
  { arbitrary: fc.constant<Op>({ kind: 'restore' }), weight: 2 },
);
export const raceOp: fc.Arbitrary<Op> = fc.constantFrom<Op>(
  { kind: 'fund' },
  { kind: 'deliver' },
  { kind: 'accept' },
  { kind: 'cancel', by: 'merchant' },
  { kind: 'cancel', by: 'creator' },
  { kind: 'dispute', by: 'creator' },
  { kind: 'respond', accept: true },
  { kind: 'publish' },
  { kind: 'takedown' },
  { kind: 'restore' },
);
