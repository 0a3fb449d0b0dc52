import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const NOT_A_STRING = 'Decimal values are strings such as "1999.00", never JSON numbers.';

/**
 * Money amounts travel as decimal strings ("1999.00"), never floats. Parsing into minor units
 * happens in `Money.fromDecimal`, which knows each currency's digits.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'A decimal number as a string, e.g. "1999.00". Never a float.',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== 'string') throw new GraphQLError(NOT_A_STRING);
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(NOT_A_STRING);
    return ast.value;
  },
});
