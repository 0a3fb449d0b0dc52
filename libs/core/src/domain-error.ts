import { ErrorCode } from './error-code';
import type { TextContext } from './locale';

/** Field name -> what is wrong with it, for input errors (`extensions.fields`). */
export type FieldErrors = Record<string, string>;

/** Where a catalogued error came from (`orders.notFound`) and how to word it for a reader. */
export interface LocalizedError {
  key: string;
  localize: (context: TextContext) => string;
  /** For an error naming several fields: each field's problem for a reader (one field reads as the message). */
  localizeFields?: (context: TextContext) => FieldErrors;
}

/**
 * The one error type the domain throws. The API maps `code` to `extensions.code` in a single place,
 * so services never need to know about GraphQL or HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    /** Set for errors from a catalogue (`defineErrors`): the API answers in the reader's language. */
    readonly localized?: LocalizedError,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static badInput(fields: FieldErrors, message?: string): DomainError {
    const summary =
      message ??
      Object.entries(fields)
        .map(([field, problem]) => `${field}: ${problem}`)
        .join('; ');
    return new DomainError(ErrorCode.BAD_USER_INPUT, summary, fields);
  }

  /** `what` names the kind of thing ("Order", "agency invitation"): "No order with this id." */
  static notFound(what: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `No ${what.toLowerCase()} with this id.`);
  }

  static forbidden(message: string): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, message);
  }

  static conflict(message: string): DomainError {
    return new DomainError(ErrorCode.CONFLICT, message);
  }
}
