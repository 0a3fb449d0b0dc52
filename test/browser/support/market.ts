import type { Api } from './api';

const DAY = 24 * 3600_000;

/** A published task of the merchant's with `slots` places at 500.00 CNY. */
async function postTask(api: Api, merchant: string, title: string, slots: number): Promise<string> {
  const { postTask } = await api.call(
    `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
    {
      input: {
        title,
        brief: 'Short videos for the Double 11 venue.',
        contentType: 'VIDEO',
        channels: ['HEADLINES'],
        domainTags: ['home'],
        budget: { amount: '500.00', currencyCode: 'CNY' },
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
async function acceptedBid(api: Api, taskId: string, merchant: string, creator: string): Promise<string> {
  const { placeBid } = await api.call(
    `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
    { input: { taskId, price: { amount: '500.00', currencyCode: 'CNY' }, pitch: 'Happy to.' } },
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
