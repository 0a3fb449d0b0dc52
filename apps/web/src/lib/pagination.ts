import type { FieldPolicy, Reference } from '@apollo/client';
import { isReference } from '@apollo/client/utilities';

/** A page of one of the API's `nodes` connections, as the cache stores it. */
interface NodesPage {
  nodes: readonly unknown[];
  [field: string]: unknown;
}

const refOf = (node: unknown): string | null => (isReference(node) ? (node as Reference).__ref : null);

/**
 * Cache policy for a `nodes` connection read page by page: every argument but `after` names the
 * list, so "load more" (`fetchMore` with `after`) appends to the list already shown, while a fetch
 * without `after` (the first page, a refetch after a mutation) replaces it. A node the next page
 * repeats (the list shifted while reading) is kept once, where it was first seen. `totalCount` and
 * `pageInfo` come from the newest page.
 */
export function nodesPagination(): FieldPolicy<NodesPage> {
  return {
    keyArgs: (args) =>
      args
        ? Object.keys(args)
            .filter((name) => name !== 'after')
            .sort()
        : undefined,
    merge(existing, incoming, { args }) {
      if (!existing || !args?.after) return incoming;
      const seen = new Set(existing.nodes.map(refOf).filter((ref) => ref !== null));
      const added = incoming.nodes.filter((node) => {
        const ref = refOf(node);
        return ref === null || !seen.has(ref);
      });
      return { ...incoming, nodes: [...existing.nodes, ...added] };
    },
  };
}

/** How many items a list page asks for before "load more". */
export const PAGE_SIZE = 20;
