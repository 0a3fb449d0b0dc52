import 'reflect-metadata';
import { createStripeClient, StripeReconciliation } from '@vtask/ledger';
import { ConfigError, loadConfig, stripeApiBase } from '../config';
import { createDataSource, resolveDatabase } from '../database';

/**
 * `npm run reconcile:stripe [-- --all]`: compares the ledger with Stripe per transfer group (each order
 * with Stripe operations, each payout) and prints the differences; `--all` prints every group. Reads
 * only. Needs STRIPE_SECRET_KEY (and STRIPE_API_BASE for another host) and the API's database settings.
 * Exits 1 when something differs, so it can run on a schedule and alert.
 */
async function main(): Promise<void> {
  const all = process.argv.includes('--all');
  const secretKey = process.env.STRIPE_SECRET_KEY?.trim();
  if (!secretKey)
    throw new ConfigError('reconcile:stripe needs STRIPE_SECRET_KEY (the same key the API uses).');
  const config = loadConfig({ ...process.env, PAYMENT_PROVIDER: 'sandbox' });
  const stripe = createStripeClient({ secretKey, apiBase: stripeApiBase(process.env) });
  const database = await resolveDatabase(config, () => undefined);
  const dataSource = createDataSource(database.url, 2);
  await dataSource.initialize();
  let checked = 0;
  let differing = 0;
  try {
    for await (const group of new StripeReconciliation(dataSource, stripe).run()) {
      checked++;
      const money = group.differences.filter((line) => !line.startsWith('note:'));
      if (money.length) differing++;
      if (group.differences.length) {
        for (const line of group.differences)
          console.log(
            `${line.startsWith('note:') ? 'NOTE' : 'DIFF'} ${group.group}: ${line.replace(/^note: /, '')}`,
          );
      } else if (all) {
        console.log(
          `OK   ${group.group}: in ${group.ledger.in}, out ${group.ledger.out} (minor units of ${group.currency})`,
        );
      }
    }
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
  console.log(`reconcile:stripe: ${checked} transfer group(s) checked, ${differing} with differences`);
  if (differing) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `reconcile:stripe cannot run: ${error.message}` : error);
  process.exit(2);
});
