import { AccountsErrors } from './accounts.errors';

export const MAX_LINK_DOMAINS = 10;

/** A DNS host name with at least one dot: labels of letters, digits and inner hyphens (no ports, paths, IPs). */
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The merchant's link hosts, lower-cased and without duplicates; BAD_USER_INPUT naming the first bad one. */
export function checkedLinkDomains(hosts: readonly string[]): string[] {
  const normalized = [...new Set(hosts.map((host) => host.trim().toLowerCase().replace(/\.$/, '')))];
  if (normalized.length > MAX_LINK_DOMAINS) throw AccountsErrors.tooManyLinkDomains();
  const bad = normalized.find((host) => !HOST.test(host));
  if (bad !== undefined) throw AccountsErrors.notAHost(bad);
  return normalized;
}

/** Whether `hostname` is one of `domains` or a subdomain of one (shop.example.com matches example.com). */
export function isOnLinkDomain(hostname: string, domains: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
