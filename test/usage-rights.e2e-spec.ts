import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV, signUpMerchant, type Account } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import {
  BOOK_OFFER,
  INVITE_CREATOR,
  PLACE_BID,
  RESPOND,
  postOffer,
  postTask,
} from './support/market-fixtures';
import {
  expectWindowAfter,
  internalErrors,
  lastEventAt,
  ledgerViolations,
  orderIn,
  outcome,
  setUpParties,
  type Parties,
} from './support/order-fixtures';

const DAY_S = 60;

const TERMS = /* GraphQL */ `
  fragment Terms on UsageRights {
    reuseDays
    channels
    paidAds
    exclusivityDays
    summary
  }
`;
const TASK_TERMS = `query($id: ID!) { task(id: $id) { retentionDays usageRights { ...Terms } } } ${TERMS}`;
const ORDER_TERMS = `query($id: ID!) { order(id: $id) { retentionDays usageRights { ...Terms } publication { status holdback { amount } } } } ${TERMS}`;
const POST_TASK_TERMS = `mutation($input: PostTaskInput!) { postTask(input: $input) { id retentionDays usageRights { ...Terms } } } ${TERMS}`;
const OFFER_TERMS = `query($id: ID!) { offer(id: $id) { retentionDays usageRights { ...Terms } } } ${TERMS}`;
const UPDATE_TASK = `mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(taskId: $id, input: $input) { id retentionDays usageRights { ...Terms } } } ${TERMS}`;

const REUSE_AND_ADS = { reuseDays: 90, channels: ['HEADLINES', 'LIVE'], paidAds: true, exclusivityDays: 0 };
const REUSE_AND_ADS_SUMMARY = {
  en: '90 days of reuse on Headlines, Live; paid ads allowed; no exclusivity.',
  zh: '可在淘宝头条、淘宝直播二次使用 90 天；允许投流；无独家期。',
};
const LIVE_EXCLUSIVE = { reuseDays: 30, channels: ['LIVE'], paidAds: false, exclusivityDays: 14 };
const LIVE_EXCLUSIVE_SUMMARY = {
  en: '30 days of reuse on Live; no paid ads; 14 days of exclusivity in the industry.',
  zh: '可在淘宝直播二次使用 30 天；不可投流；同行业独家 14 天。',
};

describe('usage rights and retention', () => {
  let server: TestServer;
  let p: Parties;

  beforeAll(async () => {
    server = await startTestServer({ env: { ...ADMIN_ENV, DAY_S: String(DAY_S) } });
    p = await setUpParties(server);
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    expect(internalErrors(server.gql)).toEqual([]);
    expect(await ledgerViolations(server)).toEqual([]);
    await server.close();
  });

  /** An order's usage-rights sentence as a reader of `language` gets it. */
  const orderSummaryIn = async (orderId: string, token: string, language: string): Promise<string> => {
    const response = await server.gql.request(ORDER_TERMS, { id: orderId }, token, {
      'accept-language': language,
    });
    expect(response.errors).toBeUndefined();
    return response.data?.order.usageRights.summary;
  };

  it('a task that says nothing buys the post only, with 30 days of retention; the summary reads in the viewer’s language', async () => {
    const task = await postTask(server.gql, p.merchant.token);
    const en = (await server.gql.ok(TASK_TERMS, { id: task.id }, p.creator.token)).task;
    expect(en.retentionDays).toBe(30);
    expect(en.usageRights).toEqual({
      reuseDays: 0,
      channels: [],
      paidAds: false,
      exclusivityDays: 0,
      summary: 'Post only, no reuse; no paid ads; no exclusivity.',
    });
    const zh = await server.gql.request(TASK_TERMS, { id: task.id }, p.creator.token, {
      'accept-language': 'zh-CN',
    });
    expect(zh.data?.task.usageRights.summary).toBe('仅发布，不可二次使用；不可投流；无独家期。');
  });

  it('states reuse, channels and paid ads as a sentence', async () => {
    const posted = (
      await server.gql.ok(
        POST_TASK_TERMS,
        {
          input: {
            ...taskBase(),
            usageRights: { ...REUSE_AND_ADS, channels: ['HEADLINES', 'LIVE', 'LIVE'] },
            retentionDays: 60,
          },
        },
        p.merchant.token,
      )
    ).postTask;
    expect(posted.retentionDays).toBe(60);
    expect(posted.usageRights).toMatchObject({ ...REUSE_AND_ADS, channels: ['HEADLINES', 'LIVE'] });
    expect(posted.usageRights.summary).toBe(REUSE_AND_ADS_SUMMARY.en);
    const zh = await server.gql.request(TASK_TERMS, { id: posted.id }, p.creator.token, {
      'accept-language': 'zh-CN',
    });
    expect(zh.data?.task.usageRights.summary).toBe(REUSE_AND_ADS_SUMMARY.zh);
  });

  it('refuses terms out of range, naming each field, and changes nothing', async () => {
    const before = await server.sql(`SELECT count(*)::int AS n FROM tasks`);
    const response = await server.gql.request(
      POST_TASK_TERMS,
      {
        input: {
          ...taskBase(),
          usageRights: { reuseDays: -1, channels: [], paidAds: false, exclusivityDays: 400 },
          retentionDays: 366,
        },
      },
      p.merchant.token,
    );
    expect(outcome(response)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response.errors)).toMatch(/reuseDays/);
    expect(JSON.stringify(response.errors)).toMatch(/exclusivityDays/);
    expect(JSON.stringify(response.errors)).toMatch(/retentionDays/);
    expect(await server.sql(`SELECT count(*)::int AS n FROM tasks`)).toEqual(before);
  });

  it('the order copies the terms when it is made, its summary in the viewer’s language; editing the task later does not change them', async () => {
    const orderId = await orderIn(p, 'AWAITING_FUNDING', { usageRights: REUSE_AND_ADS, retentionDays: 45 });
    const order = (await server.gql.ok(ORDER_TERMS, { id: orderId }, p.creator.token)).order;
    expect(order.usageRights).toEqual({ ...REUSE_AND_ADS, summary: REUSE_AND_ADS_SUMMARY.en });
    expect(await orderSummaryIn(orderId, p.merchant.token, 'zh-CN')).toBe(REUSE_AND_ADS_SUMMARY.zh);
    expect(order.publication).toEqual({ status: 'UNPUBLISHED', holdback: { amount: '10.00' } });
    const [row] = await server.sql(`SELECT retention_days, task_id FROM orders WHERE id = $1`, [orderId]);
    expect(row.retention_days).toBe(45);
    expect(order.retentionDays).toBe(45);
    // The task is full now: its merchant cannot edit it, so the order's terms stand as agreed.
    const edit = await server.gql.request(
      UPDATE_TASK,
      { id: row.task_id, input: { retentionDays: 0 } },
      p.merchant.token,
    );
    expect(outcome(edit)).not.toBe('OK');
    expect(
      (await server.gql.ok(ORDER_TERMS, { id: orderId }, p.creator.token)).order.usageRights,
    ).toMatchObject(REUSE_AND_ADS);
  });

  it('updateTask changes the terms of an open task; duplicateTask copies them', async () => {
    const task = await postTask(server.gql, p.merchant.token);
    const updated = (
      await server.gql.ok(
        UPDATE_TASK,
        { id: task.id, input: { usageRights: REUSE_AND_ADS, retentionDays: 10 } },
        p.merchant.token,
      )
    ).updateTask;
    expect(updated.retentionDays).toBe(10);
    expect(updated.usageRights).toMatchObject(REUSE_AND_ADS);
    const copy = await server.gql.ok(
      `mutation($id: ID!) { duplicateTask(taskId: $id) { retentionDays usageRights { reuseDays paidAds } } }`,
      { id: task.id },
      p.merchant.token,
    );
    expect(copy.duplicateTask).toEqual({ retentionDays: 10, usageRights: { reuseDays: 90, paidAds: true } });
  });

  it('an offer states its terms, its summary in the viewer’s language, and a booking copies them', async () => {
    const offer = await postOffer(server.gql, p.creator.token, {
      usageRights: LIVE_EXCLUSIVE,
      retentionDays: 0,
    });
    const read = await server.gql.ok(OFFER_TERMS, { id: offer.id }, p.merchant.token);
    expect(read.offer).toEqual({
      retentionDays: 0,
      usageRights: { ...LIVE_EXCLUSIVE, summary: LIVE_EXCLUSIVE_SUMMARY.en },
    });
    const zh = await server.gql.request(OFFER_TERMS, { id: offer.id }, p.merchant.token, {
      'accept-language': 'zh-CN',
    });
    expect(zh.data?.offer.usageRights.summary).toBe(LIVE_EXCLUSIVE_SUMMARY.zh);
    const booked = await server.gql.ok(
      BOOK_OFFER,
      { input: { offerId: offer.id, brief: 'Our sofa.' } },
      p.merchant.token,
    );
    const order = (await server.gql.ok(ORDER_TERMS, { id: booked.bookOffer.id }, p.merchant.token)).order;
    expect(order.usageRights).toEqual({ ...LIVE_EXCLUSIVE, summary: LIVE_EXCLUSIVE_SUMMARY.en });
    expect(await orderSummaryIn(booked.bookOffer.id, p.creator.token, 'zh-CN')).toBe(
      LIVE_EXCLUSIVE_SUMMARY.zh,
    );
    expect(order.publication.holdback).toEqual({ amount: '0.00' });
    expect(order.retentionDays).toBe(0);
  });

  it("a booking is due the offer's turnaroundDays from now in days of DAY_S", async () => {
    const offer = await postOffer(server.gql, p.creator.token, { turnaroundDays: 3 });
    const booked = await server.gql.ok(
      BOOK_OFFER,
      { input: { offerId: offer.id, brief: 'Our lamp.' } },
      p.merchant.token,
    );
    const [row] = await server.sql(
      `SELECT extract(epoch FROM deliver_by - created_at)::int AS seconds FROM orders WHERE id = $1`,
      [booked.bookOffer.id],
    );
    // Three days of 60 s each (this suite's DAY_S), not three calendar days.
    expect(Math.abs(row.seconds - 3 * DAY_S)).toBeLessThanOrEqual(2);
  });

  describe('exclusivity', () => {
    let sameIndustry: Account;
    let otherIndustry: Account;
    let noIndustry: Account;

    beforeAll(async () => {
      // p.merchant is in "home"; home.decor has the same parent tag; beauty does not; one shop names none.
      [sameIndustry, otherIndustry, noIndustry] = await Promise.all([
        signUpMerchant(server.gql, { merchant: { shopName: 'Decor Shop', industry: 'home.decor' } }),
        signUpMerchant(server.gql, { merchant: { shopName: 'Beauty Shop', industry: 'beauty' } }),
        signUpMerchant(server.gql, { merchant: { shopName: 'General Store' } }),
      ]);
    });

    it('from acceptance for exclusivityDays × DAY_S, and again from publication, the creator cannot bid on, be invited to, accept an invitation for or be booked by a merchant of the same industry', async () => {
      const rivalTask = await postTask(server.gql, sameIndustry.token, { slots: 2 });
      const otherTask = await postTask(server.gql, otherIndustry.token);
      // An invitation sent before the exclusive deal, answered after it.
      const earlier = await server.gql.ok(
        INVITE_CREATOR,
        { input: { taskId: rivalTask.id, creatorId: p.creator.profileId } },
        sameIndustry.token,
      );
      const offer = await postOffer(server.gql, p.creator.token, { slots: 5 });
      const orderId = await orderIn(p, 'COMPLETED', {
        usageRights: { reuseDays: 0, channels: [], paidAds: false, exclusivityDays: 5 },
      });
      // Unpublished, the window runs exclusivityDays × DAY_S from acceptance.
      const [{ exclusive_until: until }] = await server.sql(
        `SELECT exclusive_until FROM order_publications WHERE order_id = $1`,
        [orderId],
      );
      expectWindowAfter(
        await lastEventAt(server.gql, p.merchant.token, orderId, 'ACCEPTED'),
        until,
        5 * DAY_S,
      );

      const bid = await server.gql.request(
        PLACE_BID,
        { input: { taskId: rivalTask.id, price: { amount: '400.00', currencyCode: 'CNY' }, pitch: 'Hi' } },
        p.creator.token,
      );
      expect(outcome(bid)).toBe('CONFLICT');
      expect(bid.errors?.[0].message).toMatch(/exclusive to another merchant of the same industry until \w+/);
      const zh = await server.gql.request(
        PLACE_BID,
        { input: { taskId: rivalTask.id, price: { amount: '400.00', currencyCode: 'CNY' }, pitch: 'Hi' } },
        p.creator.token,
        { 'accept-language': 'zh-CN' },
      );
      expect(zh.errors?.[0].message).toMatch(/前为同行业另一商家独家合作/);
      const invite = await server.gql.request(
        INVITE_CREATOR,
        { input: { taskId: rivalTask.id, creatorId: p.creator.profileId } },
        sameIndustry.token,
      );
      expect(outcome(invite)).toBe('CONFLICT');
      const answer = await server.gql.request(
        RESPOND,
        { id: earlier.inviteCreator.id, accept: true },
        p.creator.token,
      );
      expect(outcome(answer)).toBe('CONFLICT');
      const booking = await server.gql.request(
        BOOK_OFFER,
        { input: { offerId: offer.id, brief: 'Our vase.' } },
        sameIndustry.token,
      );
      expect(outcome(booking)).toBe('CONFLICT');

      // Another industry, a merchant without one, and the same merchant are not affected.
      expect(
        outcome(
          await server.gql.request(
            PLACE_BID,
            {
              input: { taskId: otherTask.id, price: { amount: '400.00', currencyCode: 'CNY' }, pitch: 'Hi' },
            },
            p.creator.token,
          ),
        ),
      ).toBe('OK');
      expect(
        outcome(
          await server.gql.request(
            BOOK_OFFER,
            { input: { offerId: offer.id, brief: 'Lipstick.' } },
            otherIndustry.token,
          ),
        ),
      ).toBe('OK');
      expect(
        outcome(
          await server.gql.request(
            BOOK_OFFER,
            { input: { offerId: offer.id, brief: 'Our umbrella.' } },
            noIndustry.token,
          ),
        ),
      ).toBe('OK');
      expect(
        outcome(
          await server.gql.request(
            BOOK_OFFER,
            { input: { offerId: offer.id, brief: 'Sofa.' } },
            p.merchant.token,
          ),
        ),
      ).toBe('OK');

      // Publication restarts the window from publishedAt.
      await server.gql.ok(
        `mutation($id: ID!, $url: String!) { markPublished(orderId: $id, url: $url) { id } }`,
        { id: orderId, url: 'https://x.example/post' },
        p.creator.token,
      );
      const [published] = await server.sql(
        `SELECT exclusive_until, extract(epoch FROM exclusive_until - published_at)::int AS seconds FROM order_publications WHERE order_id = $1`,
        [orderId],
      );
      expect(published.seconds).toBe(5 * DAY_S);
      const { publishedAt } = (
        await server.gql.ok(
          `query($id: ID!) { order(id: $id) { publication { publishedAt } } }`,
          { id: orderId },
          p.merchant.token,
        )
      ).order.publication;
      expectWindowAfter(publishedAt, published.exclusive_until, 5 * DAY_S);
      expect(published.exclusive_until.getTime()).toBeGreaterThan(until.getTime());

      // Once the window has passed the rival may invite again.
      await server.sql(
        `UPDATE order_publications SET exclusive_until = now() - interval '1 second' WHERE order_id = $1`,
        [orderId],
      );
      expect(
        outcome(
          await server.gql.request(RESPOND, { id: earlier.inviteCreator.id, accept: true }, p.creator.token),
        ),
      ).toBe('OK');
    });
  });
});

function taskBase(): Record<string, unknown> {
  const day = 24 * 3600 * 1000;
  return {
    title: 'Terms task',
    brief: 'A task with terms.',
    contentType: 'VIDEO',
    channels: ['HEADLINES'],
    domainTags: ['home.furniture'],
    budget: { amount: '300.00', currencyCode: 'CNY' },
    slots: 1,
    applyBy: new Date(Date.now() + day).toISOString(),
    deliverBy: new Date(Date.now() + 7 * day).toISOString(),
    publish: true,
  };
}
