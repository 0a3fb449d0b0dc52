import type { Api } from './api';

const DAY = 24 * 3600_000;

/** A published task of the merchant's with `slots` places at `price` CNY each. */
export async function postTask(
  api: Api,
  merchant: string,
  title: string,
  slots: number,
  price = '500.00',
  brief = 'Short videos for the Double 11 venue.',
): Promise<string> {
  const { postTask } = await api.call(
    `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
    {
      input: {
        title,
        brief,
        contentType: 'VIDEO',
        channels: ['HEADLINES'],
        domainTags: ['home'],
        budget: { amount: price, currencyCode: 'CNY' },
        slots,
        applyBy: new Date(Date.now() + DAY).toISOString(),
        deliverBy: new Date(Date.now() + 5 * DAY).toISOString(),
        publish: true,
      },
    },
    merchant,
  );
  return postTask.id;
}

/** The creator bids on the task at its budget and the merchant accepts: the order, awaiting funding. */
async function acceptedBid(
  api: Api,
  taskId: string,
  merchant: string,
  creator: string,
  price = '500.00',
): Promise<string> {
  const { placeBid } = await api.call(
    `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
    { input: { taskId, price: { amount: price, currencyCode: 'CNY' }, pitch: 'Happy to.' } },
    creator,
  );
  const { acceptBid } = await api.call(
    `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
    { id: placeBid.id },
    merchant,
  );
  return acceptBid.id;
}

/** One order between the merchant and the creator, made through the API and awaiting funding. */
export async function awaitingFundingOrder(
  api: Api,
  merchantEmail: string,
  creatorEmail: string,
): Promise<string> {
  const merchant = await api.token(merchantEmail);
  const taskId = await postTask(api, merchant, `Card payment ${Date.now()}`, 1);
  return acceptedBid(api, taskId, merchant, await api.token(creatorEmail));
}

export interface FundedOrder {
  orderId: string;
  merchant: string;
  creator: string;
}

/** One order at `price` CNY between the merchant and the creator, made and funded through the API. */
export async function fundedOrder(
  api: Api,
  merchantEmail: string,
  creatorEmail: string,
  price = '500.00',
): Promise<FundedOrder> {
  const merchant = await api.token(merchantEmail);
  const creator = await api.token(creatorEmail);
  const taskId = await postTask(api, merchant, `Order ${price} ${Date.now()}`, 1, price);
  const orderId = await acceptedBid(api, taskId, merchant, creator, price);
  await api.call(
    `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) { status } }`,
    { id: orderId, key: `browser-fund-${orderId}` },
    merchant,
  );
  return { orderId, merchant, creator };
}

/** The creator submits the next version of the order's content through the API. */
export async function deliver(api: Api, order: FundedOrder, title: string): Promise<void> {
  await api.call(
    `mutation($input: SubmitDeliverableInput!) { submitDeliverable(input: $input) { id } }`,
    { input: { orderId: order.orderId, title, body: `${title}：正文。` } },
    order.creator,
  );
}

/**
 * Completed orders of one merchant, made through the API (post, bids, accept, fund, deliver,
 * accept): the content a venue's lineup is curated from.
 */
export async function completedOrders(
  api: Api,
  merchantEmail: string,
  creatorEmails: string[],
): Promise<string[]> {
  const merchant = await api.token(merchantEmail);
  const taskId = await postTask(api, merchant, `Venue content ${Date.now()}`, creatorEmails.length);
  const orderIds: string[] = [];
  for (const [index, email] of creatorEmails.entries()) {
    const creator = await api.token(email);
    const orderId = await acceptedBid(api, taskId, merchant, creator);
    await api.call(
      `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) { status } }`,
      { id: orderId, key: `browser-fund-${orderId}` },
      merchant,
    );
    await api.call(
      `mutation($input: SubmitDeliverableInput!) { submitDeliverable(input: $input) { id } }`,
      {
        input: {
          orderId,
          title: `双11 种草视频 #${index + 1} (${email.split('@')[0]})`,
          body: 'Final cut.',
        },
      },
      creator,
    );
    await api.call(
      `mutation($id: ID!, $key: String!) { acceptDelivery(orderId: $id, rating: 5, idempotencyKey: $key) { status } }`,
      { id: orderId, key: `browser-accept-${orderId}` },
      merchant,
    );
    orderIds.push(orderId);
  }
  return orderIds;
}
