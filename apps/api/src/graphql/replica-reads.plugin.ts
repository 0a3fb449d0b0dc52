import type { ApolloServerPlugin } from '@apollo/server';
import { allowReplicaReads } from '@vtask/database';

/**
 * With DATABASE_READ_URLS: a query (and only a query) may read from a replica. Mutations read back what
 * they wrote, so they stay on the primary with everything else (libs/database/src/read-routing.ts).
 */
export const replicaReadsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === 'query') allowReplicaReads();
      },
    };
  },
};
