import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  parse,
  typeFromAST,
  type GraphQLInputType,
  type OperationDefinitionNode,
} from 'graphql';
import { Client } from 'pg';
import request from 'supertest';
import { expectWellFormedErrors } from './support/errors';
import { signUpCreator, signUpMerchant, type Account } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { postTask } from './support/market-fixtures';

const TASK_PERFORMANCE = `query($taskId: ID!) { taskPerformance(taskId: $taskId) { views orders } }`;

/** `count` copies of `field`, each under its own alias a0, a1, ... */
const aliased = (count: number, field: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/**
 * SPEC "Limits": an operation is priced by the work its fields run (a ranking, an aggregate or a count
 * is not 1 because it returns scalars), aliases and root fields are capped, and one user runs at most
 * EXPENSIVE_OPERATIONS_PER_USER expensive operations at once. Issue 13, defect 1.
 */
describe('query limits (MAX_ROOT_FIELDS, MAX_ALIASES and EXPENSIVE_OPERATIONS_PER_USER at their defaults)', () => {
  let server: TestServer;
  let creator: Account;
  beforeAll(async () => {
    // The harness raises the per-user bound for other suites; empty means unset, so the default (2) applies.
    server = await startTestServer({ env: { EXPENSIVE_OPERATIONS_PER_USER: '' } });
    creator = await signUpCreator(server.gql);
  });
  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  describe('aliases and root fields', () => {
    it('refuses 999 aliased rankings, before any of them runs', async () => {
      const response = await server.gql.request(
        aliased(999, 'recommendedTasks(first: 1) { score }'),
        {},
        creator.token,
      );
      expect(response.status).toBe(400);
      expect(response.data).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(response.errors?.[0]?.message).toMatch(/aliases/);
    });

    it('refuses 999 aliased totals and 999 aliased creator rankings alike', async () => {
      for (const field of [
        'tasks(first: 100) { totalCount }',
        `recommendedCreators(taskId: "${randomUUID()}", first: 1) { score }`,
        `taskPerformance(taskId: "${randomUUID()}") { views }`,
      ]) {
        const error = await server.gql.fail(aliased(999, field), {}, creator.token);
        expect(error.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      }
    });

    it('allows 20 aliases and refuses the 21st', async () => {
      const data = await server.gql.ok(aliased(20, 'me { id }'), {}, creator.token);
      expect(data.a19.id).toBe(creator.userId);
      const error = await server.gql.fail(aliased(21, 'me { id }'), {}, creator.token);
      expect(error.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(error.message).toMatch(/21 aliases, over the limit of 20/);
    });

    it('counts aliases inside fragments wherever they are spread', async () => {
      const query = `{ ${Array.from({ length: 7 }, (_, i) => `m${i}: me { ...Ids }`).join(' ')} }
        fragment Ids on User { a: id b: id }`;
      // 7 aliases at the root and 2 in each of the 7 spreads: 21.
      expect((await server.gql.fail(query, {}, creator.token)).message).toMatch(/21 aliases/);
    });

    it('allows 20 root fields and refuses the 21st, fragments included', async () => {
      const data = await server.gql.ok(`{ ${'me { id } '.repeat(20)} }`, {}, creator.token);
      expect(data.me.id).toBe(creator.userId);
      const error = await server.gql.fail(
        `{ ${'me { id } '.repeat(19)} ...More } fragment More on Query { me { id } errorCodes }`,
        {},
        creator.token,
      );
      expect(error.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(error.message).toMatch(/21 root fields, over the limit of 20/);
    });

    it('refuses fragments that spread each other into millions of selections, without expanding them', async () => {
      // Four levels (within the depth limit), each spreading the next 50 times: 50^4 = 6,250,000 selections.
      const spreads = (next: string) => Array.from({ length: 50 }, () => `...${next}`).join(' ');
      const query = `{ ...F0 }
        fragment F0 on Query { ${spreads('F1')} }
        fragment F1 on Query { ${spreads('F2')} }
        fragment F2 on Query { ${spreads('F3')} }
        fragment F3 on Query { __typename }`;
      const error = await server.gql.fail(query);
      expect(error.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(error.message).toMatch(/more than 10000 selections/);
    });
  });

  describe('cost of the work a field runs', () => {
    it('prices a ranking at 100 whatever it selects: 9 fit under 1000, 10 do not', async () => {
      const nine = await server.gql.ok(aliased(9, 'recommendedTasks(first: 1) { score }'), {}, creator.token);
      expect(nine.a8).toEqual([]);
      const error = await server.gql.fail(
        aliased(10, 'recommendedTasks(first: 1) { score }'),
        {},
        creator.token,
      );
      expect(error.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(error.message).toMatch(/would cost 10\d\d, over the limit of 1000/);
    });

    it('prices a total at 50: a page asking for it still runs, 20 of them do not', async () => {
      const data = await server.gql.ok(`{ tasks(first: 20) { totalCount nodes { id title } } }`);
      expect(data.tasks.totalCount).toEqual(expect.any(Number));
      const error = await server.gql.fail(aliased(20, 'tasks(first: 1) { totalCount }'));
      expect(error.message).toMatch(/would cost/);
    });
  });

  describe('expensive operations of one user at once (EXPENSIVE_OPERATIONS_PER_USER = 2)', () => {
    /** Holds content_metrics locked, so every performance query waits in the database until released. */
    async function lockContentMetrics(): Promise<{ release: () => Promise<void> }> {
      const client = new Client({ connectionString: server.databaseUrl });
      await client.connect();
      await client.query('BEGIN');
      await client.query('LOCK TABLE content_metrics IN ACCESS EXCLUSIVE MODE');
      return {
        release: async () => {
          await client.query('COMMIT');
          await client.end();
        },
      };
    }

    it('refuses a third expensive operation of one user with RATE_LIMITED (429) while another user runs theirs', async () => {
      const merchant = await signUpMerchant(server.gql);
      const other = await signUpMerchant(server.gql);
      const task = await postTask(server.gql, merchant.token);
      const otherTask = await postTask(server.gql, other.token);

      const lock = await lockContentMetrics();
      let released = false;
      try {
        const mine = [1, 2, 3].map(() =>
          server.gql.request(TASK_PERFORMANCE, { taskId: task.id }, merchant.token),
        );
        const theirs = server.gql.request(TASK_PERFORMANCE, { taskId: otherTask.id }, other.token);
        // Two of the three wait on the lock, holding the merchant's two slots; only the refused one can answer now.
        const first = await Promise.race(mine.map((response, index) => response.then(() => index)));
        const refused = await mine[first];
        expect(refused.status).toBe(429);
        expect(refused.headers['retry-after']).toBe('1');
        expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
        expect(refused.errors?.[0]?.message).toMatch(/2 expensive requests/);

        await lock.release();
        released = true;
        const answers = await Promise.all(mine.filter((_, index) => index !== first));
        for (const answer of answers) expect(answer.data?.taskPerformance).toEqual({ views: 0, orders: 0 });
        expect((await theirs).data?.taskPerformance).toEqual({ views: 0, orders: 0 });
      } finally {
        if (!released) await lock.release();
      }

      // The slots are given back with the answers.
      const again = await Promise.all(
        [1, 2].map(() => server.gql.ok(TASK_PERFORMANCE, { taskId: task.id }, merchant.token)),
      );
      expect(again.map((data) => data.taskPerformance.views)).toEqual([0, 0]);
    });
  });

  describe("the web console's own operations", () => {
    const operationsDir = join(__dirname, '../apps/web/src/graphql/operations');
    const document = readdirSync(operationsDir)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => readFileSync(join(operationsDir, file), 'utf8'))
      .join('\n');
    const schema = buildSchema(readFileSync(join(__dirname, '../apps/api/schema.gql'), 'utf8'));
    const operations = parse(document).definitions.filter(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION && definition.operation !== 'subscription',
    );

    /** A value of the type that passes variable coercion; ids and the like name nothing that exists. */
    function sample(type: GraphQLInputType): unknown {
      const inner = getNullableType(type);
      if (isListType(inner)) return [sample(inner.ofType)];
      if (isEnumType(inner)) return inner.getValues()[0].value;
      if (isInputObjectType(inner)) {
        const fields = Object.values(inner.getFields()).filter((field) => isNonNullType(field.type));
        return Object.fromEntries(fields.map((field) => [field.name, sample(field.type)]));
      }
      if (isScalarType(inner)) {
        const samples: Record<string, unknown> = {
          ID: randomUUID(),
          String: 'x',
          Int: 1,
          Float: 1,
          Boolean: true,
          DateTime: new Date().toISOString(),
          Decimal: '1.00',
        };
        return samples[inner.name];
      }
      throw new Error(`no sample for ${String(type)}`);
    }

    /** Every required variable, and the console's own page size (PAGE_SIZE, 20) for `first`. */
    function variablesFor(operation: OperationDefinitionNode): Record<string, unknown> {
      const variables: Record<string, unknown> = {};
      for (const definition of operation.variableDefinitions ?? []) {
        const name = definition.variable.name.value;
        if (name === 'first') variables[name] = 20;
        else if (definition.type.kind === Kind.NON_NULL_TYPE)
          variables[name] = sample(typeFromAST(schema, definition.type) as GraphQLInputType);
      }
      return variables;
    }

    it('has operations to check', () => {
      expect(operations.length).toBeGreaterThan(30);
    });

    it('passes every limit with each query and mutation of the console', async () => {
      const refused: string[] = [];
      for (const operation of operations) {
        const name = operation.name!.value;
        const response = await request(server.url)
          .post('/graphql')
          .set('content-type', 'application/json')
          .set('authorization', `Bearer ${creator.token}`)
          .send({ query: document, operationName: name, variables: variablesFor(operation) });
        const error = response.body.errors?.[0];
        // A made-up id or role may be refused by the resolver; the limits and variables must not be.
        if (error?.extensions?.code === 'QUERY_TOO_COMPLEX' || /^Variable "\$/.test(error?.message ?? ''))
          refused.push(`${name}: ${error.message}`);
      }
      expect(refused).toEqual([]);
    });
  });
});
