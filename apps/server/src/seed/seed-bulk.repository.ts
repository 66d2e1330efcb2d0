import { type RawBuilder, sql } from 'kysely';
import type { TExecutor } from '../db/database.js';

/**
 * Customers, conversations and message items generated inside PostgreSQL with INSERT … SELECT generate_series: one
 * statement per table per batch, never a round trip per row (100,000 customers and 1,000,000 items in minutes).
 *
 * Customer number `g` (unique within the org for this seeding) drives everything: names, addresses, times and the
 * channel of each conversation are pure functions of `g`, and ids are md5(salt, kind, g, k) in Gladly's 22-character
 * URL-safe form. So the three statements agree on ids without reading back what the previous one wrote.
 *
 * Each customer gets `itemsPerCustomer` messages in conversations of up to 4 (customer, agent, customer, agent);
 * all conversations are closed except, for 3 customers in 8, the newest one (OPEN, or WAITING for 1 in 8).
 */
export interface TBulkSeedBatch {
  orgId: string;
  salt: string;
  /** Customer numbers [from, to). */
  from: number;
  to: number;
  itemsPerCustomer: number;
  now: Date;
  agentIds: string[];
  inboxIds: { EMAIL: string; CHAT: string; SMS: string };
  supportEmail: string;
  smsNumber: string;
  words: {
    firstNames: string[];
    lastNames: string[];
    cities: string[];
    subjects: string[];
    openers: string[];
    replies: string[];
    followUps: string[];
    closings: string[];
  };
}

const id = (kind: string, g: RawBuilder<unknown>, k: RawBuilder<unknown> | number, salt: string) =>
  sql`translate(encode(decode(md5(${salt}::text || ${kind}::text || ${g}::text || '.' || ${k}::text), 'hex'), 'base64'), '+/=', '-_')`;

/** Expressions shared by the three statements; `g` and, for conversations and items, `k` are in scope. */
function expressions(b: TBulkSeedBatch) {
  const g = sql`g`;
  const k = sql`k`;
  const nf = b.words.firstNames.length;
  const nl = b.words.lastNames.length;
  const m = b.itemsPerCustomer;
  const c = Math.ceil(m / 4);
  const first = sql`(${b.words.firstNames}::text[])[1 + g % ${nf}]`;
  const last = sql`(${b.words.lastNames}::text[])[1 + (g / ${nf}) % ${nl}]`;
  const email = sql`translate(lower(${first} || '.' || ${last}), 'áéíóúñ', 'aeioun')
    || CASE WHEN g < ${nf * nl} THEN '' ELSE '.' || g::text END || '@example.com'`;
  const area = sql`(201 + (g / 10000) % 700)::text`;
  const phone = sql`'+1' || ${area} || '555' || lpad((g % 10000)::text, 4, '0')`;
  const phoneOriginal = sql`'(' || ${area} || ') 555-' || lpad((g % 10000)::text, 4, '0')`;
  const hasPhone = sql`(g % 10 < 7)`;
  const createdAt = sql`(${b.now}::timestamptz - make_interval(days => (30 + (g * 7919) % 335)::int, mins => ((g * 131) % 1440)::int))`;
  const active = sql`(${k} = ${c - 1} AND g % 8 < 3)`;
  const status = sql`CASE WHEN NOT ${active} THEN 'CLOSED' WHEN g % 8 = 2 THEN 'WAITING' ELSE 'OPEN' END`;
  const start = sql`CASE WHEN ${active}
      THEN ${b.now}::timestamptz - make_interval(mins => (150 + (g * 37) % 2880)::int)
      ELSE ${createdAt} + (${b.now}::timestamptz - interval '2 days' - ${createdAt}) * ((${k}::float8 + 0.5) / ${c})
    END`;
  const step = sql`(5 + (g + ${k}) % 40)`;
  const size = sql`LEAST(4, ${m} - 4 * ${k})`;
  const at = (p: RawBuilder<unknown>) => sql`(${start} + make_interval(mins => (${p} * ${step})::int))`;
  const h = sql`((g * 3 + ${k} * 7) % 10)`;
  const channel = sql`CASE WHEN ${h} < 4 THEN 'EMAIL' WHEN ${h} < 7 OR NOT ${hasPhone} THEN 'CHAT' ELSE 'SMS' END`;
  const na = b.agentIds.length;
  const agent = na === 0 ? sql`NULL::text` : sql`(${b.agentIds}::text[])[1 + (g + ${k}) % ${na}]`;
  return {
    g,
    k,
    c,
    first,
    last,
    email,
    phone,
    phoneOriginal,
    hasPhone,
    createdAt,
    active,
    status,
    start,
    size,
    at,
    channel,
    agent,
  };
}

export async function insertCustomerBatch(db: TExecutor, b: TBulkSeedBatch): Promise<void> {
  const e = expressions(b);
  const customerId = id('c', e.g, 0, b.salt);
  const nc = b.words.cities.length;
  await sql`
    INSERT INTO customers (org_id, id, name, address, custom_attributes, created_at, updated_at)
    SELECT ${b.orgId}, ${customerId}, ${e.first} || ' ' || ${e.last},
      (100 + (g * 17) % 9000)::text || ' Main St, ' || (${b.words.cities}::text[])[1 + g % ${nc}],
      jsonb_build_object('loyaltyTier', (ARRAY['Bronze', 'Silver', 'Gold'])[1 + g % 3], 'customerSince', extract(year from ${e.createdAt})::text),
      ${e.createdAt}, ${e.createdAt}
    FROM generate_series(${b.from}::bigint, ${b.to - 1}::bigint) g
  `.execute(db);
  await sql`
    INSERT INTO customer_emails (org_id, customer_id, position, original, normalized, is_primary)
    SELECT ${b.orgId}, ${customerId}, 0, ${e.email}, ${e.email}, true
    FROM generate_series(${b.from}::bigint, ${b.to - 1}::bigint) g
    ON CONFLICT DO NOTHING
  `.execute(db);
  await sql`
    INSERT INTO customer_phones (org_id, customer_id, position, original, normalized, extension, region_code, is_primary, sms_preference, type)
    SELECT ${b.orgId}, ${customerId}, 0, ${e.phoneOriginal}, ${e.phone}, NULL, 'US', true, 'ON', 'MOBILE'
    FROM generate_series(${b.from}::bigint, ${b.to - 1}::bigint) g
    WHERE ${e.hasPhone}
    ON CONFLICT DO NOTHING
  `.execute(db);
}

export async function insertConversationBatch(db: TExecutor, b: TBulkSeedBatch): Promise<void> {
  const e = expressions(b);
  if (e.c === 0) return;
  const last = e.at(sql`(${e.size} - 1)`);
  const inbox = sql`CASE ${e.channel} WHEN 'EMAIL' THEN ${b.inboxIds.EMAIL}::text WHEN 'CHAT' THEN ${b.inboxIds.CHAT}::text ELSE ${b.inboxIds.SMS}::text END`;
  await sql`
    INSERT INTO conversations (org_id, id, customer_id, inbox_id, agent_id, status, customer_waiting_since, created_at, updated_at, closed_at)
    SELECT ${b.orgId}, ${id('v', e.g, e.k, b.salt)}, ${id('c', e.g, 0, b.salt)}, ${inbox},
      CASE WHEN ${e.active} AND g % 8 = 0 THEN NULL ELSE ${e.agent} END,
      ${e.status},
      CASE WHEN ${e.active} AND g % 8 < 2 AND (${e.size} - 1) % 2 = 0 THEN ${last} END,
      ${e.start}, ${last} + interval '15 minutes',
      CASE WHEN NOT ${e.active} THEN ${last} + interval '15 minutes' END
    FROM generate_series(${b.from}::bigint, ${b.to - 1}::bigint) g, generate_series(0, ${e.c - 1}::int) k
  `.execute(db);
}

export async function insertMessageItemBatch(db: TExecutor, b: TBulkSeedBatch): Promise<void> {
  const e = expressions(b);
  if (b.itemsPerCustomer === 0) return;
  const w = b.words;
  const p = sql`(j % 4)`;
  const inbound = sql`(j % 2 = 0)`;
  const issue = sql`((g + k * 5) % ${w.subjects.length})`;
  const pick = (list: string[], index: RawBuilder<unknown>) => sql`(${list}::text[])[1 + ${index}]`;
  const personal = (text: RawBuilder<unknown>) => sql`replace(${text}, '{first}', ${e.first})`;
  const text = sql`CASE ${p}
      WHEN 0 THEN ${pick(w.openers, issue)}
      WHEN 1 THEN ${personal(pick(w.replies, issue))}
      WHEN 2 THEN ${pick(w.followUps, sql`((g + k) % ${w.followUps.length})`)}
      ELSE ${personal(pick(w.closings, sql`((g + k) % ${w.closings.length})`))}
    END`;
  const subject = sql`CASE WHEN ${p} = 0 THEN '' ELSE 'Re: ' END || ${pick(w.subjects, issue)}`;
  const customer = id('c', e.g, 0, b.salt);
  const session = id('s', e.g, e.k, b.salt);
  const content = sql`CASE ${e.channel}
      WHEN 'EMAIL' THEN jsonb_build_object('type', 'EMAIL',
        'from', CASE WHEN ${inbound} THEN ${e.email} ELSE ${b.supportEmail}::text END,
        'to', jsonb_build_array(CASE WHEN ${inbound} THEN ${b.supportEmail}::text ELSE ${e.email} END),
        'cc', '[]'::jsonb, 'bcc', '[]'::jsonb, 'subject', ${subject}, 'content', ${text}, 'attachments', '[]'::jsonb)
      WHEN 'SMS' THEN jsonb_build_object('type', 'SMS',
        'from', CASE WHEN ${inbound} THEN ${e.phone} ELSE ${b.smsNumber}::text END,
        'to', CASE WHEN ${inbound} THEN ${b.smsNumber}::text ELSE ${e.phone} END,
        'content', ${text}, 'attachments', '[]'::jsonb)
      ELSE jsonb_build_object('type', 'CHAT_MESSAGE', 'messageType', 'TEXT', 'sessionId', ${session},
        'content', ${text}, 'attachments', '[]'::jsonb)
    END`;
  await sql`
    INSERT INTO conversation_items (org_id, id, customer_id, conversation_id, session_id, occurred_at, initiator_id,
      initiator_type, responder_id, responder_type, content_type, content, direction, delivery_status, redacted_at, created_at)
    SELECT ${b.orgId}, ${id('m', e.g, sql`j`, b.salt)}, ${customer}, ${id('v', e.g, e.k, b.salt)},
      CASE WHEN ${e.channel} = 'CHAT' THEN ${session} END,
      ${e.at(p)},
      CASE WHEN ${inbound} THEN ${customer} ELSE ${e.agent} END,
      CASE WHEN ${inbound} THEN 'CUSTOMER' ELSE 'AGENT' END,
      NULL, NULL,
      CASE ${e.channel} WHEN 'CHAT' THEN 'CHAT_MESSAGE' ELSE ${e.channel} END,
      ${content},
      CASE WHEN ${inbound} THEN 'INBOUND' ELSE 'OUTBOUND' END,
      CASE WHEN ${inbound} THEN NULL ELSE 'SENT' END,
      NULL, ${e.at(p)}
    FROM generate_series(${b.from}::bigint, ${b.to - 1}::bigint) g,
      generate_series(0, ${b.itemsPerCustomer - 1}::int) j,
      LATERAL (SELECT j / 4 AS k) kk
    ORDER BY g, j
  `.execute(db);
}
