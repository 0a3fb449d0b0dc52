import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** What the console needs from any failed operation: the API's message, code and field problems. */
export interface ApiError {
  message: string;
  code: string | null;
  fields: Record<string, string>;
}

interface RawGraphQLError {
  message?: string;
  extensions?: { code?: unknown; fields?: unknown };
}

function fromGraphQLError(error: RawGraphQLError | undefined, fallback: string): ApiError {
  const fields = error?.extensions?.fields;
  return {
    message: error?.message || fallback,
    code: typeof error?.extensions?.code === 'string' ? error.extensions.code : null,
    fields: fields && typeof fields === 'object' ? (fields as Record<string, string>) : {},
  };
}

/** Apollo errors (GraphQL errors, HTTP errors with a GraphQL body, network failures) to an ApiError. */
export function toApiError(error: unknown): ApiError {
  if (CombinedGraphQLErrors.is(error)) return fromGraphQLError(error.errors[0], error.message);
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: RawGraphQLError[] };
      if (body.errors?.length) return fromGraphQLError(body.errors[0], error.message);
    } catch {
      // not JSON: fall through to the status line
    }
    return { message: `${error.statusCode}: ${error.message}`, code: null, fields: {} };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message, code: null, fields: {} };
}

/** The API does not serve this field or operation yet (it fails validation, not at run time). */
export function isNotServed(error: unknown): boolean {
  const { message } = toApiError(error);
  return /Cannot query field|Unknown type|Unknown argument/.test(message);
}
