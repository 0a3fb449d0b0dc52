import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import type { GqlError } from './harness';

/**
 * The ErrorCode values of the committed schema. `.ci/run` checks that schema against the contract
 * (which lives beside the clone, not in it), so `npm test` runs from a clone alone.
 */
export const CONTRACT_ERROR_CODES: readonly string[] = (
  buildSchema(readFileSync(join(__dirname, '../../apps/api/schema.gql'), 'utf8')).getType(
    'ErrorCode',
  ) as GraphQLEnumType
)
  .getValues()
  .map((value) => value.name);

/** What `extensions.code` may be: a contract code, or INTERNAL_SERVER_ERROR for our own failures. */
export const ALLOWED_ERROR_CODES: readonly string[] = [...CONTRACT_ERROR_CODES, 'INTERNAL_SERVER_ERROR'];

/** Every error has a documented code, a message, and nothing of the server's insides. */
export function expectWellFormedErrors(errors: readonly GqlError[]): void {
  for (const error of errors) {
    expect(typeof error.message).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
    expect(ALLOWED_ERROR_CODES).toContain(error.extensions?.code);
    const text = JSON.stringify(error);
    expect(error.extensions).not.toHaveProperty('stacktrace');
    expect(error.extensions).not.toHaveProperty('exception');
    expect(text).not.toMatch(/\bat .+\.(js|ts):\d+/);
    expect(text).not.toMatch(/QueryFailedError|SELECT |INSERT INTO|UPDATE "|node_modules/);
  }
}
