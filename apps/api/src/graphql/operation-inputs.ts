import {
  getOperationAST,
  getVariableValues,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * Variables stop coercing after this many errors, as in graphql-js's own execution: a list of 190,000
 * nulls (under the 1 MB body limit) would otherwise make 190,000 errors, and an answer of megabytes.
 */
const MAX_VARIABLE_ERRORS = 50;

/** What the checks before execution (query limits, input check) read of an operation. */
export interface OperationInputs {
  operation: OperationDefinitionNode;
  fragments: Map<string, FragmentDefinitionNode>;
  /** The variables as execution will see them (`coerced`), or why they do not coerce (`errors`). */
  variables: ReturnType<typeof getVariableValues>;
}

interface Reading {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName: string | null;
  inputs: OperationInputs | null;
}

/**
 * Readings by request: keyed by its variables object, or by the document when it sends none (the
 * reading then depends on the document alone). Both checks of one request share one reading.
 */
const readings = new WeakMap<object, Reading>();

/** The operation to run, its fragments and its coerced variables; null when no operation is named. */
export function operationInputs(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): OperationInputs | null {
  const key = variables ?? document;
  const name = operationName ?? null;
  const known = readings.get(key);
  if (known && known.schema === schema && known.document === document && known.operationName === name) {
    return known.inputs;
  }
  const operation = getOperationAST(document, name);
  const inputs = operation
    ? {
        operation,
        fragments: fragmentsOf(document),
        variables: getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, {
          maxErrors: MAX_VARIABLE_ERRORS,
        }),
      }
    : null;
  readings.set(key, { schema, document, operationName: name, inputs });
  return inputs;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}
