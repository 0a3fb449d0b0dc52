import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  DomainError,
  ErrorCode,
  genericErrorMessage,
  INTERNAL_SERVER_ERROR,
  type FieldErrors,
  type TextContext,
} from '@vtask/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ApiErrors } from './api.errors';
import { fieldProblemFor } from './field-problems';

/** Apollo's codes for requests that are malformed rather than failing: all input errors to a client. */
const INPUT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RATE_LIMITED,
};

/** English, for callers with no reader (logs, tests of the shape). */
const ENGLISH: TextContext = { locale: 'en', timeZone: 'UTC' };

/**
 * The single mapping from whatever was thrown to the contract's error shape: `extensions.code` is
 * always an ErrorCode or INTERNAL_SERVER_ERROR, and an unexpected failure never shows its message,
 * stack, SQL or secrets (the request plugin logs it with the request id). The message (and each
 * field's problem) is in the reader's language: a catalogued error's own wording, else for a Chinese
 * reader the generic message of its code, so no English sentence reaches the Chinese console.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  reader: TextContext = ENGLISH,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  const domain = domainErrorOf(original);

  if (domain) {
    const fields = localizedFields(domain, reader);
    return {
      ...base,
      message: localizedDomainMessage(domain, reader),
      extensions: { code: domain.code, ...(fields ? { fields } : {}) },
    };
  }
  if (original instanceof ThrottlerException) {
    return {
      ...base,
      message: localizedDomainMessage(ApiErrors.tooManyAttempts(), reader),
      extensions: { code: ErrorCode.RATE_LIMITED },
    };
  }
  if (original instanceof HttpException) {
    const code = HTTP_STATUS_CODES[original.getStatus()];
    if (code)
      return { ...base, message: inReaderLanguage(original.message, code, reader), extensions: { code } };
  }

  const code = String(formatted.extensions?.code ?? '');
  if (formatted.extensions?.limit) {
    const message = inReaderLanguage(formatted.message, ErrorCode.QUERY_TOO_COMPLEX, reader);
    return { ...base, message, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } };
  }
  if (KNOWN_CODES.has(code)) {
    // The input check refuses before execution with a GraphQLError that carries the fields at fault.
    const fields = formatted.extensions?.fields;
    return {
      ...base,
      message: inReaderLanguage(formatted.message, code, reader),
      extensions: {
        code,
        ...(isFieldErrors(fields) ? { fields: fieldsFor(fields, reader) } : {}),
      },
    };
  }
  if (INPUT_ERROR_CODES.has(code)) {
    return {
      ...base,
      message: inReaderLanguage(formatted.message, ErrorCode.BAD_USER_INPUT, reader),
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    };
  }
  return {
    message: genericErrorMessage(INTERNAL_SERVER_ERROR, reader.locale)!,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: INTERNAL_SERVER_ERROR },
  };
}

/**
 * The domain error behind what was thrown: a resolver's, or one the API's own checks (limits, input
 * check) carry as the `originalError` of the GraphQLError they refuse with before execution.
 */
function domainErrorOf(original: unknown): DomainError | null {
  if (original instanceof DomainError) return original;
  if (original instanceof GraphQLError && original.originalError instanceof DomainError) {
    return original.originalError;
  }
  return null;
}

export function localizedDomainMessage(error: DomainError, reader: TextContext): string {
  if (error.localized) {
    const text = error.localized.localize(reader);
    const names = Object.keys(error.fields ?? {});
    // A catalogued problem of one field names that field first, as its English message does.
    const single = !error.localized.localizeFields && names.length === 1;
    return single ? `${names[0]}: ${text}` : text;
  }
  return inReaderLanguage(error.message, error.code, reader);
}

function localizedFields(error: DomainError, reader: TextContext): FieldErrors | undefined {
  if (!error.fields) return undefined;
  if (error.localized?.localizeFields) return error.localized.localizeFields(reader);
  const names = Object.keys(error.fields);
  // A catalogued error about one field words that field's problem as its message.
  if (error.localized && names.length === 1) return { [names[0]]: error.localized.localize(reader) };
  return fieldsFor(error.fields, reader);
}

/** An uncatalogued English message: kept for an English reader, the code's generic wording otherwise. */
function inReaderLanguage(message: string, code: string, reader: TextContext): string {
  if (reader.locale === 'en') return message;
  return (
    genericErrorMessage(code, reader.locale) ?? genericErrorMessage(INTERNAL_SERVER_ERROR, reader.locale)!
  );
}

function fieldsFor(fields: FieldErrors, reader: TextContext): FieldErrors {
  if (reader.locale === 'en') return fields;
  return Object.fromEntries(
    Object.entries(fields).map(([field, problem]) => [field, fieldProblemFor(problem, reader.locale)]),
  );
}

/** Whether the error is one the client caused or was told about, rather than a failure of ours. */
export function isExpectedError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError || original instanceof ThrottlerException) return true;
  if (original instanceof HttpException) return HTTP_STATUS_CODES[original.getStatus()] !== undefined;
  const code = String((error as { extensions?: { code?: unknown } })?.extensions?.code ?? '');
  return KNOWN_CODES.has(code) || INPUT_ERROR_CODES.has(code);
}

function isFieldErrors(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((problem) => typeof problem === 'string')
  );
}

/**
 * GraphQL's hints that name what the schema has (`Did you mean "order" or "orders"?`, in validation
 * and in variable errors alike), which an outsider with introspection off should not be handed.
 */
const SCHEMA_HINT = / ?Did you mean [^?]*\?/g;

/** A formatter that words errors for a reader. */
export type ErrorFormatter = (
  formatted: GraphQLFormattedError,
  error: unknown,
  reader?: TextContext,
) => GraphQLFormattedError;

/**
 * The formatter the API uses: `formatError`, and in production without schema hints (SPEC "Limits":
 * error messages do not suggest field names there), so introspection being off means something.
 */
export function clientErrorFormatter(production: boolean): ErrorFormatter {
  if (!production) return formatError;
  return (formatted, error, reader) => {
    const shaped = formatError(formatted, error, reader);
    return { ...shaped, message: shaped.message.replace(SCHEMA_HINT, '') };
  };
}

/** Where a formatted error keeps how to word it again for the request's reader (never serialized). */
const REWORD = Symbol('reword');
type Rewordable = GraphQLFormattedError & { [REWORD]?: (reader: TextContext) => GraphQLFormattedError };

/**
 * Apollo's `formatError` knows no request: it shapes the error (in English) and keeps how to word it
 * again; `readerLanguagePlugin` then words every error of the response for the request's reader.
 */
export function apolloErrorFormatter(
  format: ErrorFormatter,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const shaped: Rewordable = format(formatted, error, ENGLISH);
    Object.defineProperty(shaped, REWORD, {
      value: (reader: TextContext) => format(formatted, error, reader),
      enumerable: false,
    });
    return shaped;
  };
}

/** The errors of a response, worded for its reader (those `apolloErrorFormatter` shaped). */
export function rewordErrors(
  errors: readonly GraphQLFormattedError[],
  reader: TextContext,
): GraphQLFormattedError[] {
  return errors.map((error) => (error as Rewordable)[REWORD]?.(reader) ?? error);
}
