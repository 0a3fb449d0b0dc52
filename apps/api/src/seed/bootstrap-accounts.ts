import type { INestApplication } from '@nestjs/common';
import { AuthService, UserEntity } from '@vtask/accounts';
import { DataSource } from 'typeorm';
import { DomainError } from '@vtask/core';
import { ConfigError, type AppConfig } from '../config';
import { seedDemoMarket } from './demo-market';
import { seedDemoMatchmaking } from './demo-matchmaking';
import { seedDemoTracking } from './demo-tracking';
import { seedDemoSquare } from './demo-square';
import { seedDemoVenues } from './demo-venues';
import { seedDemo } from './demo-seed';

/** At start: the configured admin account, then the demo data when asked or when the database is empty. */
export async function bootstrapAccounts(
  app: INestApplication,
  config: AppConfig,
  log: (line: string) => void,
): Promise<void> {
  const auth = app.get(AuthService);
  if (config.adminEmail && config.adminPassword) {
    try {
      await auth.ensureAdmin(config.adminEmail, config.adminPassword);
    } catch (error) {
      // An address someone else registered: the operator must choose, so the start stops and says how.
      if (error instanceof DomainError) throw new ConfigError(error.message);
      throw error;
    }
    log(`admin account ${config.adminEmail} is ready`);
  }
  const dataSource = app.get(DataSource);
  const userCount = await dataSource.getRepository<UserEntity>('UserEntity').count();
  const adminOnly = config.adminEmail ? userCount <= 1 : userCount === 0;
  // The demo includes an admin whose password is printed and published: never by default in production.
  const shouldSeed = config.seedDemo ?? (adminOnly && !config.production);
  if (!shouldSeed) return;
  const logIns = await seedDemo(app);
  if (logIns.length) {
    // The demo orders are funded on the spot, which only the sandbox does: with Stripe a payer must
    // confirm each payment, so the demo keeps its accounts and leaves the orders out.
    if (config.paymentProvider === 'sandbox') {
      await seedDemoMarket(app);
      await seedDemoSquare(app);
    } else log('demo orders skipped: with Stripe, funding waits for a payer to confirm each payment');
    await seedDemoVenues(app);
    await seedDemoTracking(app);
    logIns.push(...(await seedDemoMatchmaking(app)));
    log(`demo data loaded; sign in with any of these (password for all: ${logIns[0].password}):`);
    for (const line of logIns) log(`  ${line.role.padEnd(8)} ${line.email}  (${line.note})`);
  }
}
