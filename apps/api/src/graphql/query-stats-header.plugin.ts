import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { currentStatementCount } from '@vtask/database';

/** The response header that carries how many SQL statements the request ran (EXPOSE_QUERY_STATS=on). */
export const SQL_STATEMENTS_HEADER = 'x-sql-statements';

/**
 * Tells the client how many SQL statements its request ran, so a benchmark can report statements per
 * request next to its timings and show a regression (an N+1, a count per page) where it happens.
 * Off by default: the count describes the server's work, which an ordinary client has no use for, and
 * counting tracks every promise of the request (see createApp).
 * The count is read when the answer is sent, after every resolver has finished; a cached answer ran none.
 */
export const queryStatsHeaderPlugin: ApolloServerPlugin<BaseContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const statements = currentStatementCount();
        if (statements !== null) response.http.headers.set(SQL_STATEMENTS_HEADER, String(statements));
      },
    };
  },
};
