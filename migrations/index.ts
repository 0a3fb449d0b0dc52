import { Foundation1795689022623 } from './1795689022623-Foundation';
import { DomainTags1795689100000 } from './1795689100000-DomainTags';
import { Marketplace1795689551212 } from './1795689551212-Marketplace';
import { OrdersAndLedger1795690146721 } from './1795690146721-OrdersAndLedger';

/** Every migration, in order. Listed explicitly; a migration never changes after it lands. */
export const MIGRATIONS = [
  Foundation1795689022623,
  DomainTags1795689100000,
  Marketplace1795689551212,
  OrdersAndLedger1795690146721,
];
