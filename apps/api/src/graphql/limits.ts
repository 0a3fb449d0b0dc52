import type { ApolloServerPlugin } from '@apollo/server';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { DEFAULT_PAGE_SIZE, ErrorCode } from '@vtask/core';
import { GraphQLError, type ValidationRule } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 1000;

/** Depth limit as a validation rule: it runs before any resolver. */
export function depthLimitRule(): ValidationRule {
  return maxDepthRule({
    n: MAX_QUERY_DEPTH,
    propagateOnRejection: false,
    onReject: [
      (context, error) =>
        context?.reportError(
          new GraphQLError(
            `The query is nested too deeply (${error.message.replace(/^Syntax Error: /, '')}).`,
            {
              // Apollo re-labels validation errors; `limit` lets formatError restore QUERY_TOO_COMPLEX.
              extensions: { limit: 'depth' },
            },
          ),
        ),
    ],
  });
}

/**
 * A list field costs its page size times what one node costs, so
 * `tasks(first: 100) { bids(first: 100) { ... } }` is priced as the 10,000 rows it could touch.
 */
const pagedFieldEstimator: ComplexityEstimator = ({ args, field, childComplexity }) => {
  const takesFirst = field.args.some((arg) => arg.name === 'first');
  if (!takesFirst) return undefined;
  const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
  return 1 + childComplexity * Math.max(first, 1);
};

/** Cost limit, checked once the operation is resolved and before execution starts. */
export const costLimitPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, schema }) {
        const cost = getComplexity({
          schema,
          query: document,
          operationName: request.operationName ?? undefined,
          variables: request.variables ?? {},
          estimators: [pagedFieldEstimator, simpleEstimator({ defaultComplexity: 1 })],
        });
        if (cost > MAX_QUERY_COST) {
          throw new GraphQLError(
            `The query would cost ${cost}, over the limit of ${MAX_QUERY_COST}: ask for smaller pages or fewer nested lists.`,
            { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } } },
          );
        }
      },
    };
  },
};
