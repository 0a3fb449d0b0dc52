import type { ApolloServerPlugin } from '@apollo/server';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { DEFAULT_PAGE_SIZE, type DomainError, ErrorCode, MAX_PAGE_SIZE } from '@vtask/core';
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isLeafType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { ApiErrors } from './api.errors';
import { unwatchedViewer } from './identity-reads';
import { operationInputs } from './operation-inputs';
import type { RequestContext } from './request-context';

export const MAX_QUERY_DEPTH = 10;
export const MAX_QUERY_COST = 1000;

/**
 * What a field's own work costs (`@Field/@Query/@ResolveField({ complexity })`), beside the default of 1
 * for an object or list and 0 for a scalar read from a row already loaded. Calibrated on the attack in
 * issue 13: 1,000 calls took 7.8 s as recommendedTasks, 2.2 s as recommendedCreators, 2.9 s as
 * totalCount and 1.2 s as taskPerformance, against well under 0.1 s for as many plain lookups.
 */
export const FieldCost = {
  /** A ranking over every open task or every creator (matching). */
  RANKING: 100,
  /** An aggregate over a task's or merchant's orders and their daily figures. */
  AGGREGATE: 100,
  /** An aggregate batched by the request's loaders: one query for every parent on the page. */
  BATCHED_AGGREGATE: 5,
  /** A list's total: a counter read, or a count that stops at TOTAL_COUNT_CAP rows. */
  COUNT: 50,
  /** A scalar that a loader reads from another table (batched per request). */
  LOOKUP: 1,
  /** A password hash (argon2id): deliberately slow, in CPU and memory. */
  PASSWORD_HASH: 100,
} as const;

/** A mutation opens a transaction, locks rows and writes: more than reading a row, whatever it returns. */
const MUTATION_COST = 10;

/**
 * An operation holding a field this costly (a ranking, an aggregate, a password hash), or costing at
 * least half the limit, is "expensive": one user may run only EXPENSIVE_OPERATIONS_PER_USER of those
 * at once, so one account cannot starve the others by sending many in parallel.
 */
export const HEAVY_FIELD_COST = 100;
const EXPENSIVE_OPERATION_COST = MAX_QUERY_COST / 2;

/**
 * Fields, fragments and spreads visited while pricing. A handful of fragments that each spread the next
 * twice make millions of selections out of a few lines; the walk stops long before it would take time.
 */
const MAX_SELECTIONS_VISITED = 10_000;

/** The settings of SPEC "Limits" that tests and benchmarks may raise (MAX_ROOT_FIELDS, MAX_ALIASES). */
export interface QueryLimits {
  maxRootFields: number;
  maxAliases: number;
}

export interface OperationPrice {
  cost: number;
  rootFields: number;
  aliases: number;
  /** Whether the operation counts against the viewer's EXPENSIVE_OPERATIONS_PER_USER. */
  expensive: boolean;
}

/** Depth limit as a validation rule: it runs before any resolver. */
export function depthLimitRule(): ValidationRule {
  return maxDepthRule({
    n: MAX_QUERY_DEPTH,
    propagateOnRejection: false,
    onReject: [
      (context, error) =>
        context?.reportError(
          refusalOf(ApiErrors.tooDeep(error.message.replace(/^Syntax Error: /, '')), {
            // Apollo re-labels validation errors; `limit` lets formatError restore QUERY_TOO_COMPLEX.
            limit: 'depth',
          }),
        ),
    ],
  });
}

/** A refusal before execution, carrying the API's catalogued error so formatError words it for the reader. */
const refusalOf = (error: DomainError, extensions: Record<string, unknown>) =>
  new GraphQLError(error.message, { originalError: error, extensions });

const tooComplex = (error: DomainError) =>
  refusalOf(error, { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } });

const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });

const refusedInput = (error: DomainError) =>
  refusalOf(error, { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } });

/**
 * Prices one validated operation as the work it would do. A field costs its own work (FieldCost where
 * declared; 1 for an object or list, which is one more lookup; 0 for a scalar of a loaded row; a
 * mutation MUTATION_COST) plus what its selection costs, times the rows it returns: a list with `first`
 * runs its selection once per row of the page, and so does a connection's `nodes`. Aliases and
 * repeated fragments are priced each time they appear, since each runs its resolver again.
 *
 * A walk of our own rather than graphql-query-complexity's: its estimators see only the sum of a
 * field's children, so a connection could not multiply `nodes` by its page while counting
 * `totalCount` once.
 */
class OperationPricer {
  rootFields = 0;
  aliases = 0;
  heavy = false;
  private visited = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  /** `pageSize`: the page of the connection these selections belong to, for its list fields (`nodes`). */
  selections(
    set: SelectionSetNode,
    type: GraphQLCompositeType,
    pageSize: number | null,
    atRoot: boolean,
    isMutation = false,
  ): number {
    let total = 0;
    for (const selection of set.selections) {
      if (++this.visited > MAX_SELECTIONS_VISITED) {
        throw tooComplex(ApiErrors.tooManySelections(MAX_SELECTIONS_VISITED));
      }
      if (!this.included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        if (atRoot) this.rootFields++;
        total += this.field(selection, type, pageSize, isMutation);
        continue;
      }
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : this.fragments.get(selection.name.value);
      // Validation has refused unknown fragments and cycles; a missing one prices nothing.
      if (!fragment) continue;
      const condition = fragment.typeCondition
        ? this.schema.getType(fragment.typeCondition.name.value)
        : type;
      if (!condition || !isCompositeType(condition)) continue;
      total += this.selections(fragment.selectionSet, condition, pageSize, atRoot, isMutation);
    }
    return total;
  }

  private field(node: FieldNode, parent: GraphQLCompositeType, pageSize: number | null, isMutation: boolean) {
    if (node.alias) this.aliases++;
    // __typename and introspection read the schema in memory.
    if (node.name.value.startsWith('__')) return 0;
    const definition: GraphQLField<unknown, unknown> | undefined =
      isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!definition) return 0;

    const named = getNamedType(definition.type);
    const declared = definition.extensions?.complexity;
    const own =
      typeof declared === 'number' ? declared : isMutation ? MUTATION_COST : isLeafType(named) ? 0 : 1;
    if (own >= HEAVY_FIELD_COST) this.heavy = true;
    if (isLeafType(named) || !node.selectionSet || !isCompositeType(named)) return own;

    const first = this.pageSizeOf(definition, node);
    const returnsList = isListType(getNullableType(definition.type));
    // A connection (paged, not itself a list) hands its page size to its list field, `nodes`.
    const childPageSize = first !== null && !returnsList ? first : null;
    const child = this.selections(node.selectionSet, named, childPageSize, false);
    if (!returnsList) return own + child;
    // Each row of a list is at least one row read, even when only scalars of it are selected.
    const rows = first ?? pageSize ?? 1;
    return own + rows * Math.max(child, 1);
  }

  /**
   * The page a list field asks for, at most MAX_PAGE_SIZE: a larger `first` never runs (the list refuses
   * it), and clamping lets that refusal, BAD_USER_INPUT naming `first`, reach the client.
   */
  private pageSizeOf(definition: GraphQLField<unknown, unknown>, node: FieldNode): number | null {
    if (!definition.args.some((arg) => arg.name === 'first')) return null;
    let first: unknown;
    try {
      first = getArgumentValues(definition, node, this.variables).first;
    } catch (error) {
      throw badInput(error instanceof Error ? error.message : String(error));
    }
    const size = typeof first === 'number' ? first : DEFAULT_PAGE_SIZE;
    return Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
  }

  private included(selection: SelectionNode): boolean {
    const skip = getDirectiveValues(GraphQLSkipDirective, selection, this.variables);
    if (skip?.if === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, selection, this.variables);
    return include?.if !== false;
  }
}

/**
 * Prices an operation (see OperationPricer). A client's bad variable surfaces here first, before
 * execution coerces it, so it is reported as BAD_USER_INPUT.
 */
export function priceOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): OperationPrice {
  const inputs = operationInputs(schema, document, operationName, variables);
  if (!inputs) throw refusedInput(ApiErrors.nameTheOperation());
  const { operation, fragments, variables: coerced } = inputs;
  if (coerced.errors) throw badInput(coerced.errors.map((error) => error.message).join(' '));
  const root = schema.getRootType(operation.operation);
  if (!root) throw refusedInput(ApiErrors.noSuchOperationType(operation.operation));
  const pricer = new OperationPricer(schema, fragments, coerced.coerced);
  const cost = pricer.selections(
    operation.selectionSet,
    root,
    null,
    true,
    operation.operation === 'mutation',
  );
  return {
    cost,
    rootFields: pricer.rootFields,
    aliases: pricer.aliases,
    expensive: pricer.heavy || cost >= EXPENSIVE_OPERATION_COST,
  };
}

/**
 * Refuses an operation that would cost more than MAX_QUERY_COST, or asks for more root fields or
 * aliases than the limits allow (QUERY_TOO_COMPLEX), or whose variables do not fit it
 * (BAD_USER_INPUT). HTTP operations and subscriptions alike. Returns the price for the caller's
 * concurrency bound.
 */
export function assertQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: QueryLimits,
): OperationPrice {
  const price = priceOperation(schema, document, operationName, variables);
  // Root fields and aliases first: they are how one request multiplies work, and say so plainly.
  if (price.aliases > limits.maxAliases) {
    throw tooComplex(ApiErrors.tooManyAliases(price.aliases, limits.maxAliases));
  }
  if (price.rootFields > limits.maxRootFields) {
    throw tooComplex(ApiErrors.tooManyRootFields(price.rootFields, limits.maxRootFields));
  }
  if (price.cost > MAX_QUERY_COST) {
    throw tooComplex(ApiErrors.tooCostly(price.cost, MAX_QUERY_COST));
  }
  return price;
}

/**
 * How many expensive operations each signed-in user has running on this instance. In memory: it bounds
 * work in flight here, which is what starves others, and needs no query per request.
 */
export class ExpensiveOperationGate {
  private readonly running = new Map<string, number>();

  constructor(readonly perUser: number) {}

  /** Takes a slot for the user, or returns false when they already run `perUser` operations. */
  tryEnter(userId: string): boolean {
    const count = this.running.get(userId) ?? 0;
    if (count >= this.perUser) return false;
    this.running.set(userId, count + 1);
    return true;
  }

  leave(userId: string): void {
    const count = (this.running.get(userId) ?? 0) - 1;
    if (count > 0) this.running.set(userId, count);
    else this.running.delete(userId);
  }
}

/**
 * The limits, checked once the operation is resolved and before execution starts; then, for an
 * expensive operation of a signed-in user, a slot of their EXPENSIVE_OPERATIONS_PER_USER, held until the
 * answer is sent (RATE_LIMITED, HTTP 429, when none is free). Anonymous operations are bounded by the
 * limits alone: their expensive fields (rankings, aggregates) need a signed-in user anyway.
 */
export function queryLimitsPlugin(
  limits: QueryLimits,
  gate: ExpensiveOperationGate,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let holder: string | null = null;
      return {
        async didResolveOperation({ request, document, schema, contextValue }) {
          const price = assertQueryLimits(schema, document, request.operationName, request.variables, limits);
          if (!price.expensive) return;
          // The slot is bookkeeping, not the answer: reading who holds it must not keep the answer from
          // being shared with the viewer's role (identity-reads.ts).
          const userId = unwatchedViewer(contextValue.viewer)?.userId;
          if (!userId) return;
          if (!gate.tryEnter(userId)) {
            throw refusalOf(ApiErrors.tooManyExpensive(gate.perUser), {
              code: ErrorCode.RATE_LIMITED,
              http: { status: 429, headers: new Map([['retry-after', '1']]) },
            });
          }
          holder = userId;
        },
        async willSendResponse() {
          if (holder) gate.leave(holder);
          holder = null;
        },
      };
    },
  };
}
