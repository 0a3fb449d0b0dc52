import { withClickId } from './tracking-redirect';

const CLICK = '0b6f3c1e-7f1a-4c1d-9a55-3f1f1a2b3c4d';

describe('withClickId: the click id added to a stored target', () => {
  it('adds vt_click as the query, or after the query the target has', () => {
    expect(withClickId('https://shop.example.com/p/1', CLICK)).toBe(
      `https://shop.example.com/p/1?vt_click=${CLICK}`,
    );
    expect(withClickId('https://shop.example.com/p/1?color=red&size=m', CLICK)).toBe(
      `https://shop.example.com/p/1?color=red&size=m&vt_click=${CLICK}`,
    );
    expect(withClickId('https://shop.example.com/p/1?', CLICK)).toBe(
      `https://shop.example.com/p/1?vt_click=${CLICK}`,
    );
  });

  it('keeps a fragment last, where the browser keeps it to itself', () => {
    expect(withClickId('https://shop.example.com/p/1#reviews', CLICK)).toBe(
      `https://shop.example.com/p/1?vt_click=${CLICK}#reviews`,
    );
    expect(withClickId('https://shop.example.com/p/1?color=red#a?b', CLICK)).toBe(
      `https://shop.example.com/p/1?color=red&vt_click=${CLICK}#a?b`,
    );
  });

  it('replaces a vt_click the target already carries, so the shop reads one click id', () => {
    const url = new URL(withClickId('https://shop.example.com/p/1?vt_click=old&color=red', CLICK));
    expect(url.searchParams.getAll('vt_click')).toEqual([CLICK]);
    expect(url.searchParams.get('color')).toBe('red');
  });

  it('says the same as URL would, for targets as the link check stores them', () => {
    for (const target of [
      'https://shop.example.com/',
      'https://m.shop.example.com/p/%E5%95%86%E5%93%81?q=a%20b&utm=v',
      'https://shop.example.com/p/1?x=1#top',
    ]) {
      const expected = new URL(target);
      expected.searchParams.set('vt_click', CLICK);
      const added = new URL(withClickId(target, CLICK));
      expect(added.origin + added.pathname + added.hash).toBe(
        expected.origin + expected.pathname + expected.hash,
      );
      expect([...added.searchParams]).toEqual([...expected.searchParams]);
    }
  });
});
