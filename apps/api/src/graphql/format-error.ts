import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, ErrorCode } from '@vtask/core';
import type { GraphQLFormattedError } from 'graphql';

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

/**
 * The single mapping from whatever was thrown to the contract's error shape: `extensions.code` is
 * always an ErrorCode or INTERNAL_SERVER_ERROR, and an unexpected failure never shows its message,
 * stack, SQL or secrets (the request plugin logs it with the request id).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    return {
      ...base,
      message: original.message,
      extensions: { code: original.code, ...(original.fields ? { fields: original.fields } : {}) },
    };
  }
  if (original instanceof ThrottlerException) {
    return {
      ...base,
      message: 'Too many attempts; wait a minute and try again.',
      extensions: { code: ErrorCode.RATE_LIMITED },
    };
  }
  if (original instanceof HttpException) {
    const code = HTTP_STATUS_CODES[original.getStatus()];
    if (code) return { ...base, message: original.message, extensions: { code } };
  }

  const code = String(formatted.extensions?.code ?? '');
  if (formatted.extensions?.limit) {
    return { ...base, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } };
  }
  if (KNOWN_CODES.has(code)) {
    // The input check refuses before execution with a GraphQLError that carries the fields at fault.
    const fields = formatted.extensions?.fields;
    return { ...base, extensions: { code, ...(isFieldErrors(fields) ? { fields } : {}) } };
  }
  if (INPUT_ERROR_CODES.has(code)) {
    return { ...base, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  return {
    message:
      'Internal server error. It has been logged; quote the x-request-id response header when reporting it.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
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

/**
 * The formatter the API uses: `formatError`, and in production without schema hints (SPEC "Limits":
 * error messages do not suggest field names there), so introspection being off means something.
 */
export function clientErrorFormatter(
  production: boolean,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  if (!production) return formatError;
  return (formatted, error) => {
    const shaped = formatError(formatted, error);
    return { ...shaped, message: shaped.message.replace(SCHEMA_HINT, '') };
  };
}
