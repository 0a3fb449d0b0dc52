import { describe, expect, it } from 'vitest';
import { implausibleFigures } from './implausible-figures';

const day = { views: 10_000, clicks: 500, favorites: 120, addToCarts: 80, orders: 40, gmv: '3999.00' };

describe('implausibleFigures', () => {
  it('finds nothing wrong with a funnel that narrows', () => {
    expect(implausibleFigures(day)).toEqual([]);
  });

  it('asks about 900 orders from 500 clicks', () => {
    expect(implausibleFigures({ ...day, orders: 900 })).toEqual([
      { kind: 'exceeds', more: 'orders', than: 'clicks' },
    ]);
  });

  it('asks about more clicks than views, and each step larger than its source', () => {
    expect(
      implausibleFigures({ views: 100, clicks: 200, favorites: 150, addToCarts: 300, orders: 10, gmv: '' }),
    ).toEqual([
      { kind: 'exceeds', more: 'clicks', than: 'views' },
      { kind: 'exceeds', more: 'favorites', than: 'views' },
      { kind: 'exceeds', more: 'addToCarts', than: 'clicks' },
    ]);
  });

  it('lets an order skip the cart (立即购买): more orders than add-to-carts is fine', () => {
    expect(implausibleFigures({ ...day, addToCarts: 5, orders: 40 })).toEqual([]);
  });

  it('asks about sales with no orders, and not about an empty or zero amount', () => {
    expect(implausibleFigures({ ...day, orders: 0 })).toEqual([{ kind: 'gmvWithoutOrders', gmv: '3999.00' }]);
    expect(implausibleFigures({ ...day, orders: 0, gmv: '' })).toEqual([]);
    expect(implausibleFigures({ ...day, orders: 0, gmv: '0' })).toEqual([]);
  });

  it('treats a cleared number field as 0', () => {
    expect(
      implausibleFigures({ views: null, clicks: 3, favorites: undefined, addToCarts: 0, orders: 0 }),
    ).toEqual([{ kind: 'exceeds', more: 'clicks', than: 'views' }]);
  });
});
