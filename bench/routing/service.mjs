// bench/routing, database phase (run by run.mjs when DATABASE_URL is set): the routing service's own work on a
// throw-away database with the same org size — loading the snapshot from PostgreSQL, a full run (load, decide,
// apply: the run's offers in one set-based transaction with their claims, events and notifications), and the runs
// that follow it: with the snapshot read whole each time (baseline, as before session 8) and with the agents and the
// queue kept between runs as the service keeps them (kept-snapshot.ts: only the journal's changes are read). The service modules are
// bundled from their TypeScript sources with esbuild (npm packages stay external).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import pg from 'pg';
import { root } from '../lib/hearth.mjs';

export async function loadService() {
  const outfile = path.join(root, 'bench/.data/routing/service.mjs');
  mkdirSync(path.dirname(outfile), { recursive: true });
  const src = path.join(root, 'apps/server/src');
  await build({
    stdin: {
      contents: `
        export { runRouting, createOrgRouting } from './modules/routing/routing-service.ts';
        export { loadRoutingSnapshot } from './modules/routing/snapshot.ts';
        export { createDatabase } from './db/database.ts';
        export { migrateToLatest } from './db/migrator.ts';
        export { createOrg } from './modules/orgs/commands/create-org.ts';`,
      resolveDir: src,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    alias: { '@hearth/shared': path.join(root, 'packages/shared/src/index.ts') },
    outfile,
    logLevel: 'error',
  });
  return import(`${outfile}?t=${Date.now()}`);
}

const silentLog = { error() {}, warn() {}, info() {}, debug() {} };
const round1 = (n) => Math.round(n * 10) / 10;

/** One more queued conversation (customer, conversation, inbound item, live contact), as a customer's message. */
async function queueOneMore(client, orgId, key) {
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO customers (org_id, id, name, custom_attributes) VALUES ($1, 'cust-' || $2, 'Late', '{"tier":"gold"}')`,
    [orgId, key],
  );
  await client.query(
    `INSERT INTO conversations (org_id, id, customer_id, inbox_id, status, customer_waiting_since, channel, due_at,
       queued_at, last_inbound_at)
     VALUES ($1, 'conv-' || $2, 'cust-' || $2, 'inbox-0', 'OPEN', now(), 'SMS', now() + interval '1 hour', now(), now())`,
    [orgId, key],
  );
  await client.query(
    `INSERT INTO conversation_items (org_id, id, customer_id, conversation_id, occurred_at, initiator_id,
       initiator_type, content_type, content, direction)
     VALUES ($1, 'item-' || $2, 'cust-' || $2, 'conv-' || $2, now(), 'cust-' || $2, 'CUSTOMER', 'SMS',
       '{"type":"SMS","content":"Hello?"}', 'INBOUND')`,
    [orgId, key],
  );
  await client.query(
    `INSERT INTO contacts (org_id, id, conversation_id, customer_id, inbox_id, channel, status, due_at, started_at,
       queued_at, last_inbound_at)
     VALUES ($1, 'contact-' || $2, 'conv-' || $2, 'cust-' || $2, 'inbox-0', 'SMS', 'QUEUED', now() + interval '1 hour',
       now(), now(), now())`,
    [orgId, key],
  );
  await client.query('COMMIT');
}

/** 1,000 agents (3 inboxes each), 10,000 queued conversations with their inbound item and live contact. */
export async function seed(svc, db, client, { agents, items, inboxes }) {
  const org = await svc.createOrg(db, { slug: `rbench${Date.now()}`, name: 'Routing bench', makeDefault: false });
  const o = org.id;
  await client.query(
    `INSERT INTO inboxes (org_id, id, name, sla_minutes) SELECT $1, 'inbox-' || g, 'Inbox ' || g, 60 FROM generate_series(0, $2 - 1) g`,
    [o, inboxes],
  );
  await client.query(
    `INSERT INTO users (org_id, id, email, name, roles)
     SELECT $1, 'agent-' || g, 'agent' || g || '@bench.example.com', 'Agent ' || g, '{AGENT}' FROM generate_series(0, $2 - 1) g`,
    [o, agents],
  );
  await client.query(
    `INSERT INTO inbox_members (org_id, inbox_id, user_id)
     SELECT DISTINCT $1, 'inbox-' || ((g * k * 7 + k) % $3), 'agent-' || g
     FROM generate_series(0, $2 - 1) g, generate_series(1, 3) k`,
    [o, agents, inboxes],
  );
  await client.query(
    `INSERT INTO agent_presence (org_id, user_id, logged_in, status, available_for, skills, mail_task_auto_push_pending)
     SELECT $1, 'agent-' || g, true, 'ACTIVE',
       CASE WHEN g % 5 < 3 THEN '{MESSAGING,MAIL,TASK}'::text[] ELSE '{MESSAGING}'::text[] END,
       CASE WHEN g % 4 = 0 THEN '{billing}'::text[] ELSE '{}'::text[] END, true
     FROM generate_series(0, $2 - 1) g`,
    [o, agents],
  );
  await client.query(
    `INSERT INTO customers (org_id, id, name, custom_attributes)
     SELECT $1, 'cust-' || g, 'Customer ' || g, jsonb_build_object('tier', (ARRAY['gold','silver','bronze'])[g % 3 + 1])
     FROM generate_series(0, $2 - 1) g`,
    [o, items],
  );
  await client.query(
    `INSERT INTO conversations (org_id, id, customer_id, inbox_id, status, customer_waiting_since, channel, due_at,
       queued_at, last_inbound_at)
     SELECT $1, 'conv-' || g, 'cust-' || g, 'inbox-' || (g % $3), 'OPEN', t, ch, t + interval '1 hour', t, t
     FROM (SELECT g, now() - (g % 7200) * interval '1 second' AS t,
             CASE WHEN g % 20 < 12 THEN 'SMS' WHEN g % 20 < 19 THEN 'EMAIL' ELSE 'PHONE_CALL' END AS ch
           FROM generate_series(0, $2 - 1) g) s`,
    [o, items, inboxes],
  );
  await client.query(
    `INSERT INTO conversation_items (org_id, id, customer_id, conversation_id, occurred_at, initiator_id, initiator_type,
       content_type, content, direction)
     SELECT org_id, 'item-' || id, customer_id, id, queued_at, customer_id, 'CUSTOMER',
       CASE WHEN channel = 'EMAIL' THEN 'EMAIL' ELSE 'SMS' END,
       jsonb_build_object('type', 'SMS', 'content', 'Where is my order?'), 'INBOUND'
     FROM conversations WHERE org_id = $1`,
    [o],
  );
  await client.query(
    `INSERT INTO contacts (org_id, id, conversation_id, customer_id, inbox_id, channel, status, due_at, started_at,
       queued_at, last_inbound_at)
     SELECT org_id, 'contact-' || id, id, customer_id, inbox_id, channel, 'QUEUED', due_at, queued_at, queued_at, queued_at
     FROM conversations WHERE org_id = $1`,
    [o],
  );
  await client.query('ANALYZE');
  return o;
}

export async function runServicePhase(baseUrl, sizes) {
  const svc = await loadService();
  const name = `hearth_bench_routing_${Date.now()}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  // As the service's own pool (routing-service.ts): JIT off.
  const db = svc.createDatabase(url.toString(), { max: 10, options: '-c jit=off' });
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await svc.migrateToLatest(db);
    await client.connect();
    const orgId = await seed(svc, db, client, sizes);
    const ctx = { db, log: silentLog, now: () => new Date() };

    const loads = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await svc.loadRoutingSnapshot(db, orgId, new Date());
      loads.push(performance.now() - started);
    }
    loads.sort((a, b) => a - b);

    // Cold run: every agent free, the whole queue waiting.
    let started = performance.now();
    const cold = await svc.runRouting(ctx, orgId);
    const coldMs = performance.now() - started;
    // A wake-up with nothing to do (every routable agent holds an offer): the cost of each outbox notification.
    const idle = [];
    for (let i = 0; i < 5; i++) {
      started = performance.now();
      await svc.runRouting(ctx, orgId);
      idle.push(performance.now() - started);
    }
    idle.sort((a, b) => a - b);
    // The same wake-ups with the snapshot kept between runs (primed by one whole read and the run that reads back
    // its own offers), then runs that each follow one
    // new customer message (a conversation with its item and live contact, written as the inbound path writes them).
    const kept = svc.createOrgRouting();
    await svc.runRouting(ctx, orgId, kept);
    await svc.runRouting(ctx, orgId, kept);
    const keptIdle = [];
    for (let i = 0; i < 5; i++) {
      started = performance.now();
      await svc.runRouting(ctx, orgId, kept);
      keptIdle.push(performance.now() - started);
    }
    keptIdle.sort((a, b) => a - b);
    const afterMessage = [];
    for (let i = 0; i < 5; i++) {
      await queueOneMore(client, orgId, `late-${i}`);
      started = performance.now();
      await svc.runRouting(ctx, orgId, kept);
      afterMessage.push(performance.now() - started);
    }
    afterMessage.sort((a, b) => a - b);
    const pending = (
      await client.query(`SELECT count(*)::int AS n FROM routing_offers WHERE org_id = $1 AND status = 'PENDING'`, [
        orgId,
      ])
    ).rows[0].n;
    return {
      snapshotLoadP50Ms: Math.round(loads[2]),
      coldRunMs: Math.round(coldMs),
      coldTimings: cold.timings,
      coldApplied: cold.applied.length,
      coldAppliedPerSec: Math.round(cold.applied.length / (coldMs / 1000)),
      pendingOffersAfter: pending,
      idleRunP50Ms: Math.round(idle[2]),
      keptIdleRunP50Ms: round1(keptIdle[2]),
      keptRunAfterMessageP50Ms: round1(afterMessage[2]),
      keptIdleRatio: round1(idle[2] / keptIdle[2]),
    };
  } finally {
    await client.end().catch(() => {});
    await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
