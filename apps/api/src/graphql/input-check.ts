import type { ApolloServerPlugin } from '@apollo/server';
import { Extensions } from '@nestjs/graphql';
import {
  DomainError,
  ErrorCode,
  type FieldErrors,
  localizedMessage,
  type TextContext,
  unstorableTextProblem,
} from '@vtask/core';
import { ApiErrors } from './api.errors';
import { isUUID } from 'class-validator';
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLID,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { operationInputs } from './operation-inputs';

/** The field extension that marks an ID input field as a slug (a tag's `home.furniture`), not a UUID. */
const SLUG_EXTENSION = 'slug';

/**
 * Marks an `ID` input field whose values are slugs, so the input check does not ask for a UUID there
 * (`domainTags`, `industry`). Every other ID is a UUID.
 */
export const Slug = (): ReturnType<typeof Extensions> => Extensions({ [SLUG_EXTENSION]: true });

/**
 * Field arguments of type ID that name a domain tag by its slug (`home`), not a row by a UUID: the
 * code-first schema has no extensions on arguments, so they are listed here as `Type.field.argument`.
 */
const SLUG_ARGUMENTS = new Set(['Query.matchmakingSessions.industry']);

/**
 * Checks every argument of an operation, at any depth (input objects, lists, variables), before any
 * resolver runs, so no text or id a client sends can reach PostgreSQL in a form it refuses:
 * - text (String, ID and custom scalars read as strings) with a NUL or an unpaired surrogate is
 *   BAD_USER_INPUT naming the field;
 * - an ID that is not a UUID (slugs excepted) is NOT_FOUND when it is a field's own id argument
 *   (`order(id: "x")`, `fundOrder(orderId: "x")`: it names nothing, like any unknown id), and
 *   BAD_USER_INPUT naming the field inside an input or a list (`tasks(filter: { merchantId: "x" })`).
 * Variables that do not coerce are left to GraphQL's own error.
 */
export function assertCleanInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): void {
  const inputs = operationInputs(schema, document, operationName, variables);
  if (!inputs || inputs.variables.errors) return;
  const { operation, fragments, variables: coerced } = inputs;
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return;

  const problems = new Problems();
  let missing: string | null = null;
  const visitedFragments = new Set<string>();

  const visit = (type: GraphQLNamedType, selectionSet: SelectionSetNode | undefined): void => {
    if (!selectionSet) return;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visitedFragments.has(fragment.name.value)) continue;
        visitedFragments.add(fragment.name.value);
        visit(schema.getType(fragment.typeCondition.name.value) ?? type, fragment.selectionSet);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition && schema.getType(selection.typeCondition.name.value);
        visit(condition ?? type, selection.selectionSet);
        continue;
      }
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      const field: GraphQLField<unknown, unknown> | undefined = type.getFields()[selection.name.value];
      if (!field) continue;
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(field, selection, coerced.coerced);
      } catch {
        // Not coercible: GraphQL's own execution reports it, as it would without this check.
        continue;
      }
      for (const arg of field.args) {
        const value = args[arg.name];
        const slugArg = SLUG_ARGUMENTS.has(`${type.name}.${field.name}.${arg.name}`);
        const bareId =
          !slugArg && !isListType(getNullableType(arg.type)) && getNamedType(arg.type) === GraphQLID;
        if (bareId && typeof value === 'string' && !isUUID(value) && !unstorableTextProblem(value)) {
          missing ??= whatIsNamed(arg.name, field);
          continue;
        }
        // An input object argument is named by its fields alone (`title`, `creator.handle`), as the
        // validation of inputs names them; scalars and lists by the argument's name (`reason`, `ids.1`).
        const prefix = isInputObjectType(getNullableType(arg.type)) ? [] : [arg.name];
        checkValue(arg.type, value, prefix, slugArg, problems);
      }
      visit(getNamedType(field.type), selection.selectionSet);
    }
  };
  visit(rootType, operation.selectionSet);

  if (problems.count) throw refusal(problems.refusal());
  if (missing) throw refusal(DomainError.notFound(missing));
}

function checkValue(
  type: GraphQLInputType,
  value: unknown,
  path: string[],
  slug: boolean,
  problems: Problems,
): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return;
    value.forEach((item, index) =>
      checkValue(nullable.ofType, item, [...path, String(index)], slug, problems),
    );
    return;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object') return;
    for (const field of Object.values(nullable.getFields())) {
      const fieldValue = (value as Record<string, unknown>)[field.name];
      const isSlug = field.extensions?.[SLUG_EXTENSION] === true;
      checkValue(field.type, fieldValue, [...path, field.name], isSlug, problems);
    }
    return;
  }
  if (typeof value !== 'string') return;
  const name = path.join('.') || 'input';
  const textProblem = unstorableTextProblem(value);
  if (textProblem) {
    problems.add(
      name,
      textProblem.startsWith('Text may not contain a NUL')
        ? ApiErrors.nulCharacter(name)
        : ApiErrors.unpairedSurrogate(name),
    );
  } else if (nullable === GraphQLID && !slug && !isUUID(value)) problems.add(name, ApiErrors.notAnId(name));
}

/** The fields named in the refusal: the first MAX_NAMED_PROBLEMS, then how many more there were. */
const MAX_NAMED_PROBLEMS = 20;

class Problems {
  /** Each field's problem, a catalogued error naming that field (worded for each reader). */
  readonly fields: Record<string, DomainError> = {};
  count = 0;

  add(field: string, problem: DomainError): void {
    if (this.count++ < MAX_NAMED_PROBLEMS) this.fields[field] = problem;
  }

  refusal(): DomainError {
    const more = this.count - Object.keys(this.fields).length;
    const fieldsFor = (reader: TextContext): FieldErrors =>
      Object.fromEntries(
        Object.entries(this.fields).map(([field, problem]) => [field, localizedMessage(problem, reader)]),
      );
    const summary = (reader: TextContext): string => {
      const named = Object.entries(fieldsFor(reader)).map(([field, problem]) => `${field}: ${problem}`);
      if (more > 0) {
        named.push(
          reader.locale === 'en'
            ? `and ${more} more like ${more === 1 ? 'it' : 'them'}`
            : `另有 ${more} 处类似问题`,
        );
      }
      return named.join(reader.locale === 'en' ? '; ' : '；');
    };
    const english: TextContext = { locale: 'en', timeZone: 'UTC' };
    return new DomainError(ErrorCode.BAD_USER_INPUT, summary(english), fieldsFor(english), {
      key: 'api.inputCheck',
      localize: summary,
      localizeFields: fieldsFor,
    });
  }
}

/**
 * What a field's own id argument names, for "No order with this id.": the argument's name without
 * "Id" (`orderId`: order), or for a plain `id` the type the field returns (`order(id)`: order).
 */
function whatIsNamed(argName: string, field: GraphQLField<unknown, unknown>): string {
  const base = argName === 'id' ? getNamedType(field.type).name : argName.replace(/Id$/, '');
  return base
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}

/**
 * The refusal as Apollo sends it before execution: a GraphQLError carrying the domain error's code,
 * message and fields (formatError keeps them), answered 400 since nothing ran.
 */
function refusal(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    // formatError words the message and fields from the domain error, for the request's reader.
    originalError: error,
    extensions: {
      code: error.code,
      ...(error.fields ? { fields: error.fields } : {}),
      http: { status: 400 },
    },
  });
}

/** The input check for every HTTP operation, once it is resolved and before any resolver runs. */
export const inputCheckPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, schema }) {
        assertCleanInput(schema, document, request.operationName, request.variables);
      },
    };
  },
};
