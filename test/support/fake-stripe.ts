import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { TestServer } from './harness';
import type { Parties } from './order-fixtures';

/**
 * A stand-in for Stripe's API on 127.0.0.1, so the Stripe tests need no network and no keys. It
 * records every request, creates the objects V-Task uses (PaymentIntents, Refunds, Transfers, Express
 * accounts, account links; charges appear when a test "pays" a PaymentIntent), answers list calls by
 * transfer_group, and deduplicates POSTs by Idempotency-Key as Stripe does: the same key replays the
 * first answer and creates nothing. Faults are injected per path: drop the connection after creating
 * the object (the answer is lost), refuse to answer at all (Stripe unreachable), or hold the answer
 * until the test releases it (for crashes between the call and its recorded outcome).
 */

export const FAKE_SECRET_KEY = 'sk_test_fake_vtask';
export const WEBHOOK_SECRET = 'whsec_test_fake_vtask_signing_secret';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The form body, nested as Stripe encodes it (`metadata[orderId]` becomes `metadata.orderId`). */
  body: Record<string, any>;
  idempotencyKey: string | null;
}

export interface Hold {
  /** Resolves when the held request has arrived (and its object exists). */
  arrived: Promise<RecordedRequest>;
  /** Sends the answer now (if the client is still there). */
  release(): void;
}

type Answer = { status: number; body: unknown };
type Fault = { kind: 'drop' } | { kind: 'unreachable'; times: number } | { kind: 'hold'; hold: HoldState };
interface HoldState {
  arrived: (request: RecordedRequest) => void;
  released: Promise<void>;
  release: () => void;
}

const stripe = new Stripe(FAKE_SECRET_KEY);

export class FakeStripe {
  readonly requests: RecordedRequest[] = [];
  readonly paymentIntents = new Map<string, Record<string, any>>();
  readonly charges = new Map<string, Record<string, any>>();
  readonly refunds = new Map<string, Record<string, any>>();
  readonly transfers = new Map<string, Record<string, any>>();
  readonly accounts = new Map<string, Record<string, any>>();
  private readonly idempotent = new Map<string, { path: string; params: string; answer: Answer }>();
  private readonly faults = new Map<string, Fault[]>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeStripe> {
    let fake: FakeStripe | null = null;
    const server = createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeStripe(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** The API's environment for Stripe pointed at this fake. */
  env(): Record<string, string> {
    return {
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: FAKE_SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: this.url,
    };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  posts(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === 'POST' && request.path === path);
  }

  // ------------------------------------------------------------------ faults

  /** The next POST to `path` is carried out, then its connection is dropped before the answer. */
  dropNext(path: string): void {
    this.addFault(path, { kind: 'drop' });
  }

  /** The next `times` POSTs to `path` are dropped without being carried out (Stripe unreachable). */
  unreachable(path: string, times: number): void {
    this.addFault(path, { kind: 'unreachable', times });
  }

  /** Clears the faults left for `path`. */
  reachable(path: string): void {
    this.faults.delete(path);
  }

  /** The next POST to `path` is carried out, and its answer waits until `release()`. */
  holdNext(path: string): Hold {
    let arrived!: (request: RecordedRequest) => void;
    let release!: () => void;
    const arrival = new Promise<RecordedRequest>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.addFault(path, { kind: 'hold', hold: { arrived, released, release } });
    return { arrived: arrival, release };
  }

  // ------------------------------------------------------------------ what the payer and Stripe do

  /** The payer confirms the PaymentIntent: it succeeds with a charge in its transfer group. */
  pay(intentId: string): Record<string, any> {
    const intent = this.mustGet(this.paymentIntents, intentId);
    const charge = {
      id: this.id('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      currency: intent.currency,
      payment_intent: intent.id,
      transfer_group: intent.transfer_group,
      metadata: {},
      refunded: false,
      paid: true,
      status: 'succeeded',
    };
    this.charges.set(charge.id, charge);
    Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, latest_charge: charge.id });
    return { ...intent };
  }

  /** A payment attempt on the PaymentIntent is declined (it stays confirmable with another card). */
  decline(intentId: string, message = 'Your card was declined.'): Record<string, any> {
    const intent = this.mustGet(this.paymentIntents, intentId);
    Object.assign(intent, {
      status: 'requires_payment_method',
      last_payment_error: { type: 'card_error', code: 'card_declined', message },
    });
    return { ...intent };
  }

  /** The charge of a PaymentIntent as charge.refunded carries it, with its refunds listed. */
  chargeOf(intentId: string): Record<string, any> {
    const charge = [...this.charges.values()].find((c) => c.payment_intent === intentId);
    if (!charge) throw new Error(`no charge for ${intentId}`);
    const refunds = [...this.refunds.values()].filter((refund) => refund.payment_intent === intentId);
    return { ...charge, refunds: { object: 'list', data: refunds, has_more: false } };
  }

  /** A refund made outside V-Task (the Dashboard, or one whose answer was lost). */
  refundOutside(
    intentId: string,
    amount: number,
    metadata: Record<string, string> = {},
  ): Record<string, any> {
    return this.createRefund({ payment_intent: intentId, amount: String(amount), metadata });
  }

  /** Onboarding finished: the account can receive transfers. */
  activate(accountId: string): Record<string, any> {
    const account = this.mustGet(this.accounts, accountId);
    Object.assign(account, {
      details_submitted: true,
      payouts_enabled: true,
      capabilities: { transfers: 'active' },
    });
    return { ...account };
  }

  reverse(transferId: string): Record<string, any> {
    const transfer = this.mustGet(this.transfers, transferId);
    Object.assign(transfer, { amount_reversed: transfer.amount, reversed: true });
    return { ...transfer };
  }

  // ------------------------------------------------------------------ webhooks

  event(type: string, object: Record<string, any>, createdAt = new Date()): Record<string, any> {
    return {
      id: this.id('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created: Math.floor(createdAt.getTime() / 1000),
      type,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object },
    };
  }

  /** A Stripe-Signature header for `payload`, made with the SDK's own test helper. */
  sign(payload: string, options: { secret?: string; timestamp?: number } = {}): string {
    return stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? WEBHOOK_SECRET,
      timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
    });
  }

  /** Delivers an event to the API as Stripe would (signed unless `signature` says otherwise). */
  async deliver(
    server: TestServer,
    event: Record<string, any>,
    options: { secret?: string; timestamp?: number; signature?: string | null } = {},
  ): Promise<{ status: number; body: any }> {
    const payload = JSON.stringify(event, null, 2);
    const signature = options.signature === undefined ? this.sign(payload, options) : options.signature;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (signature !== null) headers['stripe-signature'] = signature;
    const response = await fetch(`${server.url}/webhooks/stripe`, { method: 'POST', headers, body: payload });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body };
  }

  // ------------------------------------------------------------------ the API

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.url);
    const key = req.headers['idempotency-key'];
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: parseForm(Buffer.concat(chunks).toString('utf8')),
      idempotencyKey: typeof key === 'string' ? key : null,
    };
    this.requests.push(request);
    if (req.headers.authorization !== `Bearer ${FAKE_SECRET_KEY}`) {
      return send(res, { status: 401, body: error('invalid_request_error', 'Invalid API Key provided.') });
    }
    const fault = request.method === 'POST' ? this.takeFault(request.path) : null;
    if (fault?.kind === 'unreachable') {
      req.socket.destroy();
      return;
    }
    const answer = this.answer(request);
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hold') {
      fault.hold.arrived(request);
      await fault.hold.released;
    }
    send(res, answer);
  }

  /** Carries out a request once per Idempotency-Key, as Stripe does; a replay returns the first answer. */
  private answer(request: RecordedRequest): Answer {
    if (request.method !== 'POST') return this.read(request);
    const params = JSON.stringify(request.body);
    if (request.idempotencyKey) {
      const first = this.idempotent.get(request.idempotencyKey);
      if (first) {
        if (first.path !== request.path || first.params !== params) {
          return {
            status: 400,
            body: error(
              'idempotency_error',
              'Keys for idempotent requests can only be used with the same parameters they were first used with.',
            ),
          };
        }
        return first.answer;
      }
    }
    const answer = this.create(request);
    if (request.idempotencyKey)
      this.idempotent.set(request.idempotencyKey, { path: request.path, params, answer });
    return answer;
  }

  private create(request: RecordedRequest): Answer {
    const body = request.body;
    const tooLarge = amountTooLarge(request);
    if (tooLarge) return tooLarge;
    switch (request.path) {
      case '/v1/payment_intents': {
        const id = this.id('pi');
        const intent = {
          id,
          object: 'payment_intent',
          amount: Number(body.amount),
          amount_received: 0,
          currency: body.currency,
          status: 'requires_payment_method',
          client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`,
          transfer_group: body.transfer_group ?? null,
          description: body.description ?? null,
          metadata: body.metadata ?? {},
          last_payment_error: null,
          latest_charge: null,
        };
        this.paymentIntents.set(id, intent);
        return { status: 200, body: intent };
      }
      case '/v1/refunds': {
        if (!this.paymentIntents.has(body.payment_intent)) {
          return {
            status: 400,
            body: error('invalid_request_error', `No such payment_intent: '${body.payment_intent}'`),
          };
        }
        return { status: 200, body: this.createRefund(body) };
      }
      case '/v1/transfers': {
        const destination = this.accounts.get(body.destination);
        if (!destination)
          return {
            status: 400,
            body: error('invalid_request_error', `No such destination: '${body.destination}'`),
          };
        const transfer = {
          id: this.id('tr'),
          object: 'transfer',
          amount: Number(body.amount),
          amount_reversed: 0,
          reversed: false,
          currency: body.currency,
          destination: body.destination,
          transfer_group: body.transfer_group ?? null,
          metadata: body.metadata ?? {},
        };
        this.transfers.set(transfer.id, transfer);
        return { status: 200, body: transfer };
      }
      case '/v1/accounts': {
        const account = {
          id: this.id('acct'),
          object: 'account',
          type: body.type,
          details_submitted: false,
          payouts_enabled: false,
          charges_enabled: false,
          capabilities: { transfers: 'inactive' },
          metadata: body.metadata ?? {},
        };
        this.accounts.set(account.id, account);
        return { status: 200, body: account };
      }
      case '/v1/account_links': {
        if (!this.accounts.has(body.account))
          return { status: 400, body: error('invalid_request_error', `No such account: '${body.account}'`) };
        const now = Math.floor(Date.now() / 1000);
        return {
          status: 200,
          body: {
            object: 'account_link',
            created: now,
            expires_at: now + 300,
            url: `https://connect.stripe.test/setup/e/${body.account}/${randomBytes(6).toString('hex')}`,
          },
        };
      }
      default:
        return {
          status: 404,
          body: error('invalid_request_error', `Unrecognized request URL (POST: ${request.path}).`),
        };
    }
  }

  private read(request: RecordedRequest): Answer {
    const group = request.query.get('transfer_group');
    const list = (data: Record<string, any>[]) => ({
      status: 200,
      body: { object: 'list', url: request.path, has_more: false, data },
    });
    if (request.path === '/v1/charges')
      return list([...this.charges.values()].filter((c) => !group || c.transfer_group === group));
    if (request.path === '/v1/transfers')
      return list([...this.transfers.values()].filter((t) => !group || t.transfer_group === group));
    return {
      status: 404,
      body: error('invalid_request_error', `Unrecognized request URL (GET: ${request.path}).`),
    };
  }

  private createRefund(body: Record<string, any>): Record<string, any> {
    const refund = {
      id: this.id('re'),
      object: 'refund',
      amount: Number(body.amount),
      currency: this.paymentIntents.get(body.payment_intent)?.currency ?? 'cny',
      payment_intent: body.payment_intent,
      status: 'succeeded',
      metadata: body.metadata ?? {},
    };
    this.refunds.set(refund.id, refund);
    const charge = [...this.charges.values()].find((c) => c.payment_intent === body.payment_intent);
    if (charge) {
      charge.amount_refunded += refund.amount;
      charge.refunded = charge.amount_refunded >= charge.amount;
    }
    return refund;
  }

  private addFault(path: string, fault: Fault): void {
    this.faults.set(path, [...(this.faults.get(path) ?? []), fault]);
  }

  private takeFault(path: string): Fault | null {
    const queue = this.faults.get(path);
    const fault = queue?.[0];
    if (!fault) return null;
    if (fault.kind === 'unreachable' && fault.times > 1) fault.times--;
    else queue.shift();
    return fault;
  }

  private mustGet(map: Map<string, Record<string, any>>, id: string): Record<string, any> {
    const value = map.get(id);
    if (!value) throw new Error(`the fake Stripe has no ${id}`);
    return value;
  }

  private id(prefix: string): string {
    return `${prefix}_${randomBytes(12).toString('hex')}`;
  }
}

function send(res: ServerResponse, answer: Answer): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json',
    'request-id': `req_${randomBytes(6).toString('hex')}`,
  });
  res.end(text);
}

function error(
  type: string,
  message: string,
  detail: { code?: string; param?: string } = {},
): { error: { type: string; message: string; code?: string; param?: string } } {
  return { error: { type, message, ...detail } };
}

/**
 * Stripe's ceiling for one amount in two-decimal currencies: 99,999,999 minor units (999,999.99), see
 * https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts.
 */
export const STRIPE_MAX_AMOUNT = 99_999_999;

/**
 * What Stripe answers a PaymentIntent, Refund or Transfer above its ceiling: HTTP 400, an
 * invalid_request_error with code amount_too_large on the `amount` parameter, and nothing created.
 */
function amountTooLarge(request: RecordedRequest): Answer | null {
  const paths = ['/v1/payment_intents', '/v1/refunds', '/v1/transfers'];
  if (!paths.includes(request.path) || !(Number(request.body.amount) > STRIPE_MAX_AMOUNT)) return null;
  const currency = String(request.body.currency ?? 'usd').toUpperCase();
  return {
    status: 400,
    body: {
      error: {
        ...error('invalid_request_error', `Amount must be no more than 999,999.99 ${currency}`, {
          code: 'amount_too_large',
          param: 'amount',
        }).error,
        doc_url: 'https://stripe.com/docs/error-codes/amount-too-large',
      },
    },
  };
}

/** Stripe's form encoding (`a[b][c]=v`) into nested objects. */
export function parseForm(text: string): Record<string, any> {
  const result: Record<string, any> = {};
  if (!text) return result;
  for (const pair of text.split('&')) {
    const [rawKey, rawValue = ''] = pair.split('=');
    const key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
    const value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    const path = key.split(/\[|\]\[|\]/).filter((part) => part !== '');
    let target = result;
    path.forEach((part, index) => {
      if (index === path.length - 1) target[part] = value;
      else target = target[part] ??= {};
    });
  }
  return result;
}

// ------------------------------------------------------------------ helpers of the Stripe suites

export const PAYOUT_FIELDS = /* GraphQL */ `
  fragment P on Payout {
    id
    status
    providerReference
    failureReason
    amount {
      amount
    }
  }
`;

/** The order's latest PaymentIntent at the fake. */
export function intentOf(fake: FakeStripe, orderId: string): Record<string, any> {
  const intents = [...fake.paymentIntents.values()].filter((intent) => intent.metadata?.orderId === orderId);
  if (!intents.length) throw new Error(`no PaymentIntent for order ${orderId}`);
  return intents[intents.length - 1];
}

/** Funds an order the Stripe way: fundOrder (REQUIRES_ACTION), the payer pays, the webhook arrives. */
export async function fundWithStripe(
  parties: Parties,
  fake: FakeStripe,
  orderId: string,
): Promise<Record<string, any>> {
  const funded = await parties.gql.ok(
    `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) { status } }`,
    { id: orderId, key: `fund-${randomBytes(6).toString('hex')}` },
    parties.merchant.token,
  );
  if (funded.fundOrder.status !== 'REQUIRES_ACTION')
    throw new Error(`fundOrder answered ${funded.fundOrder.status}`);
  const intent = intentOf(fake, orderId);
  const delivered = await fake.deliver(
    parties.server,
    fake.event('payment_intent.succeeded', fake.pay(intent.id)),
  );
  if (delivered.status !== 200)
    throw new Error(`the webhook was answered ${delivered.status}: ${JSON.stringify(delivered.body)}`);
  return intent;
}
