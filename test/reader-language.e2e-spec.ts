import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { formatInstant } from '@vtask/core';
import { ADMIN_ENV } from './support/fixtures';
import { GqlClient, startTestServer, type TestServer } from './support/harness';
import {
  eventually,
  fireOrderTimers,
  internalErrors,
  mustSucceed,
  orderCalls,
  orderFromTask,
  orderIn,
  orderStatus,
  setUpParties,
  type Parties,
} from './support/order-fixtures';

const CJK = /[\u4e00-\u9fff]/;
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:/;

const NOTIFICATIONS = `query { notifications(first: 20) { nodes { type message } } }`;
const RECOMMENDED_TASKS = `query { recommendedTasks(first: 5) { task { id } reasons } }`;
const TIMELINE = `query($id: ID!) { order(id: $id) { events { type note } } }`;
const PAYOUTS = `query { myPayouts { status providerReference failureReason note } }`;

/**
 * SPEC "Language and conversation": text the server writes follows the request's Accept-Language
 * (Chinese when absent) and X-Time-Zone (Asia/Shanghai when absent): errors, notifications (by query
 * and by live push) and matching reasons.
 */
describe("server text in the reader's language", () => {
  let server: TestServer;
  let parties: Parties;
  /** The Chinese console: it names no language (the default) or zh-CN. */
  let chinese: GqlClient;
  let chineseNamed: GqlClient;
  let english: GqlClient;
  const clients: Client[] = [];

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    parties = await setUpParties(server);
    chinese = new GqlClient(server.url, null);
    chineseNamed = new GqlClient(server.url, 'zh-CN,zh;q=0.9,en;q=0.5');
    english = new GqlClient(server.url, 'en-US,en;q=0.9');
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    expect(internalErrors(server.gql)).toEqual([]);
    await server.close();
  });

  it('answers errors in Chinese to a Chinese request and in English to an English one', async () => {
    const { creator } = parties;
    const noToken = `query { myOrders { totalCount } }`;
    expect((await chinese.fail(noToken)).message).toBe('请先登录。');
    expect((await english.fail(noToken)).message).toBe('Sign in first: send an Authorization: Bearer token.');

    // A role the API checks: a creator may not post a task.
    const post = `mutation($id: ID!) { publishTask(taskId: $id) { id } }`;
    const id = '7d9f2c1e-3b4a-4c5d-8e6f-0a1b2c3d4e5f';
    expect(await chineseNamed.fail(post, { id }, creator.token)).toMatchObject({
      message: '只有商家账号可以执行此操作。',
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await english.fail(post, { id }, creator.token)).message).toBe(
      'Only merchant accounts may do this.',
    );

    // The input check before execution, with the field at fault in the reader's language.
    const refused = await chinese.fail(
      `query($id: ID!) { order(id: $id) { id } }`,
      { id: 'a\u0000' },
      creator.token,
    );
    expect(refused.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { id: '文本不能包含空字符（\\u0000）。' },
    });
    expect(refused.message).toMatch(CJK);

    // Uncatalogued findings (class-validator) per field, never in English.
    const tooLong = await chinese.fail(
      `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
      { input: { taskId: id, price: { amount: '1.00', currencyCode: 'CNY' }, pitch: 'x'.repeat(5000) } },
      creator.token,
    );
    expect(tooLong.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooLong.message).toMatch(CJK);
    for (const problem of Object.values(tooLong.extensions?.fields ?? {})) expect(problem).toMatch(CJK);
    expect(tooLong.message).not.toMatch(/[A-Za-z]{4,} [a-z]{3,}/);
  });

  it('writes notifications for the reader, times in their zone', async () => {
    const { creator } = parties;
    await orderFromTask(parties, { price: '800.00' });
    const zh = (await chinese.ok(NOTIFICATIONS, {}, creator.token)) as any;
    const accepted = zh.notifications.nodes.find((node: any) => node.type === 'BID_ACCEPTED');
    expect(accepted.message).toMatch(/^商家「.+」接受了你对「Order suite task」的报名（报价 ¥800\.00）/);
    expect(accepted.message).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d/);
    expect(accepted.message).not.toMatch(ISO_TIME);

    const en = (await english.request(NOTIFICATIONS, {}, creator.token, { 'x-time-zone': 'Europe/Berlin' }))
      .data as any;
    const acceptedEn = en.notifications.nodes.find((node: any) => node.type === 'BID_ACCEPTED');
    expect(acceptedEn.message).toMatch(/accepted your bid of 800\.00 CNY on "Order suite task"/);
    expect(acceptedEn.message).not.toMatch(ISO_TIME);
    expect(CJK.test(acceptedEn.message)).toBe(false);
  });

  it('pushes live notifications in the language of the socket (connectionParams)', async () => {
    const { merchant, creator } = parties;
    const orderId = await orderFromTask(parties);
    const received: any[] = [];
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: {
        authorization: `Bearer ${creator.token}`,
        acceptLanguage: 'zh-CN',
        timeZone: 'Asia/Tokyo',
      },
      retryAttempts: 0,
    });
    clients.push(client);
    client.subscribe(
      { query: `subscription { notificationAdded { type message } }` },
      {
        next: (result) => received.push(result.data?.notificationAdded),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    // Live once a canary arrives (the server does not acknowledge a subscription).
    await eventually(
      async () => {
        await server.sql(
          `INSERT INTO notifications (user_id, type, message) VALUES ($1, 'TEST_CANARY', 'canary')`,
          [creator.userId],
        );
        await sleep(150);
        return received.some((value) => value?.type === 'TEST_CANARY');
      },
      'the subscription to be live',
      15_000,
      0,
    );
    mustSucceed(await orderCalls(server.gql).fund(merchant.token, orderId), 'fund');
    await eventually(
      async () => received.some((value) => value?.type === 'ORDER_FUNDED'),
      'the creator told',
    );
    const funded = received.find((value) => value?.type === 'ORDER_FUNDED');
    expect(funded.message).toMatch(/^商家「.+」已为「Order suite task」付款，¥100\.00 已托管。/);
    expect(funded.message).not.toMatch(ISO_TIME);
  });

  it('gives matching reasons in the reader language, tiers and channels by name', async () => {
    const { merchant, creator } = parties;
    await server.gql.ok(
      `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
      {
        input: {
          title: 'Reasons task',
          brief: 'A task to rank.',
          contentType: 'VIDEO',
          channels: ['HEADLINES', 'LIVE'],
          domainTags: ['home.furniture'],
          budget: { amount: '500.00', currencyCode: 'CNY' },
          slots: 1,
          minTier: 'CREATOR',
          applyBy: new Date(Date.now() + 86_400_000).toISOString(),
          deliverBy: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          maxRevisions: 1,
          publish: true,
        },
      },
      merchant.token,
    );
    const zh = ((await chinese.ok(RECOMMENDED_TASKS, {}, creator.token)) as any).recommendedTasks;
    const en = ((await english.ok(RECOMMENDED_TASKS, {}, creator.token)) as any).recommendedTasks;
    expect(zh.length).toBeGreaterThan(0);
    const zhReasons: string[] = zh[0].reasons;
    expect(zhReasons).toContain('等级「资深达人」满足「大V达人」要求');
    expect(zhReasons).toContain('领域匹配：家具');
    for (const reason of zhReasons) {
      expect(reason).toMatch(CJK);
      expect(reason).not.toMatch(/EXPERT|CREATOR|HEADLINES|GOOD_FINDS/);
    }
    expect(en[0].reasons).toContain('tier Expert meets Creator');
  });

  it("writes timeline entries and payout notes for the reader; a person's words stay as typed", async () => {
    const { merchant, creator } = parties;
    const orderId = await orderIn(parties, 'REVISION_REQUESTED', { maxRevisions: 2 });
    mustSucceed(await orderCalls(server.gql).deliver(creator.token, orderId), 'second delivery');
    mustSucceed(await orderCalls(server.gql).accept(merchant.token, orderId), 'accept');
    type Entry = { type: string; note: string | null };
    const zh: Entry[] = ((await chinese.ok(TIMELINE, { id: orderId }, merchant.token)) as any).order.events;
    const en: Entry[] = ((await english.ok(TIMELINE, { id: orderId }, merchant.token)) as any).order.events;
    const notes = (events: Entry[]) => events.map((event) => [event.type, event.note]);
    expect(notes(zh)).toEqual([
      ['CREATED', '商家接受了报名'],
      ['FUNDED', expect.stringMatching(/^已扣款（沙盒，sandbox_ch_\S+）$/)],
      ['DELIVERED', '第 1 版'],
      ['REVISION_REQUESTED', 'Closer on the fabric, please.'],
      ['DELIVERED', '第 2 版'],
      ['ACCEPTED', null],
    ]);
    expect(notes(en)).toEqual([
      ['CREATED', 'Bid accepted'],
      ['FUNDED', expect.stringMatching(/^Charged \(sandbox, sandbox_ch_\S+\)$/)],
      ['DELIVERED', 'Version 1'],
      ['REVISION_REQUESTED', 'Closer on the fabric, please.'],
      ['DELIVERED', 'Version 2'],
      ['ACCEPTED', null],
    ]);
    // The provider's reference is kept verbatim in both.
    expect(zh[1].note).toContain(en[1].note!.replace(/^Charged \(sandbox, (.+)\)$/, '$1'));

    mustSucceed(await orderCalls(server.gql).payout(creator.token, '10.00'), 'payout');
    const [paidZh] = ((await chinese.ok(PAYOUTS, {}, creator.token)) as any).myPayouts;
    const [paidEn] = ((await english.ok(PAYOUTS, {}, creator.token)) as any).myPayouts;
    expect(paidZh.status).toBe('PAID');
    expect(paidZh.providerReference).toMatch(/^sandbox_po_/);
    expect(paidZh.note).toBe(`已打款（沙盒，${paidZh.providerReference}）`);
    expect(paidEn.note).toBe(`Paid out (sandbox, ${paidZh.providerReference})`);
    expect(paidZh.failureReason).toBeNull();
  });

  it('writes the funding deadline that passed in the reader zone', async () => {
    const { merchant } = parties;
    const orderId = await orderFromTask(parties);
    // The deadline passes and its timer fires: the entry names the deadline in the reader's zone.
    await fireOrderTimers(server, orderId, 'funding');
    await eventually(async () => (await orderStatus(server, orderId)) === 'CANCELLED', 'funding expired');
    const [{ deadline }] = await server.sql(`SELECT funding_deadline AS deadline FROM orders WHERE id = $1`, [
      orderId,
    ]);
    const zh: any = await chinese.request(TIMELINE, { id: orderId }, merchant.token, {
      'x-time-zone': 'Asia/Tokyo',
    });
    const en: any = await english.request(TIMELINE, { id: orderId }, merchant.token, {
      'x-time-zone': 'America/New_York',
    });
    const expired = (events: { type: string; note: string }[]) =>
      events.find((event) => event.type === 'FUNDING_EXPIRED')!.note;
    const tokyo = formatInstant(new Date(deadline), { locale: 'zh-CN', timeZone: 'Asia/Tokyo' });
    const newYork = formatInstant(new Date(deadline), { locale: 'en', timeZone: 'America/New_York' });
    expect(expired(zh.data.order.events)).toBe(`商家未在 ${tokyo} 前付款托管`);
    expect(expired(en.data.order.events)).toBe(`Not funded by ${newYork}`);
  });
});
