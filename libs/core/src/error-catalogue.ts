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
      // An input error's message names its field first, as DomainError.badInput's always did.
      const message = field ? `${field}: ${english}` : english;
      return new DomainError(entry.code, message, field ? { [field]: english } : undefined, {
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

/** A catalogue entry for one input field's problem, worded once in each language. */
export function fieldProblem(field: string, en: string, zh: string): ErrorEntry<[]> {
  return { code: ErrorCode.BAD_USER_INPUT, field: () => field, en: () => en, zh: () => zh };
}

/**
 * Several input problems found at once (a form with two wrong fields) as one BAD_USER_INPUT naming
 * each field, each worded by its own catalogue entry: `if (problems.length) throw inputErrors(problems)`.
 */
export function inputErrors(problems: readonly DomainError[]): DomainError {
  if (problems.length === 1) return problems[0];
  const fields = Object.assign({}, ...problems.map((problem) => problem.fields ?? {}));
  const summary = (context: TextContext) =>
    problems
      .map((problem) => {
        // An uncatalogued problem's message already names its fields.
        if (!problem.localized) return problem.message;
        const field = Object.keys(problem.fields ?? {})[0];
        const text = problem.localized.localize(context);
        return field ? `${field}: ${text}` : text;
      })
      .join(context.locale === 'en' ? '; ' : '；');
  return new DomainError(
    ErrorCode.BAD_USER_INPUT,
    summary({ ...DEFAULT_TEXT_CONTEXT, locale: 'en' }),
    fields,
    {
      key: problems.map((problem) => problem.localized?.key ?? problem.code).join('+'),
      localize: summary,
      // Each field's problem in the reader's language, from its own entry.
      localizeFields: (context) =>
        Object.assign(
          {},
          ...problems.map((problem) => {
            const names = Object.keys(problem.fields ?? {});
            if (!problem.localized || names.length !== 1) return problem.fields ?? {};
            return { [names[0]]: problem.localized.localize(context) };
          }),
        ),
    },
  );
}

/**
 * The wording of input checks every library makes (a blank field, a length, a range). A library's own
 * catalogue holds what only it says.
 */
export const InputErrors = defineErrors('input', {
  blank: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string) => 'Cannot be blank.',
    zh: (_field: string) => '不能为空。',
  },
  tooLong: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string, max: number) => `At most ${max} characters.`,
    zh: (_field: string, max: number) => `最多 ${max} 个字符。`,
  },
  negative: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string) => 'Cannot be negative.',
    zh: (_field: string) => '不能为负数。',
  },
  notInFuture: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string) => 'Must be in the future.',
    zh: (_field: string) => '须晚于当前时间。',
  },
  outOfRange: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string, min: number, max: number) => `From ${min} to ${max}.`,
    zh: (_field: string, min: number, max: number) => `须在 ${min} 到 ${max} 之间。`,
  },
  notAfter: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string, earlier: string) => `Must be after ${earlier}.`,
    zh: (_field: string, earlier: string) => `须晚于 ${earlier}。`,
  },
  notAtOrAfter: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string, earlier: string) => `Must be at or after ${earlier}.`,
    zh: (_field: string, earlier: string) => `不得早于 ${earlier}。`,
  },
  notPositive: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (field: string) => `The ${amountName(field)} must be more than zero.`,
    zh: (field: string) => `${amountNameZh(field)}须大于零。`,
  },
  noChannel: {
    code: ErrorCode.BAD_USER_INPUT,
    field: () => 'channels',
    en: () => 'Choose at least one channel.',
    zh: () => '请至少选择一个渠道。',
  },
  wrongCurrency: {
    code: ErrorCode.BAD_USER_INPUT,
    field: (field: string) => field,
    en: (_field: string, whose: 'task' | 'order', currency: string) =>
      `Use the ${whose}'s currency, ${currency}.`,
    zh: (_field: string, whose: 'task' | 'order', currency: string) =>
      `请使用${whose === 'task' ? '任务' : '订单'}的币种 ${currency}。`,
  },
});

/** `budget.amount` -> "budget", `price.amount` -> "price". */
function amountName(field: string): string {
  return field.split('.')[0];
}

function amountNameZh(field: string): string {
  const name = amountName(field);
  return name === 'budget' ? '预算' : name === 'price' ? '价格' : '金额';
}
