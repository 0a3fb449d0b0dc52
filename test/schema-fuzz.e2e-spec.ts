import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  type GraphQLField,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { CONTRACT_ERROR_CODES } from './support/errors';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { ledgerViolations, openSql, orderIn, setUpParties, type Sql } from './support/order-fixtures';
import {
  argumentsFor,
  documentFor,
  IdPool,
  idTypeResolver,
  selectionFor,
  type FuzzContext,
} from './support/schema-fuzz';

/**
 * Schema-driven fuzzing (issue 13, "tests that keep looking"): every query and mutation of the served
 * schema is called with arguments generated from its types (valid, boundary and hostile values), as
 * each role, with a response shape picked from its type. Whatever comes in, the API answers with data
 * or errors that carry a contract code, never a 500 or INTERNAL_SERVER_ERROR, and the ledger's
 * invariants hold after every operation's share of the run.
 *
 * FUZZ_SECONDS (60) bounds the run, shared evenly between the operations; FUZZ_SEED replays one (it is
 * printed at the start and in a failure); FUZZ_ONLY=fieldName,... fuzzes only those root fields;
 * FUZZ_SHRINK=1 shrinks a failure to its smallest form (slower: every try is a request); FUZZ_VERBOSE=1
 * prints every call and its outcome.
 */

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 60);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const ONLY = (process.env.FUZZ_ONLY ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const SHRINK = process.env.FUZZ_SHRINK === '1';
const VERBOSE = process.env.FUZZ_VERBOSE === '1';
const MIN_RUNS = 3;
const ROLES = ['anonymous', 'merchant', 'creator', 'agency', 'admin'] as const;
type Role = (typeof ROLES)[number];

interface Call {
  role: Role;
  variables: Record<string, unknown>;
  selection: string;
}

interface Failure {
  operation: string;
  report: string;
}

describe(`schema fuzzing (FUZZ_SEED=${SEED})`, () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  let sql: Sql;
  let closeSql: () => Promise<void>;
  const tokens: Record<Role, string | null> = {
    anonymous: null,
    merchant: null,
    creator: null,
    agency: null,
    admin: null,
  };
  let context: FuzzContext;

  beforeAll(async () => {
    console.log(`schema fuzzing: FUZZ_SEED=${SEED} FUZZ_SECONDS=${SECONDS} (set FUZZ_SEED to replay)`);
    server = await startTestServer({ env: ADMIN_ENV });
    const introspection = await server.gql.ok<IntrospectionQuery>(getIntrospectionQuery());
    schema = buildClientSchema(introspection);
    // A small world, so valid ids reach real rows: every role, and orders in several states.
    const parties = await setUpParties(server, { agencyBps: 2000 });
    const orders = [
      await orderIn(parties, 'AWAITING_FUNDING'),
      await orderIn(parties, 'IN_PROGRESS'),
      await orderIn(parties, 'DELIVERED'),
      await orderIn(parties, 'DISPUTED'),
    ];
    Object.assign(tokens, {
      merchant: parties.merchant.token,
      creator: parties.creator.token,
      agency: parties.agency!.token,
      admin: parties.admin,
    });
    // Ids of the world by type, so a `bidId` gets a bid's id: harvested answers add to them as the run goes.
    const ids = new IdPool();
    const tables: [string, string][] = [
      ['tasks', 'Task'],
      ['bids', 'Bid'],
      ['orders', 'Order'],
      ['offers', 'Offer'],
      ['users', 'User'],
      ['notifications', 'Notification'],
    ];
    for (const [table, typeName] of tables) {
      for (const row of await server.sql<{ id: string }>(`SELECT id::text FROM ${table} LIMIT 200`)) {
        ids.add(row.id, typeName);
      }
    }
    for (const id of orders) ids.add(id, 'Order');
    ids.add(parties.merchant.profileId, 'Merchant');
    for (const account of [parties.creator, parties.otherCreator]) ids.add(account.profileId, 'Creator');
    ids.add(parties.agency!.profileId, 'Agency');
    const tags = await server.sql<{ slug: string }>(`SELECT slug FROM domain_tags`);
    context = { ids, tagSlugs: tags.map((tag) => tag.slug) };
    ({ sql, close: closeSql } = await openSql(server.databaseUrl));
    expect(await ledgerViolations(sql)).toEqual([]);
  });

  afterAll(async () => {
    await closeSql?.();
    await server?.close();
  });

  /** The slowest calls of the run, printed at the end: a slow refusal is work anyone can make the server do. */
  const slowest: { ms: number; operation: string; call: string }[] = [];
  function noteDuration(ms: number, operation: string, call: Call): void {
    if (slowest.length >= 5 && ms <= slowest[slowest.length - 1].ms) return;
    slowest.push({ ms, operation, call: JSON.stringify(call).slice(0, 300) });
    slowest.sort((a, b) => b.ms - a.ms);
    slowest.splice(5);
  }

  /** What is wrong with the answer to one call (nothing, for data or well-coded refusals). */
  async function problemsOf(
    field: GraphQLField<unknown, unknown>,
    document: string,
    call: Call,
  ): Promise<{ problems: string[]; succeeded: boolean; code?: string }> {
    const started = performance.now();
    const response = await server.gql.request(document, call.variables, tokens[call.role]);
    noteDuration(performance.now() - started, field.name, call);
    context.ids.harvest(response.data?.[field.name], field.type);
    if (VERBOSE) {
      const outcome = response.errors?.length
        ? response.errors.map((error) => `${error.extensions?.code}: ${error.message}`).join('; ')
        : 'OK';
      console.log(
        `${call.role} ${document} ${JSON.stringify(call.variables).slice(0, 400)}\n=> ${outcome.slice(0, 400)}`,
      );
    }
    const problems: string[] = [];
    if (response.status >= 500) problems.push(`HTTP ${response.status}`);
    for (const error of response.errors ?? []) {
      const code = error.extensions?.code;
      if (!code || !CONTRACT_ERROR_CODES.includes(code)) {
        problems.push(`${code ?? 'no code'}: ${error.message.slice(0, 300)}`);
      }
      if (error.extensions && ('stacktrace' in error.extensions || 'exception' in error.extensions)) {
        problems.push(`an error shows the server's insides: ${JSON.stringify(error).slice(0, 300)}`);
      }
    }
    // A refusal before GraphQL (a body too large) has no errors array: fine unless it is a 5xx.
    return {
      problems,
      succeeded: !response.errors?.length && response.data !== null,
      code: response.errors?.[0]?.extensions?.code,
    };
  }

  it(
    'answers every query and mutation, as every role, with data or coded errors, and keeps the books',
    async () => {
      const roots: { operation: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] = [];
      for (const operation of ['query', 'mutation'] as const) {
        const type = operation === 'query' ? schema.getQueryType() : schema.getMutationType();
        for (const field of Object.values(type!.getFields())) {
          if (!ONLY.length || ONLY.includes(field.name)) roots.push({ operation, field });
        }
      }
      expect(roots.length).toBeGreaterThan(ONLY.length ? 0 : 40);
      const budgetMs = (SECONDS * 1000) / roots.length;
      const failures: Failure[] = [];
      const runsByOperation: Record<string, number> = {};
      const successesByOperation: Record<string, number> = {};
      for (const [index, { operation, field }] of roots.entries()) {
        let runs = 0;
        const operationContext = { ...context, idTypeOf: idTypeResolver(schema, field) };
        // Roles this operation refused as such (FORBIDDEN, UNAUTHENTICATED): well-formed calls go to the
        // others, so they reach the rules behind the role check; every role still gets hostile calls.
        const refusedRoles = new Set<Role>();
        const acceptedRole = fc.nat().map((index) => {
          const roles = ROLES.filter((role) => !refusedRoles.has(role));
          return (roles.length ? roles : ROLES)[index % (roles.length || ROLES.length)];
        });
        const selection = selectionFor(field.type);
        // A third of the calls are whole well-formed ones; the rest mix valid, boundary and hostile values.
        const call = fc.oneof(
          fc.record({
            role: acceptedRole,
            variables: argumentsFor(field.args, { ...operationContext, validOnly: true }),
            selection,
          }),
          fc.record({
            role: fc.constantFrom(...ROLES),
            variables: argumentsFor(field.args, operationContext),
            selection,
          }),
          fc.record({
            role: fc.constantFrom(...ROLES),
            variables: argumentsFor(field.args, operationContext),
            selection,
          }),
        );
        const property = fc.asyncProperty(call, async (input: Call) => {
          runs += 1;
          const document = documentFor(operation, field, input.selection);
          const { problems, succeeded, code } = await problemsOf(field, document, input);
          if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') refusedRoles.add(input.role);
          if (succeeded) successesByOperation[field.name] = (successesByOperation[field.name] ?? 0) + 1;
          if (problems.length) throw new Error(`${document}\n${problems.join('\n')}`);
        });
        // One seed for the whole run, offset per operation, so FUZZ_SEED (+ FUZZ_ONLY) replays it. A few
        // calls always run, however busy the machine; then as many as the operation's share of time allows.
        const started = Date.now();
        const first = await fc.check(property, {
          seed: SEED + index,
          numRuns: MIN_RUNS,
          endOnFailure: !SHRINK,
        });
        const left = budgetMs - (Date.now() - started);
        const rest =
          !first.failed && left > 0
            ? await fc.check(property, {
                seed: SEED + index + 1_000_000,
                numRuns: 1_000_000,
                endOnFailure: !SHRINK,
                plugins: [fc.interruptAfterTimeLimit(left)],
              })
            : null;
        const details = rest ?? first;
        runsByOperation[field.name] = runs;
        if (details.failed && !details.interrupted) {
          failures.push({
            operation: `${operation} ${field.name}`,
            report:
              `${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}\n` +
              `${fc.defaultReportMessage(details as fc.RunDetails<unknown>)}\nreplay: FUZZ_SEED=${SEED} FUZZ_ONLY=${field.name}`,
          });
        }
        const violations = await ledgerViolations(sql);
        if (violations.length) {
          failures.push({
            operation: `${operation} ${field.name}`,
            report: `ledger invariants broken after fuzzing ${field.name}:\n${violations.join('\n')}`,
          });
        }
      }
      const total = Object.values(runsByOperation).reduce((sum, runs) => sum + runs, 0);
      console.log(
        `schema fuzzing: ${total} calls over ${roots.length} operations (FUZZ_SEED=${SEED}); ` +
          `fewest: ${Object.entries(runsByOperation)
            .sort((a, b) => a[1] - b[1])
            .slice(0, 3)
            .map(([name, runs]) => `${name} ${runs}`)
            .join(', ')}`,
      );
      const neverSucceeded = roots
        .map(({ field }) => field.name)
        .filter((name) => !successesByOperation[name]);
      console.log(
        `schema fuzzing: operations no call succeeded for (only refusals seen): ${neverSucceeded.join(', ')}`,
      );
      console.log(
        `schema fuzzing: slowest calls:\n${slowest.map((entry) => `${entry.ms.toFixed(0)} ms ${entry.operation} ${entry.call}`).join('\n')}`,
      );
      if (failures.length) {
        throw new Error(
          `schema fuzzing found ${failures.length} failing operation(s) (FUZZ_SEED=${SEED}):\n\n` +
            failures.map((failure) => `== ${failure.operation}\n${failure.report}`).join('\n\n'),
        );
      }
      // Every operation ran at least once: the fuzzer covers the whole schema.
      expect(Object.values(runsByOperation).every((runs) => runs > 0)).toBe(true);
    },
    SECONDS * 2_000 + 120_000,
  );
});
