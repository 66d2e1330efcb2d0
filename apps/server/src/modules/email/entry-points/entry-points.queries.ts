import type { TExecutor } from '../../../db/database.js';
import { findDefaultFromOfInbox, findEntryPointsCovering, listEntryPoints } from './entry-points.repository.js';

// What the rest of the email module asks about entry points: who we send as, and which addresses are ours.

export interface TSender {
  entryPointId: string;
  name: string;
  address: string;
}

/**
 * The From of a reply (product spec 4.2): the inbox's default From address when it has one; otherwise the address
 * the customer wrote to (a domain entry point answers from the very address written to, under its display name).
 * Null when neither exists: the reply cannot be sent.
 */
export async function resolveSender(
  db: TExecutor,
  orgId: string,
  input: { inboxId: string | null; wroteTo: string[] },
): Promise<TSender | null> {
  if (input.inboxId) {
    const preferred = await findDefaultFromOfInbox(db, orgId, input.inboxId);
    if (preferred) return { entryPointId: preferred.id, name: preferred.display_name, address: preferred.address };
  }
  const wroteTo = input.wroteTo.map((a) => a.toLowerCase());
  const covering = await findEntryPointsCovering(db, orgId, wroteTo);
  for (const address of wroteTo) {
    const exact = covering.find((e) => e.kind === 'ADDRESS' && e.address.toLowerCase() === address);
    if (exact) return { entryPointId: exact.id, name: exact.display_name, address: exact.address };
  }
  for (const address of wroteTo) {
    const domain = covering.find((e) => e.kind === 'DOMAIN' && address.endsWith(e.address.toLowerCase()));
    if (domain) return { entryPointId: domain.id, name: domain.display_name, address };
  }
  return null;
}

/** A configured, enabled single address of the org (the `from` of the Send Email API), or null. */
export async function findSendingAddress(db: TExecutor, orgId: string, address: string): Promise<TSender | null> {
  const [match] = (await findEntryPointsCovering(db, orgId, [address.toLowerCase()])).filter(
    (e) => e.kind === 'ADDRESS',
  );
  return match ? { entryPointId: match.id, name: match.display_name, address: match.address } : null;
}

/** A test of "is this one of our addresses" over every entry point of the org, enabled or not. */
export async function ourAddressTest(db: TExecutor, orgId: string): Promise<(address: string) => boolean> {
  const entries = await listEntryPoints(db, orgId);
  const exact = new Set(entries.filter((e) => e.kind === 'ADDRESS').map((e) => e.address.toLowerCase()));
  const domains = entries.filter((e) => e.kind === 'DOMAIN').map((e) => e.address.toLowerCase());
  return (address) => {
    const a = address.toLowerCase();
    return exact.has(a) || domains.some((d) => a.endsWith(d));
  };
}
