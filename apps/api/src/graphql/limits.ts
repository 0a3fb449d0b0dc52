import type { ApolloServerPlugin } from '@apollo/server';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { DEFAULT_PAGE_SIZE, ErrorCode, MAX_PAGE_SIZE } from '@vtask/core';
import {
  getNamedType,
  GraphQLError,
  isLeafType,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

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
  // Priced at most at MAX_PAGE_SIZE: a larger `first` never runs (the list refuses it), and clamping
  // lets that refusal, BAD_USER_INPUT naming `first`, reach the client instead of a cost error.
  return 1 + childComplexity * Math.min(Math.max(first, 1), MAX_PAGE_SIZE);
};

/**
 * Scalars and enums are read from rows already loaded, so they cost nothing; every object or list
 * field costs 1 plus what it contains (one more lookup, batched or not).
 */
const objectFieldEstimator: ComplexityEstimator = ({ field, childComplexity }) =>
  isLeafType(getNamedType(field.type)) ? 0 : 1 + childComplexity;

/**
 * Refuses an operation that would cost more than MAX_QUERY_COST (QUERY_TOO_COMPLEX), or whose variables
 * do not fit it (BAD_USER_INPUT). HTTP operations and subscriptions alike.
 */
export function assertQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): void {
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      operationName: operationName ?? undefined,
      variables: variables ?? {},
      estimators: [pagedFieldEstimator, objectFieldEstimator],
    });
  } catch (error) {
    // getComplexity coerces the variables before execution does, so a client's bad variable
    // surfaces here first; it is an input error, not a failure of ours.
    const message = error instanceof Error ? error.message : String(error);
    const tooBig = message.includes('maximum allowed number of nodes');
    throw new GraphQLError(tooBig ? `The query is too large: ${message}` : message, {
      extensions: {
        code: tooBig ? ErrorCode.QUERY_TOO_COMPLEX : ErrorCode.BAD_USER_INPUT,
        http: { status: 400 },
      },
    });
  }
  if (cost > MAX_QUERY_COST) {
    throw new GraphQLError(
      `The query would cost ${cost}, over the limit of ${MAX_QUERY_COST}: ask for smaller pages or fewer nested lists.`,
      { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } } },
    );
  }
}

/** Cost limit, checked once the operation is resolved and before execution starts. */
export const costLimitPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, schema }) {
        assertQueryCost(schema, document, request.operationName, request.variables);
      },
    };
  },
};
