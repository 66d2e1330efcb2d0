import { randomBytes } from 'node:crypto';
import type { TDatabase } from '../db/database.js';
import type { TOrgRow } from '../db/schema.js';
import { createOrg } from '../modules/orgs/commands/create-org.js';
import { createApiToken } from '../modules/users/commands/create-api-token.js';
import { createUser } from '../modules/users/commands/create-user.js';
import { DEMO_ADDRESSES, DEMO_ORG, NOTES, TASK_COMMENTS, TASKS } from './demo-catalog.js';
import {
  deriveRoutingState,
  insertClosedStatusItems,
  insertNotes,
  insertTasksWithComments,
  insertTopicsAndChangeItems,
} from './seed-extras.repository.js';
import { ensureOrgStructure, seedCustomers, type TSeedProgress } from './seed-org.js';
import { deleteOrgCascade, insertInboxMembers, listChildTopicIds } from './seed-structure.repository.js';

export interface TDemoOrg {
  org: TOrgRow;
  admin: { email: string; password: string };
  apiUser: { email: string; token: string };
  customers: number;
  items: number;
}

export const DEMO_CUSTOMERS = 300;

/**
 * A demo organization someone can explore at once: an administrator who can log in, an API user with a token for
 * integrations, and a few hundred customers with a believable history. The password and token exist only in the
 * returned value: they are stored hashed, so the caller must show them now.
 */
export async function createDemoOrg(
  db: TDatabase,
  options: {
    slug?: string;
    name?: string;
    timezone?: string;
    customers?: number;
    itemsPerCustomer?: number;
    now?: Date;
    onProgress?: (p: TSeedProgress) => void;
  } = {},
): Promise<TDemoOrg> {
  const now = options.now ?? new Date();
  const org = await createOrg(db, {
    slug: options.slug ?? DEMO_ORG.slug,
    name: options.name ?? DEMO_ORG.name,
    timezone: options.timezone ?? DEMO_ORG.timezone,
  });
  try {
    return await fillDemoOrg(db, org, { ...options, now });
  } catch (error) {
    // The password and token exist only in memory until printed: an org left half-made (a failure, Ctrl-C) would
    // hold credentials nobody saw, so it goes, and the next start tries again on an empty database.
    await deleteOrgCascade(db, org.id).catch(() => {});
    throw error;
  }
}

async function fillDemoOrg(
  db: TDatabase,
  org: TOrgRow,
  options: {
    customers?: number;
    itemsPerCustomer?: number;
    now: Date;
    onProgress?: (p: TSeedProgress) => void;
  },
): Promise<TDemoOrg> {
  const { now } = options;
  const password = randomBytes(12).toString('base64url');
  const adminEmail = DEMO_ADDRESSES.admin.replace('{slug}', org.slug);
  const admin = await createUser(db, {
    orgId: org.id,
    email: adminEmail,
    name: 'Demo Administrator',
    roles: ['ADMINISTRATOR', 'AGENT'],
    password,
  });
  const apiUser = await createUser(db, {
    orgId: org.id,
    email: DEMO_ADDRESSES.apiUser.replace('{slug}', org.slug),
    name: 'Integration User',
    roles: ['AGENT', 'API_USER'],
  });
  const { token } = await createApiToken(db, { orgId: org.id, userId: apiUser.id, name: 'demo' });

  const structure = await ensureOrgStructure(db, org);
  await insertInboxMembers(
    db,
    org.id,
    Object.values(structure.inboxIds).map((inboxId) => ({ inboxId, userId: admin.id })),
  );

  // Three cohorts of history lengths, so the queue holds both customers waiting and conversations already answered.
  const total = options.customers ?? DEMO_CUSTOMERS;
  const cohorts = options.itemsPerCustomer !== undefined ? [options.itemsPerCustomer] : [5, 6, 7];
  let seeded = 0;
  let items = 0;
  for (const [index, itemsPerCustomer] of cohorts.entries()) {
    const customers = Math.floor((total * (index + 1)) / cohorts.length) - seeded;
    const result = await seedCustomers(db, org, structure, {
      customers,
      itemsPerCustomer,
      now,
      onProgress: (p) =>
        options.onProgress?.({ customers: seeded + p.customers, totalCustomers: total, items: items + p.items }),
    });
    seeded += result.customers;
    items += result.items;
  }

  await insertClosedStatusItems(db, org.id);
  await insertTopicsAndChangeItems(db, org.id, await listChildTopicIds(db, org.id));
  await insertNotes(db, org.id, NOTES);
  await deriveRoutingState(db, org.id);
  await insertTasksWithComments(db, {
    orgId: org.id,
    count: Math.min(40, Math.ceil(total / 7)),
    now,
    inboxIds: Object.values(structure.inboxIds),
    agentIds: structure.agentIds,
    bodies: TASKS,
    comments: TASK_COMMENTS,
  });
  return {
    org,
    admin: { email: admin.email, password },
    apiUser: { email: apiUser.email, token },
    customers: seeded,
    items,
  };
}
