/** The content's daily counts, in the order the performance card and the figures form show them. */
export const CONTENT_COUNTS = ['views', 'clicks', 'favorites', 'addToCarts', 'orders'] as const;
