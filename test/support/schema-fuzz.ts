import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Arguments and selections for any operation of the served schema, derived from its types alone, so a
 * new query or mutation is fuzzed the day it lands. Values come in three kinds, weighted towards the
 * valid ones so that the fuzzer also reaches the states behind a successful call:
 * - valid: what a well-behaved client would send (names like `email` or `amount` pick a fitting form);
 * - boundary: empty, the longest allowed-looking, zero, the ends of the Int range, far dates;
 * - hostile: NUL bytes, unpaired surrogates, 10k-character strings, wrong or forged ids, huge and
 *   NaN-ish numbers, values of the wrong type, nulls inside non-null inputs, huge lists.
 */

/** Ids the fuzzer has seen in answers (and the set-up world), by type: valid ids reach real rows. */
export class IdPool {
  private readonly ids: string[] = [];
  private readonly byType = new Map<string, string[]>();
  private readonly known = new Set<string>();

  constructor(private readonly limit = 5000) {}

  add(id: string, typeName: string | null = null): void {
    if (this.ids.length >= this.limit) return;
    if (!this.known.has(id)) {
      this.known.add(id);
      this.ids.push(id);
    }
    if (typeName) {
      const ofType = this.byType.get(typeName) ?? [];
      if (!ofType.includes(id)) ofType.push(id);
      this.byType.set(typeName, ofType);
    }
  }

  /** Every `id` in an answer of `type`, kept under the object type it belongs to. */
  harvest(value: unknown, type: GraphQLOutputType): void {
    if (value === null || value === undefined) return;
    if (isNonNullType(type)) return this.harvest(value, type.ofType);
    if (isListType(type)) {
      if (Array.isArray(value))
        for (const item of value) this.harvest(item, type.ofType as GraphQLOutputType);
      return;
    }
    if (!(isObjectType(type) || isInterfaceType(type)) || typeof value !== 'object') return;
    const fields = type.getFields();
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'id' && typeof inner === 'string' && inner.length <= 64) this.add(inner, type.name);
      else if (fields[key]) this.harvest(inner, fields[key].type);
    }
  }

  /** Picks an id of `typeName` (any id when none is known yet), from what is known when generated. */
  arbitrary(typeName: string | null): fc.Arbitrary<string> {
    return fc.nat().map((index) => {
      const ofType = typeName ? this.byType.get(typeName) : undefined;
      const choices = ofType?.length ? ofType : this.ids;
      return choices[index % choices.length];
    });
  }
}

/**
 * The object type an ID argument names, from its name and the root field it belongs to: `bidId` is a
 * Bid, `submissionIds` a VenueSubmission, `order(id)` an Order, `markNotificationsRead(ids)` a Notification.
 */
export function idTypeResolver(
  schema: GraphQLSchema,
  root: GraphQLField<unknown, unknown>,
): (name: string) => string | null {
  const objectTypes = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
    .map((type) => type.name)
    .sort((a, b) => b.length - a.length);
  return (name) => {
    const stem = name.replace(/Ids?$/, '').replace(/^ids?$/, '');
    if (stem) {
      const wanted = stem[0].toUpperCase() + stem.slice(1);
      return (
        objectTypes.find((type) => type === wanted) ??
        objectTypes.find((type) => type.endsWith(wanted)) ??
        null
      );
    }
    const returned = getNamedType(root.type);
    if (isObjectType(returned) && !returned.name.endsWith('Connection')) return returned.name;
    const rootName = root.name.toLowerCase();
    return objectTypes.find((type) => rootName.includes(type.toLowerCase())) ?? null;
  };
}

export interface FuzzContext {
  ids: IdPool;
  /** Slugs of the taxonomy (`domainTags` take slugs, not uuids). */
  tagSlugs: string[];
  /**
   * Only valid values, no nulls where the schema forbids them, no wrong types: whole well-formed calls,
   * which a mix of kinds per field would rarely produce, so the fuzzer reaches the states behind them.
   */
  validOnly?: boolean;
  /** The object type an ID argument or field of the operation refers to (idTypeResolver). */
  idTypeOf?: (name: string) => string | null;
}

const DAY = 86_400_000;
const LONG = 10_000;

/** Hostile text every string and id argument must survive: refused with a code, never a 500. */
const HOSTILE_TEXT: string[] = [
  '\u0000',
  'before\u0000after',
  '\uD800',
  'half \uDC00 a pair',
  '\u200B',
  '\u202Eevil',
  "'; DROP TABLE users; --",
  '%s%n%x',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  'x'.repeat(LONG),
  '\u0000'.repeat(100),
  '😀'.repeat(2_000),
];

const HOSTILE_IDS: string[] = [
  'x',
  '1 OR 1=1',
  '',
  ' ',
  '-1',
  '0',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'E621E1F8-C36C-495A-93FC-0C247A3E6E5F',
  '{00000000-0000-0000-0000-000000000000}',
  '1e400',
  'home.furniture',
];

/** Values of the wrong JSON type for any variable: coercion must answer BAD_USER_INPUT. */
const WRONG_TYPE: unknown[] = [0, -1, 1.5, true, 'x', {}, [], { nested: { deep: [null] } }, 'NaN', 1e308];

type Kind = 'valid' | 'boundary' | 'hostile';

function weighted<T>(context: FuzzContext, choices: Record<Kind, fc.Arbitrary<T>>): fc.Arbitrary<T> {
  if (context.validOnly) return choices.valid;
  const weights: Record<Kind, number> = { valid: 6, boundary: 2, hostile: 2 };
  const options = (Object.entries(choices) as [Kind, fc.Arbitrary<T>][]).map(([kind, arbitrary]) => ({
    arbitrary,
    weight: weights[kind],
  }));
  return fc.oneof(...options);
}

function futureDate(minDays: number, maxDays: number): fc.Arbitrary<string> {
  return fc
    .integer({ min: minDays * 24, max: maxDays * 24 })
    .map((hours) => new Date(Date.now() + hours * 3_600_000).toISOString());
}

const boundaryString = fc.oneof(
  fc.constantFrom('', ' ', '   \t\n', 'a'),
  fc.constantFrom(50, 80, 100, 120, 200, 280, 500, 2_000, 4_000, 5_000).map((n) => 'a'.repeat(n)),
  fc.constantFrom(81, 121, 201, 501, 2_001, 4_001, 5_001).map((n) => 'b'.repeat(n)),
);

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ maxLength: 40 }).map((text) => `${text}\u0000${text}`),
);

/** A valid-looking string for an argument or field, by its name. */
function validString(name: string): fc.Arbitrary<string> {
  const lower = name.toLowerCase();
  const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 8 });
  if (lower.includes('email')) return hex.map((tag) => `fuzz${tag}@example.com`);
  if (lower.includes('password')) return fc.constantFrom('correct-horse-battery', 'fuzz-password-123');
  if (lower.includes('url'))
    return fc.constantFrom('https://example.com/back', 'https://cdn.example.com/v.mp4');
  if (lower.includes('handle')) return hex.map((tag) => `fz_${tag}`);
  if (lower.includes('idempotencykey')) return fc.uuid().map((id) => `fuzz-${id}`);
  if (lower === 'industry') return fc.constantFrom('home', 'beauty', 'gadgets');
  if (lower === 'after') return fc.constantFrom('', 'bm90LWEtY3Vyc29y', 'eyJpZCI6IngifQ');
  return fc.oneof(
    fc.constantFrom('Fine words', 'A short brief for a video.', 'Plans changed', 'Closer on the fabric'),
    fc.lorem({ maxCount: 12 }),
  );
}

function stringArbitrary(name: string, context: FuzzContext): fc.Arbitrary<string> {
  return weighted(context, { valid: validString(name), boundary: boundaryString, hostile: hostileString });
}

function idArbitrary(name: string, context: FuzzContext): fc.Arbitrary<string> {
  const tags = name.toLowerCase().includes('tag');
  const valid =
    tags && context.tagSlugs.length
      ? fc.constantFrom(...context.tagSlugs)
      : context.ids.arbitrary(context.idTypeOf?.(name) ?? null);
  return weighted(context, {
    valid,
    boundary: fc.oneof(fc.uuid(), fc.constantFrom(...HOSTILE_IDS)),
    hostile: fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ maxLength: 60 })),
  });
}

function intArbitrary(name: string, context: FuzzContext): fc.Arbitrary<unknown> {
  const lower = name.toLowerCase();
  const valid =
    lower === 'rating'
      ? fc.integer({ min: 1, max: 5 })
      : lower === 'first'
        ? fc.integer({ min: 1, max: 50 })
        : lower.includes('bps')
          ? fc.integer({ min: 0, max: 5_000 })
          : lower.includes('revision')
            ? fc.integer({ min: 0, max: 10 })
            : fc.integer({ min: 0, max: 100 });
  return weighted<unknown>(context, {
    valid,
    boundary: fc.constantFrom(
      0,
      -1,
      1,
      10,
      11,
      100,
      101,
      1_000,
      1_001,
      10_000,
      2_147_483_647,
      -2_147_483_648,
    ),
    hostile: fc.constantFrom(
      2_147_483_648,
      -2_147_483_649,
      2 ** 53,
      -(2 ** 60),
      1e308,
      0.5,
      'NaN',
      'Infinity',
      '12',
    ),
  });
}

function floatArbitrary(context: FuzzContext): fc.Arbitrary<unknown> {
  return weighted<unknown>(context, {
    valid: fc.double({ min: 0, max: 10_000, noNaN: true }),
    boundary: fc.constantFrom(0, -0, -1, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER),
    hostile: fc.constantFrom(1e308, -1e308, 'NaN', 'Infinity', '-Infinity', '1e400'),
  });
}

/** Money amounts: Decimal strings. */
function decimalArbitrary(context: FuzzContext): fc.Arbitrary<unknown> {
  return weighted<unknown>(context, {
    valid: fc
      .integer({ min: 1, max: 99_999_999 })
      .map((cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`),
    boundary: fc.constantFrom('0', '0.00', '0.01', '-0.01', '0.001', '999999.99', '1000000.00', '1000000'),
    hostile: fc.constantFrom(
      '999999999999999.99',
      '9999999999999999999999',
      '-999999999999999.99',
      '1e9',
      '1e400',
      'NaN',
      'Infinity',
      'abc',
      '',
      '1'.repeat(400),
      '0x10',
      ' 1.00 ',
      100,
      -5.5,
    ),
  });
}

function dateArbitrary(name: string, context: FuzzContext): fc.Arbitrary<unknown> {
  const lower = name.toLowerCase();
  // applyBy comes before deliverBy; windows open before they close: give later names later dates.
  const valid = lower.includes('deliver')
    ? futureDate(8, 30)
    : lower.includes('live') || lower.includes('end') || lower.includes('deadline')
      ? futureDate(10, 60)
      : futureDate(1, 6);
  return weighted<unknown>(context, {
    valid,
    boundary: fc.constantFrom(
      new Date(Date.now() - DAY).toISOString(),
      new Date(Date.now() + 365 * 10 * DAY).toISOString(),
      '1970-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2026-02-30T00:00:00Z',
    ),
    hostile: fc.constantFrom('not a date', '', '0', 'T', '+275760-09-13T00:00:00.000Z', 1e15, -1),
  });
}

/** A value for one argument or input field of `type`; `undefined` means "left out". */
export function valueFor(type: GraphQLInputType, name: string, context: FuzzContext): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const inner = valueOfNamed(type.ofType, name, context);
    if (context.validOnly) return inner;
    // Now and then a null where the schema says non-null: nested nulls must be refused cleanly.
    return fc.oneof({ arbitrary: inner, weight: 30 }, { arbitrary: fc.constant(null), weight: 1 });
  }
  const present = valueOfNamed(type, name, context);
  if (context.validOnly) return fc.option(present, { nil: undefined });
  return fc.oneof(
    { arbitrary: present, weight: 4 },
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
}

function valueOfNamed(
  type: Exclude<GraphQLInputType, { ofType: unknown }> | GraphQLInputType,
  name: string,
  context: FuzzContext,
): fc.Arbitrary<unknown> {
  const wrongType = fc.constantFrom(...WRONG_TYPE);
  if (isListType(type)) {
    const item = valueFor(type.ofType as GraphQLInputType, name, context);
    if (context.validOnly) return fc.array(item, { minLength: 1, maxLength: 3 });
    return fc.oneof(
      { arbitrary: fc.array(item, { minLength: 1, maxLength: 3 }), weight: 8 },
      { arbitrary: fc.constant([]), weight: 2 },
      // A huge list of one item (cheap to generate, as costly to the server as distinct items).
      {
        arbitrary: fc
          .tuple(item, fc.constantFrom(1_000, 10_000))
          // At most about 2 MB of JSON: past the body limit the server refuses it whole (413), and
          // 10,000 copies of a 10k-character string would only cost this test its time.
          .map(([value, count]) => {
            const size = JSON.stringify(value)?.length ?? 4;
            return Array.from(
              { length: Math.min(count, Math.max(10, Math.floor(2_000_000 / size))) },
              () => value,
            );
          }),
        weight: 1,
      },
      // A single value where a list is expected (GraphQL coerces it to a list of one).
      { arbitrary: item, weight: 1 },
    );
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((value) => value.name);
    if (context.validOnly) return fc.constantFrom(...values);
    return fc.oneof(
      { arbitrary: fc.constantFrom(...values), weight: 12 },
      { arbitrary: fc.constantFrom('NOT_A_VALUE', values[0].toLowerCase(), ''), weight: 1 },
      { arbitrary: wrongType, weight: 1 },
    );
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const record = fc
      .tuple(...fields.map((field) => valueFor(field.type, field.name, context)))
      .map((values) => {
        const input: Record<string, unknown> = {};
        fields.forEach((field, index) => {
          if (values[index] !== undefined) input[field.name] = values[index];
        });
        return input;
      });
    if (context.validOnly) return record;
    return fc.oneof(
      { arbitrary: record, weight: 12 },
      { arbitrary: record.map((input) => ({ ...input, notAField: 'x' })), weight: 1 },
      { arbitrary: wrongType, weight: 1 },
    );
  }
  const scalar = (() => {
    switch (getNamedType(type).name) {
      case 'ID':
        return idArbitrary(name, context);
      case 'String':
        return stringArbitrary(name, context);
      case 'Int':
        return intArbitrary(name, context);
      case 'Float':
        return floatArbitrary(context);
      case 'Boolean':
        return fc.boolean();
      case 'Decimal':
        return decimalArbitrary(context);
      case 'DateTime':
        return dateArbitrary(name, context);
      default:
        return fc.oneof(stringArbitrary(name, context), fc.integer());
    }
  })();
  if (context.validOnly) return scalar as fc.Arbitrary<unknown>;
  return fc.oneof(
    { arbitrary: scalar as fc.Arbitrary<unknown>, weight: 15 },
    { arbitrary: wrongType, weight: 1 },
  );
}

/** The variables of one call: every argument, by name (left-out ones absent). */
export function argumentsFor(
  args: readonly GraphQLArgument[],
  context: FuzzContext,
): fc.Arbitrary<Record<string, unknown>> {
  if (!args.length) return fc.constant({});
  return fc.tuple(...args.map((arg) => valueFor(arg.type, arg.name, context))).map((values) => {
    const variables: Record<string, unknown> = {};
    args.forEach((arg, index) => {
      if (values[index] !== undefined) variables[arg.name] = values[index];
    });
    return variables;
  });
}

/**
 * The parts a selection of `type` may have, scalars only, `depth` levels of objects deep: each entry is
 * one field with its own sub-selection. Fields that need arguments are left out (they are fuzzed as
 * root fields where they are roots).
 */
export function selectionParts(type: GraphQLOutputType, depth: number): string[] {
  const named = getNamedType(type);
  if (isLeafType(named)) return [];
  if (isUnionType(named) || !(isObjectType(named) || isInterfaceType(named))) return ['__typename'];
  const parts: string[] = [];
  for (const field of Object.values(named.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (field.args.some((arg) => isNonNullType(arg.type))) continue;
    const fieldType = getNamedType(field.type);
    if (isLeafType(fieldType)) parts.push(field.name);
    else if (depth > 1) {
      const inner = selectionParts(field.type, depth - 1);
      if (inner.length) parts.push(`${field.name} { ${inner.join(' ')} }`);
    }
  }
  return parts.length ? parts : ['__typename'];
}

/** A random selection of `type`: a non-empty subset of its parts, one or two levels deep. */
export function selectionFor(type: GraphQLOutputType): fc.Arbitrary<string> {
  if (isLeafType(getNamedType(type))) return fc.constant('');
  const shallow = selectionParts(type, 1);
  const deep = selectionParts(type, 2);
  return fc
    .oneof(fc.constant(shallow), fc.constant(deep))
    .chain((parts) => fc.subarray(parts, { minLength: 1 }))
    .map((parts) => `{ ${parts.join(' ')} }`);
}

/** The document of one call with its variables declared from the arguments' types. */
export function documentFor(
  operation: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  selection: string,
): string {
  const declarations = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `${operation} Fuzz${declarations ? `(${declarations})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection} }`;
}
