import type { TDatabase } from '../../db/database.js';
import { findDefaultOrg, findOrgBySlug } from '../../modules/orgs/orgs.repository.js';
import { DEMO_ORG } from '../../seed/demo-catalog.js';
import { createDemoOrg, DEMO_CUSTOMERS, type TDemoOrg } from '../../seed/demo-org.js';
import { ensureOrgStructure, seedCustomers } from '../../seed/seed-org.js';
import { CliError, printDemoCredentials, seedProgressReporter, type TOutput } from '../output.js';
import { requireOrg } from './user-create.js';

export interface TSeedOptions {
  demo?: boolean;
  /** Slug: the org to add customers to (default: the default org), or the new demo org's slug with --demo. */
  org?: string;
  customers?: number;
  itemsPerCustomer?: number;
}

export type TSeedResult =
  | { kind: 'demo'; demo: TDemoOrg }
  | { kind: 'customers'; orgId: string; customers: number; items: number };

/**
 * `--demo` creates a new demo org (administrator, API user, structure, history). Without it, customers with
 * conversations are added to an existing org, creating inboxes, agents and topics there only if it has none:
 * the path `npm run bench` uses to fill a database at scale.
 */
export async function runSeed(
  db: TDatabase,
  options: TSeedOptions,
  out: TOutput,
  baseUrl: string,
): Promise<TSeedResult> {
  const onProgress = seedProgressReporter(out);
  if (options.demo) {
    const slug = options.org ?? DEMO_ORG.slug;
    if (await findOrgBySlug(db, slug)) {
      throw new CliError(
        `an organization "${slug}" already exists: pass --org <new-slug>, or start over with \`npx hearth reset --yes\``,
      );
    }
    const demo = await createDemoOrg(db, {
      slug,
      name: options.org ? `${options.org} (demo)` : undefined,
      customers: options.customers ?? DEMO_CUSTOMERS,
      itemsPerCustomer: options.itemsPerCustomer,
      onProgress,
    });
    printDemoCredentials(out, demo, baseUrl);
    return { kind: 'demo', demo };
  }
  const org = options.org ? await requireOrg(db, options.org) : await findDefaultOrg(db);
  if (!org)
    throw new CliError('no organization yet: run `npx hearth seed --demo`, or create one with `hearth org create`');
  const structure = await ensureOrgStructure(db, org);
  const started = Date.now();
  const result = await seedCustomers(db, org, structure, {
    customers: options.customers ?? DEMO_CUSTOMERS,
    itemsPerCustomer: options.itemsPerCustomer ?? 6,
    onProgress,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  out.line(
    `Seeded ${result.customers.toLocaleString('en-US')} customers and ${result.items.toLocaleString('en-US')} messages into ${org.slug} in ${seconds} s.`,
  );
  return { kind: 'customers', orgId: org.id, ...result };
}
