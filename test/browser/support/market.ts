import type { Api } from './api';

const DAY = 24 * 3600_000;

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
  const { postTask } = await api.call(
    `mutation($input: PostTaskInput!) { postTask(input: $input) { id } }`,
    {
      input: {
        title: `Venue content ${Date.now()}`,
        brief: 'Short videos for the Double 11 venue.',
        contentType: 'VIDEO',
        channels: ['HEADLINES'],
        domainTags: ['home'],
        budget: { amount: '500.00', currencyCode: 'CNY' },
        slots: creatorEmails.length,
        applyBy: new Date(Date.now() + DAY).toISOString(),
        deliverBy: new Date(Date.now() + 5 * DAY).toISOString(),
        publish: true,
      },
    },
    merchant,
  );
  const orderIds: string[] = [];
  for (const [index, email] of creatorEmails.entries()) {
    const creator = await api.token(email);
    const { placeBid } = await api.call(
      `mutation($input: PlaceBidInput!) { placeBid(input: $input) { id } }`,
      {
        input: { taskId: postTask.id, price: { amount: '500.00', currencyCode: 'CNY' }, pitch: 'Happy to.' },
      },
      creator,
    );
    const { acceptBid } = await api.call(
      `mutation($id: ID!) { acceptBid(bidId: $id) { id } }`,
      { id: placeBid.id },
      merchant,
    );
    await api.call(
      `mutation($id: ID!, $key: String!) { fundOrder(orderId: $id, idempotencyKey: $key) { status } }`,
      { id: acceptBid.id, key: `browser-fund-${acceptBid.id}` },
      merchant,
    );
    await api.call(
      `mutation($input: SubmitDeliverableInput!) { submitDeliverable(input: $input) { id } }`,
      {
        input: {
          orderId: acceptBid.id,
          title: `双11 种草视频 #${index + 1} (${email.split('@')[0]})`,
          body: 'Final cut.',
        },
      },
      creator,
    );
    await api.call(
      `mutation($id: ID!, $key: String!) { acceptDelivery(orderId: $id, rating: 5, idempotencyKey: $key) { status } }`,
      { id: acceptBid.id, key: `browser-accept-${acceptBid.id}` },
      merchant,
    );
    orderIds.push(acceptBid.id);
  }
  return orderIds;
}
