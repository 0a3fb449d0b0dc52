// @ts-check
/**
 * Libraries allowed to name another library's tables in SQL (rule `house/no-foreign-table`), each with why.
 * `files` narrows a permission to the files that need it (suffixes of the path from the repository root).
 */

/** Read models: they exist to read other libraries' tables, and say which. */
export const READ_MODELS = [
  {
    lib: 'matching',
    files: ['libs/matching/src/matching.service.ts'],
    tables: ['tasks', 'bids', 'invitations', 'orders'],
    why: "Recommendations rank open tasks for a creator and leave out the tasks they already bid on, were invited to or hold an order for: a read model over the market's rows, by design.",
  },
  {
    lib: 'insights',
    files: ['libs/insights/src/performance.service.ts', 'libs/insights/src/creator-results.ts'],
    tables: ['orders'],
    why: "Content performance sums metrics per order, task and merchant, and a creator's track record results over their completed orders: a read model over orders' ids, statuses, currencies and parties.",
  },
  {
    lib: 'insights',
    files: ['libs/insights/src/showcase.service.ts'],
    tables: [
      'venues',
      'venue_submissions',
      'deliverables',
      'orders',
      'merchants',
      'creators',
      'tasks',
      'offers',
    ],
    why: "The showcase orders a LIVE venue's published lineup for one shopper by the content's tags and its verified figures: one read over the lineup, its content and the names shoppers see (a read model; venues cannot import insights, the same layer).",
  },
  {
    lib: 'ledger',
    files: ['libs/ledger/src/ledger-invariants.ts'],
    tables: ['orders', 'order_events', 'order_publications'],
    why: "The invariant check compares escrow balances with each order's status, price and retention holdback (pending while its publication has not ended); it audits across libraries on purpose (run by health checks and tests, never by a request).",
  },
];

/**
 * SQL that still names another library's tables, to be replaced by the owner's service or a read port.
 * Each entry would be a debt, not a permission: none is left (keep it that way).
 */
export const FOREIGN_TABLE_ALLOWANCES = [];
