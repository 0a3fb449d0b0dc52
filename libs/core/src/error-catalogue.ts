import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';
import { DEFAULT_TEXT_CONTEXT, type Locale, type ReaderText, type TextContext } from './locale';

/** A message in one language: plain, or worded for its reader (a time in their zone). */
type Wording = string | ReaderText;

/**
 * One domain error: its contract code and its message in both languages. For BAD_USER_INPUT, `field`
 * names the input field at fault and the message is that field's problem (`extensions.fields`).
 */
export interface ErrorEntry<Args extends unknown[]> {
  code: ErrorCode;
  en: (...args: Args) => Wording;
  zh: (...args: Args) => Wording;
  field?: (...args: Args) => string;
}

// `any` here lets each entry keep its own argument list; the returned catalogue is fully typed.
type Entries = Record<string, ErrorEntry<any>>;

export type ErrorCatalogue<E extends Entries> = {
  [K in keyof E]: (...args: Parameters<E[K]['en']>) => DomainError;
};

/** Every catalogue defined, by name: a test walks them all in both languages. */
const catalogues = new Map<string, Entries>();

/** The catalogues defined so far (those of every library the process has loaded). */
export function errorCatalogues(): ReadonlyMap<string, Entries> {
  return catalogues;
}

function render(wording: Wording, context: TextContext): string {
  return typeof wording === 'function' ? wording(context) : wording;
}

/**
 * A library's domain errors, written once in both languages. `throw OrdersErrors.notFound()` gives a
 * DomainError whose `message` is English (logs, tests) and whose `localize` words it for a reader; the
 * API answers in the request's language.
 */
export function defineErrors<E extends Entries>(name: string, entries: E): ErrorCatalogue<E> {
  if (catalogues.has(name)) throw new Error(`The error catalogue "${name}" is defined twice.`);
  catalogues.set(name, entries);
  const catalogue = {} as Record<string, (...args: unknown[]) => DomainError>;
  for (const [key, entry] of Object.entries(entries)) {
    catalogue[key] = (...args: unknown[]) => {
      const localize = (context: TextContext) =>
        render(context.locale === 'en' ? entry.en(...args) : entry.zh(...args), context);
      const english = localize({ ...DEFAULT_TEXT_CONTEXT, locale: 'en' });
      const field = entry.field?.(...args);
      return new DomainError(entry.code, english, field ? { [field]: english } : undefined, {
        key: `${name}.${key}`,
        localize,
      });
    };
  }
  return catalogue as ErrorCatalogue<E>;
}

/** The message of an error for a reader: the catalogue's wording, or the English one it was thrown with. */
export function localizedMessage(error: DomainError, context: TextContext): string {
  return error.localized ? error.localized.localize(context) : error.message;
}

export type { Locale };
