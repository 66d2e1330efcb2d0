import type { TTransaction } from '../../../../db/database.js';
import { listEntryPointsOfOrg } from '../inbound.repository.js';

export interface TOrgAddressBook {
  /** The address is one of the org's entry points (itself, or on an entry-point domain). */
  isEntryPoint(address: string): boolean;
  /** The address is on one of the org's domains (of an entry point address or domain): a colleague. */
  isInternal(address: string): boolean;
}

export function addressDomain(address: string): string | null {
  const at = address.lastIndexOf('@');
  return at > 0 ? address.slice(at + 1).toLowerCase() : null;
}

export async function orgAddressBook(trx: TTransaction, orgId: string): Promise<TOrgAddressBook> {
  const entryPoints = await listEntryPointsOfOrg(trx, orgId);
  const addresses = new Set<string>();
  const entryDomains = new Set<string>();
  const domains = new Set<string>();
  for (const entry of entryPoints) {
    const address = entry.address.toLowerCase();
    if (entry.kind === 'DOMAIN') {
      entryDomains.add(address.replace(/^@/, ''));
      domains.add(address.replace(/^@/, ''));
    } else {
      addresses.add(address);
      const domain = addressDomain(address);
      if (domain) domains.add(domain);
    }
  }
  return {
    isEntryPoint: (address) => {
      const lower = address.toLowerCase();
      return addresses.has(lower) || entryDomains.has(addressDomain(lower) ?? '');
    },
    isInternal: (address) => domains.has(addressDomain(address) ?? ''),
  };
}
