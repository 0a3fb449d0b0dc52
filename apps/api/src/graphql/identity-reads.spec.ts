import { Role, type Viewer } from '@vtask/core';
import { unwatchedViewer, watchIdentityReads } from './identity-reads';

describe('watchIdentityReads', () => {
  const viewer: Viewer = {
    userId: 'u1',
    role: Role.MERCHANT,
    merchantId: 'm1',
    creatorId: null,
    agencyId: null,
  };

  it('lets the role be read freely and notes every read of who the viewer is', () => {
    const reads: string[] = [];
    const watched = watchIdentityReads(viewer, () => reads.push('read'));
    expect(watched.role).toBe(Role.MERCHANT);
    expect(reads).toEqual([]);
    expect(watched.merchantId).toBe('m1');
    expect(reads).toHaveLength(1);
    expect(watched.creatorId).toBeNull();
    expect(watched.userId).toBe('u1');
    expect(reads).toHaveLength(3);
  });

  it('counts a spread or a serialization as reads: they copy who the viewer is', () => {
    let reads = 0;
    const watched = watchIdentityReads(viewer, () => (reads += 1));
    expect({ ...watched }).toEqual(viewer);
    expect(reads).toBeGreaterThan(0);
    reads = 0;
    expect(JSON.parse(JSON.stringify(watched))).toEqual(viewer);
    expect(reads).toBeGreaterThan(0);
  });

  it('gives the viewer behind a watched one without noting a read', () => {
    let reads = 0;
    const watched = watchIdentityReads(viewer, () => (reads += 1));
    expect(unwatchedViewer(watched)).toBe(viewer);
    expect(unwatchedViewer(viewer)).toBe(viewer);
    expect(unwatchedViewer(null)).toBeNull();
    expect(reads).toBe(0);
  });
});
