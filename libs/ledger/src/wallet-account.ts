import type { Viewer } from '@vtask/core';
import { LedgerAccount } from './ledger-accounts';
import { LedgerErrors } from './ledger.errors';

/** The wallet account of a merchant, creator or agency (admins have none). */
export function walletAccountOf(viewer: Viewer): string {
  if (viewer.creatorId) return LedgerAccount.creator(viewer.creatorId);
  if (viewer.agencyId) return LedgerAccount.agency(viewer.agencyId);
  if (viewer.merchantId) return LedgerAccount.merchant(viewer.merchantId);
  throw LedgerErrors.noWallet();
}
