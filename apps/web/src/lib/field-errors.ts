/** An antd form field name: a path such as ['creator', 'handle']. */
export type FieldPath = (string | number)[];

export interface MappedFieldErrors {
  /** For `form.setFields`: each problem on the form field it belongs to. */
  fields: { name: FieldPath; errors: string[] }[];
  /** Problems with no field on this form, to show above it. */
  unmatched: string[];
}

/**
 * Puts the API's `extensions.fields` ({"budget.amount": "..."}) on the form's own fields. A path is
 * tried whole, then without a leading `input.` and without trailing parts, so "budget.amount" lands
 * on a money field named "budget" and "creator.handle" on ['creator', 'handle'].
 */
export function mapFieldErrors(
  apiFields: Record<string, string>,
  formFields: FieldPath[],
): MappedFieldErrors {
  const known = new Map(formFields.map((path) => [path.join('.'), path]));
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  const unmatched: string[] = [];
  for (const [apiPath, problem] of Object.entries(apiFields)) {
    const target = candidates(apiPath).find((candidate) => known.has(candidate));
    if (target === undefined) {
      unmatched.push(`${apiPath}: ${problem}`);
      continue;
    }
    const entry = byField.get(target) ?? { name: known.get(target)!, errors: [] };
    entry.errors.push(problem);
    byField.set(target, entry);
  }
  return { fields: [...byField.values()], unmatched };
}

function candidates(apiPath: string): string[] {
  const parts = apiPath.replace(/^input\./, '').split('.');
  const found: string[] = [];
  for (let length = parts.length; length > 0; length--) found.push(parts.slice(0, length).join('.'));
  return found;
}
