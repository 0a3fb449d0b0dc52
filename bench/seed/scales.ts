/** The named sizes a bench database is seeded to (issue 12: "at the size of a real festival season"). */
export type BenchScale = 'small' | 'directory' | 'festival';

export interface ScaleSizes {
  merchants: number;
  creators: number;
  agencies: number;
  /** A multiple of 100: task statuses are laid out per hundred (60 OPEN, ..., 5 DRAFT). */
  tasks: number;
  bids: number;
  orders: number;
  notifications: number;
  /** Users the notifications are spread over: the first merchants, then the first creators. */
  notifiedUsers: number;
  venues: number;
  /** Lineup entries per venue. */
  lineup: number;
}

export const SCALES: Record<BenchScale, ScaleSizes> = {
  festival: {
    merchants: 2_000,
    creators: 100_000,
    agencies: 50,
    tasks: 200_000,
    bids: 1_000_000,
    orders: 100_000,
    notifications: 1_000_000,
    notifiedUsers: 10_000,
    venues: 20,
    lineup: 12,
  },
  // The festival's 100k creators (the creator directory, profiles, tracking links and showcases of issues
  // 16 and 17) with a tenth of its tasks, bids, orders and notifications: those tables do not shape the
  // directory's queries, and seeding them at full size costs minutes on a shared machine.
  directory: {
    merchants: 2_000,
    creators: 100_000,
    agencies: 50,
    tasks: 20_000,
    bids: 140_000,
    orders: 20_000,
    notifications: 100_000,
    notifiedUsers: 2_000,
    venues: 20,
    lineup: 12,
  },
  // One hundredth, for CI smoke runs and the tests.
  small: {
    merchants: 20,
    creators: 1_000,
    agencies: 5,
    tasks: 2_000,
    bids: 10_000,
    orders: 1_000,
    notifications: 10_000,
    notifiedUsers: 100,
    venues: 4,
    lineup: 5,
  },
};

export function isBenchScale(value: string): value is BenchScale {
  return Object.hasOwn(SCALES, value);
}

/** Every seeded account signs in with this password. */
export const BENCH_PASSWORD = 'bench-password-2026';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The known logins of a seeded database (numbers are 1-based). */
export const BenchLogins = {
  admin: 'admin@bench.vtask.test',
  merchant: (n: number) => `merchant-${pad(n, 4)}@bench.vtask.test`,
  creator: (n: number) => `creator-${pad(n, 6)}@bench.vtask.test`,
  agency: (n: number) => `agency-${pad(n, 3)}@bench.vtask.test`,
};
