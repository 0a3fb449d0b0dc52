export { ErrorCode } from './error-code';
export { DomainError } from './domain-error';
export type { FieldErrors } from './domain-error';
export { CurrencyCode, Money, bigintColumn } from './money';
export { TransitionTable } from './state-machine';
export {
  CursorParts,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  TOTAL_COUNT_CAP,
  countOnce,
  decodeCursor,
  pageSize,
  toPage,
} from './pagination';
export type { CursorPart, Page, PageArgs, TotalCount } from './pagination';
export { Role } from './viewer';
export type { Viewer } from './viewer';
export { ContentType } from './content-type';
export { escapeLike, unstorableTextProblem } from './text';
export {
  DEFAULT_LOCALE,
  DEFAULT_TEXT_CONTEXT,
  DEFAULT_TIME_ZONE,
  LOCALES,
  formatInstant,
  isTimeZone,
  localeFromAcceptLanguage,
  timeZoneFromHeader,
} from './locale';
export type { Locale, ReaderText, TextContext } from './locale';
export type { LocalizedError } from './domain-error';
export {
  InputErrors,
  defineErrors,
  errorCatalogues,
  fieldProblem,
  inputErrors,
  localizedMessage,
} from './error-catalogue';
export type { ErrorCatalogue, ErrorEntry } from './error-catalogue';
export { INTERNAL_SERVER_ERROR, genericErrorMessage, genericFieldProblem } from './error-code-texts';
