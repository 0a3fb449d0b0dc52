import { describe, expect, it } from 'vitest';
import { createCache } from './apollo';
import { OrderPerformanceDocument, OrderTrackingDocument } from './graphql/generated';

const ORDER_ID = '4f7c2a0e-8d1b-4c55-9a3e-2b6f1d0c9e71';
const money = (amount: string) => ({ __typename: 'Money' as const, amount, currencyCode: 'CNY' as const });
const verified = {
  __typename: 'VerifiedFigures' as const,
  clicks: 12,
  uniqueVisitors: 9,
  orders: 2,
  gmv: money('398.00'),
  conversionRate: 0.1667,
  returnOnSpend: 0.5,
};

/** The order page's performance card's answer: every figure of the content. */
const performanceAnswer = {
  order: {
    __typename: 'Order' as const,
    id: ORDER_ID,
    performance: {
      __typename: 'ContentPerformance' as const,
      views: 5200,
      clicks: 12,
      favorites: 40,
      addToCarts: 7,
      orders: 2,
      gmv: money('398.00'),
      spend: money('800.00'),
      clickThroughRate: 0.0023,
      conversionRate: 0.1667,
      returnOnSpend: 0.5,
      verified,
    },
    dailyPerformance: [],
  },
};

/** The tracking card's answer: the same order's figures, fewer of them. */
const trackingAnswer = {
  order: {
    __typename: 'Order' as const,
    id: ORDER_ID,
    price: money('800.00'),
    merchant: {
      __typename: 'Merchant' as const,
      id: 'b0a3c8de-3f1e-4a9b-8c2d-7e6f5a4b3c21',
      linkDomains: [],
    },
    deliverables: [],
    performance: {
      __typename: 'ContentPerformance' as const,
      clicks: 12,
      orders: 2,
      gmv: money('398.00'),
      conversionRate: 0.1667,
      returnOnSpend: 0.5,
      verified,
    },
  },
};

describe("the console's cache", () => {
  // The order page asks for both as it opens; whichever answers last must not leave the other's card
  // incomplete, or that card (cache-first) asks the API again once the page is shown.
  it("keeps an order's figures complete for both cards, whichever answer arrives last", () => {
    for (const trackingLast of [true, false]) {
      const cache = createCache();
      const writePerformance = () =>
        cache.writeQuery({
          query: OrderPerformanceDocument,
          variables: { id: ORDER_ID },
          data: performanceAnswer,
        });
      const writeTracking = () =>
        cache.writeQuery({ query: OrderTrackingDocument, variables: { id: ORDER_ID }, data: trackingAnswer });
      if (trackingLast) {
        writePerformance();
        writeTracking();
      } else {
        writeTracking();
        writePerformance();
      }
      const performance = cache.readQuery({ query: OrderPerformanceDocument, variables: { id: ORDER_ID } });
      const tracking = cache.readQuery({ query: OrderTrackingDocument, variables: { id: ORDER_ID } });
      expect(performance?.order?.performance).toEqual(performanceAnswer.order.performance);
      expect(tracking?.order?.performance).toEqual(trackingAnswer.order.performance);
    }
  });
});
