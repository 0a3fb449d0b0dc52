import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_ENV } from './support/fixtures';
import { startTestServer, type TestServer } from './support/harness';
import { inBatches, ledgerViolations, orderCalls, orderFromTask, outcome, setUpParties, type Parties } from './support/order-fixtures';

describe('tmp: task cancel races', () => {
  let server: TestServer;
  let p: Parties;
  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    p = await setUpParties(server);
  });
  afterAll(() => server.close());
  it('races', async () => {
    const calls = orderCalls(server.gql);
    const results: string[] = [];
    await inBatches(30, 5, async (i) => {
      const orderId = await orderFromTask(p);
      const [row] = await server.sql(`SELECT task_id FROM orders WHERE id = $1`, [orderId]);
      const cancelTask = () => server.gql.request(`mutation($id: ID!) { cancelTask(taskId: $id, reason: "no") { status } }`, { id: row.task_id }, p.merchant.token);
      const other = i % 2 === 0 ? () => calls.fund(p.merchant.token, orderId) : () => calls.cancel(p.creator.token, orderId);
      const [a, b] = await Promise.all([sleep(Math.random() * 10).then(cancelTask), sleep(Math.random() * 10).then(other)]);
      const [state] = await server.sql(`SELECT o.status AS o, t.status AS t FROM orders o JOIN tasks t ON t.id = o.task_id WHERE o.id = $1`, [orderId]);
      results.push(`${i % 2 === 0 ? 'fund' : 'cancelOrder'}:${outcome(b)}${b.data?.fundOrder ? '/' + b.data.fundOrder.status : ''} cancelTask:${outcome(a)} -> order ${state.o} task ${state.t} ${a.errors?.[0]?.message ?? ''} ${b.errors?.[0]?.message ?? ''}`);
    });
    console.log(results.sort().join('\n'));
    console.log(await ledgerViolations(server));
  }, 120000);
});
