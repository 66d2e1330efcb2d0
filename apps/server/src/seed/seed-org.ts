import type { TDatabase } from '../db/database.js';
import type { TOrgRow } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import {
  CITIES,
  CLOSINGS,
  DEMO_ADDRESSES,
  DEMO_AGENTS,
  DEMO_AUDIENCES,
  DEMO_INBOXES,
  DEMO_TEAMS,
  DEMO_TOPICS,
  FIRST_NAMES,
  FOLLOW_UPS,
  ISSUES,
  LAST_NAMES,
  type TChannel,
} from './demo-catalog.js';
import { insertConversationBatch, insertCustomerBatch, insertMessageItemBatch } from './seed-bulk.repository.js';
import {
  countRows,
  insertAgents,
  insertAudiences,
  insertBusinessHours,
  insertInboxes,
  insertInboxMembers,
  insertTeams,
  insertTopics,
  listAgentIds,
  listEnabledInboxIds,
} from './seed-structure.repository.js';

export interface TSeedStructure {
  inboxIds: Record<TChannel, string>;
  agentIds: string[];
}

export interface TSeedProgress {
  customers: number;
  totalCustomers: number;
  items: number;
}

/**
 * What customers need around them: inboxes, agents (with inbox and team memberships), a two-level topic tree,
 * audiences and business hours. Each part is created only when the org has none, so seeding an org that is already
 * set up adds customers to its own inboxes and agents.
 */
export async function ensureOrgStructure(db: TDatabase, org: TOrgRow): Promise<TSeedStructure> {
  let inboxes = await listEnabledInboxIds(db, org.id);
  if (inboxes.length === 0) {
    await insertInboxes(
      db,
      org.id,
      DEMO_INBOXES.map((i) => ({ id: newId(), name: i.name, slaMinutes: i.slaMinutes })),
    );
    inboxes = await listEnabledInboxIds(db, org.id);
  }
  const inboxIds = channelInboxes(inboxes);

  let agentIds = await listAgentIds(db, org.id);
  if (agentIds.length === 0) {
    const domain = DEMO_ADDRESSES.agentDomain.replace('{slug}', org.slug);
    const agents = DEMO_AGENTS.map((a) => ({
      ...a,
      id: newId(),
      email: `${a.name.toLowerCase().replace(/\s+/g, '.')}@${domain}`,
    }));
    await insertAgents(
      db,
      org.id,
      agents.map((a) => ({ id: a.id, email: a.email, name: a.name, roles: ['AGENT'] })),
    );
    await insertInboxMembers(
      db,
      org.id,
      agents.flatMap((a) => a.inboxes.map((channel) => ({ inboxId: inboxIds[channel], userId: a.id }))),
    );
    if ((await countRows(db, 'teams', org.id)) === 0) {
      await insertTeams(
        db,
        org.id,
        DEMO_TEAMS.map((t, index) => ({
          id: newId(),
          ...t,
          memberIds: agents.filter((a) => a.team === index).map((a) => a.id),
        })),
      );
    }
    agentIds = await listAgentIds(db, org.id);
  }

  if ((await countRows(db, 'topics', org.id)) === 0) {
    const rows = DEMO_TOPICS.flatMap((parent) => {
      const parentId = newId();
      return [
        { id: parentId, name: parent.name, parentId: null },
        ...parent.children.map((name) => ({ id: newId(), name, parentId })),
      ];
    });
    await insertTopics(db, org.id, rows);
  }
  if ((await countRows(db, 'audiences', org.id)) === 0) {
    await insertAudiences(
      db,
      org.id,
      DEMO_AUDIENCES.map((name) => ({ id: newId(), name })),
    );
  }
  if ((await countRows(db, 'business_hours', org.id)) === 0) {
    await insertBusinessHours(db, org.id, demoBusinessHours(org.timezone, new Date()));
  }
  return { inboxIds, agentIds };
}

/** The demo inbox of each channel by name; an org with other inboxes spreads the channels over the ones it has. */
function channelInboxes(inboxes: { id: string; name: string }[]): Record<TChannel, string> {
  const channels: TChannel[] = ['EMAIL', 'CHAT', 'SMS'];
  const result = {} as Record<TChannel, string>;
  channels.forEach((channel, index) => {
    const named = DEMO_INBOXES.find((i) => i.key === channel)?.name;
    const match = inboxes.find((i) => i.name === named) ?? inboxes[index % inboxes.length];
    result[channel] = match!.id;
  });
  return result;
}

function demoBusinessHours(timezone: string, now: Date) {
  const weekday = [{ start: '08:00', stop: '18:00' }];
  const christmasYear =
    now.getUTCMonth() === 11 && now.getUTCDate() > 25 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  return [
    {
      id: `bh_${newId()}`,
      name: 'Standard Hours',
      primary: true,
      officeHours: {
        timezone,
        monday: weekday,
        tuesday: weekday,
        wednesday: weekday,
        thursday: weekday,
        friday: weekday,
        saturday: [{ start: '10:00', stop: '14:00' }],
        sunday: [],
        exceptions: [
          {
            name: 'Christmas Day',
            start: `${christmasYear}-12-25T08:00:00.000Z`,
            stop: `${christmasYear}-12-26T08:00:00.000Z`,
            scheduleBlocks: [],
          },
        ],
      },
    },
    {
      id: `bh_${newId()}`,
      name: 'Chat Extended Hours',
      primary: false,
      officeHours: {
        timezone,
        ...Object.fromEntries(
          ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
            d,
            [{ start: '07:00', stop: '22:00' }],
          ]),
        ),
        exceptions: [],
      },
    },
  ];
}

/**
 * Add `customers` customers with `itemsPerCustomer` messages each to the org, in batches of one transaction each
 * (a failure leaves whole customers, never half of one). Customer numbers continue after the org's existing count
 * so a second seeding adds new people instead of colliding with the first.
 */
export async function seedCustomers(
  db: TDatabase,
  org: TOrgRow,
  structure: TSeedStructure,
  options: { customers: number; itemsPerCustomer: number; now?: Date; onProgress?: (p: TSeedProgress) => void },
): Promise<{ customers: number; items: number }> {
  const { customers, itemsPerCustomer } = options;
  const now = options.now ?? new Date();
  const salt = newId();
  const offset = await countRows(db, 'customers', org.id);
  // About 50,000 items per statement: big enough to amortise a round trip, small enough to report progress.
  const batch = Math.max(1, Math.min(10_000, Math.floor(50_000 / Math.max(1, itemsPerCustomer))));
  let done = 0;
  while (done < customers) {
    const size = Math.min(batch, customers - done);
    const input = {
      orgId: org.id,
      salt,
      from: offset + done,
      to: offset + done + size,
      itemsPerCustomer,
      now,
      agentIds: structure.agentIds,
      inboxIds: structure.inboxIds,
      supportEmail: DEMO_ADDRESSES.support.replace('{slug}', org.slug),
      smsNumber: DEMO_ADDRESSES.smsNumber,
      words: {
        firstNames: FIRST_NAMES,
        lastNames: LAST_NAMES,
        cities: CITIES,
        subjects: ISSUES.map((i) => i.subject),
        openers: ISSUES.map((i) => i.opener),
        replies: ISSUES.map((i) => i.reply),
        followUps: FOLLOW_UPS,
        closings: CLOSINGS,
      },
    };
    await db.transaction().execute(async (trx) => {
      await insertCustomerBatch(trx, input);
      await insertConversationBatch(trx, input);
      await insertMessageItemBatch(trx, input);
    });
    done += size;
    options.onProgress?.({ customers: done, totalCustomers: customers, items: done * itemsPerCustomer });
  }
  return { customers, items: customers * itemsPerCustomer };
}
