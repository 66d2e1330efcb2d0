import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { TAppContext } from '../../src/app-context.js';
import { migrate } from '../../src/cli/storage.js';
import { createDatabase, type TDatabase } from '../../src/db/database.js';
import { newId } from '../../src/lib/ids.js';
import { createCustomChannel } from '../../src/modules/custom-channels/commands/create-custom-channel.js';
import { createOrg } from '../../src/modules/orgs/commands/create-org.js';
import { loadAgentLoads } from '../../src/modules/routing/agent-states.queries.js';
import { decide } from '../../src/modules/routing/engine/decide.js';
import { loadRoutingSnapshot } from '../../src/modules/routing/snapshot.js';
import { createApiToken } from '../../src/modules/users/commands/create-api-token.js';
import { createUser } from '../../src/modules/users/commands/create-user.js';
import { createScratchDatabase } from '../cli/cli-helpers.js';
import { basicAuth } from '../helpers.js';
import {
  auditRouting,
  Cluster,
  clusterRequest,
  pidOwningLocalPort,
  prng,
  SimAgent,
  sleep,
  startHearthProcess,
  type TAuditEvent,
  type TAuditOffer,
  type THearthProcess,
} from './concurrency-helpers.js';

// Issue 6: two real Hearth processes against one PostgreSQL, 50 simulated agents and 2,000 conversations coming in
// through both processes' public API. Agents accept (~70 %), decline (~15 %) or let offers run out (~15 %), close
// what they accepted, and now and then go Away or unavailable; one process is SIGKILLed and restarted mid-run.
// Afterwards the database and the outbox — not the simulator — must show: no conversation or agent ever had two
// offers pending at once, no agent above its messaging capacity, nothing routable left with a free eligible agent,
// and an event log that tells each conversation's whole story.
//
// Reproduce a run: HEARTH_CONCURRENCY_SEED=<seed printed below>. Smaller local runs: HEARTH_CONCURRENCY_CONVERSATIONS.

const SEED = Number(process.env.HEARTH_CONCURRENCY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CONVERSATIONS = Number(process.env.HEARTH_CONCURRENCY_CONVERSATIONS ?? 2000);
const AGENTS = 50;
const ARRIVALS_PER_SECOND = 100;
const STANDARD = 2;
const MAXIMUM = 3;
const FINAL_WAITING = 10;
const PASSWORD = 'concurrency-agent-pw';
const SLUG = 'conc';
const HOST = `${SLUG}.hearth.test`;

describe('routing under concurrency: two Hearth processes, one PostgreSQL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let db: TDatabase | undefined;
  let dataDir: string | undefined;
  const cluster = new Cluster(HOST);
  const agents: SimAgent[] = [];

  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop().catch(() => {})));
    for (const proc of cluster.procs) {
      if (proc.alive) {
        proc.hearth.child.kill('SIGTERM');
        await Promise.race([proc.hearth.exited, sleep(10_000)]);
        proc.hearth.child.kill('SIGKILL');
      }
    }
    await db?.destroy();
    await scratch?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('never offers one conversation to two agents, never exceeds capacity, leaves nothing routable, logs it all', async () => {
    console.log(`routing concurrency seed: ${SEED} (HEARTH_CONCURRENCY_SEED=${SEED} to replay)`);
    const random = prng(SEED);
    scratch = await createScratchDatabase();
    db = createDatabase(scratch.url, { max: 4 });
    await migrate(db);
    dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-concurrency-'));

    // --- Arrange, directly in the database -------------------------------------------------------------------
    // The default org: Node's fetch sends its own Host header, so plain 127.0.0.1 requests must land in this org.
    const org = await createOrg(db, { slug: SLUG, name: 'Concurrency Co.', makeDefault: true });
    const orgId = org.id;
    const apiUser = await createUser(db, {
      orgId,
      email: `api@${SLUG}.example.com`,
      name: 'Inbound',
      roles: ['API_USER'],
    });
    const { token } = await createApiToken(db, { orgId, userId: apiUser.id, name: 'concurrency' });
    const authorization = basicAuth(apiUser.email, token);

    const inboxIds: string[] = [];
    for (const name of ['Orders', 'Returns', 'VIP']) {
      const id = newId();
      await db.insertInto('inboxes').values({ org_id: orgId, id, name, sla_minutes: 60, disabled: false }).execute();
      inboxIds.push(id);
    }
    const [orders, returns, vip] = inboxIds as [string, string, string];
    const ctx = { db, now: () => new Date() } as unknown as TAppContext;
    const channels: { id: string; inboxId: string; address: string }[] = [];
    for (const [i, inboxId] of inboxIds.entries()) {
      const address = `support-${i}@conc-chat`;
      const id = await createCustomChannel(ctx, orgId, { name: `Chat ${i}`, inboxId, companyAddresses: [address] });
      channels.push({ id, inboxId, address });
    }

    const users = [];
    for (let i = 0; i < AGENTS; i++) {
      const user = await createUser(db, {
        orgId,
        email: `agent${i}@${SLUG}.example.com`,
        name: `Agent ${String(i).padStart(2, '0')}`,
        roles: ['AGENT'],
        password: PASSWORD,
      });
      // Orders: agents 0–29, Returns: 20–49 (20–29 in both); VIP only agents 0–4, who go Away at the end.
      const memberOf = [...(i < 30 ? [orders] : []), ...(i >= 20 ? [returns] : []), ...(i < 5 ? [vip] : [])];
      for (const inboxId of memberOf) {
        await db.insertInto('inbox_members').values({ org_id: orgId, inbox_id: inboxId, user_id: user.id }).execute();
      }
      await db
        .insertInto('agent_presence')
        .values({
          org_id: orgId,
          user_id: user.id,
          logged_in: false,
          available_for: [],
          messaging_capacity_standard: STANDARD,
          messaging_capacity_maximum: MAXIMUM,
        })
        .execute();
      users.push({ id: user.id, email: user.email });
    }
    // Short offer timeouts and grace, so misses and re-offers happen within the run. Every offer gets its whole
    // timeout from the moment its transaction applies it (not the run's start), so 2 s holds on a busy machine too.
    const defaults = {
      offerTimeoutSeconds: { VOICE: 2, MESSAGING: 2, MAIL: 2, TASK: 2 },
      declineGraceSeconds: 2,
    };
    await db
      .insertInto('routing_settings')
      .values({ org_id: orgId, defaults: JSON.stringify(defaults) })
      .execute();

    // --- Two Hearth processes ---------------------------------------------------------------------------------
    const env = {
      DATABASE_URL: scratch.url,
      HEARTH_DEMO: 'false',
      HEARTH_PORT: '0',
      HEARTH_HOST: '127.0.0.1',
      HEARTH_BASE_DOMAIN: 'hearth.test',
      HEARTH_SECRET_KEY: 'hearth-test-secret-key-not-for-production-use',
      HEARTH_API_RATE_LIMIT_PER_SECOND: '1000000',
      HEARTH_DATA_DIR: dataDir,
      HEARTH_CHROMIUM: '/nonexistent',
    };
    // One after the other: two processes starting at the same moment can die on startup (see the report).
    cluster.procs = [await startHearthProcess('A', env)];
    cluster.procs.push(await startHearthProcess('B', env));

    // --- 50 agents sign in through either process and go available -------------------------------------------
    for (const [i, user] of users.entries()) {
      agents.push(
        new SimAgent(i, user, PASSWORD, cluster, prng(SEED + 1 + i), {
          acceptRate: 0.7,
          declineRate: 0.15,
          toggleRate: 0.03,
          nextRate: 0.05,
          workMs: [100, 800],
        }),
      );
    }
    for (let i = 0; i < agents.length; i += 10) await Promise.all(agents.slice(i, i + 10).map((a) => a.signIn()));
    const reasons = await clusterRequest(cluster, { path: '/api/internal/status-reasons', cookie: agents[0]?.cookie });
    const away = (reasons.data as { id: string; kind: string; disabled: boolean }[]).find(
      (r) => r.kind === 'AWAY' && !r.disabled,
    );
    expect(away, 'an Away reason').toBeDefined();
    for (const agent of agents) agent.awayReasonId = away?.id ?? '';
    await Promise.all(agents.map((a) => a.start()));

    // --- Sample loads and pending offers while the run goes ---------------------------------------------------
    const sampled = { samples: 0, overCapacity: [] as string[], doublePending: 0, peak: 0 };
    // Which backend holds the routing advisory lock, over time (printed: shows the fail-over).
    const lockHolders: string[] = [];
    const t0 = Date.now();
    const lock = { holder: '', holderPort: 0, killed: '', takenOver: false };
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const loads = await loadAgentLoads(db as TDatabase, orgId);
        for (const [agentId, load] of loads) {
          sampled.peak = Math.max(sampled.peak, load.messaging);
          if (load.messaging > MAXIMUM || load.voice > 1)
            sampled.overCapacity.push(`${agentId}: ${JSON.stringify(load)}`);
        }
        const doubles = await sql<{ n: number }>`
          SELECT (SELECT count(*) FROM (SELECT item_id FROM routing_offers WHERE org_id = ${orgId} AND status = 'PENDING'
                   GROUP BY item_id HAVING count(*) > 1) a)::int
               + (SELECT count(*) FROM (SELECT agent_id FROM routing_offers WHERE org_id = ${orgId} AND status = 'PENDING'
                   GROUP BY agent_id HAVING count(*) > 1) b)::int AS n`.execute(db as TDatabase);
        sampled.doublePending += doubles.rows[0]?.n ?? 0;
        const holder = await sql<{ pid: number; client_port: number }>`
          SELECT l.pid, a.client_port FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()
            AND (l.classid::bigint << 32 | l.objid::bigint) = hashtext('hearth-routing:' || ${orgId})::bigint`.execute(
          db as TDatabase,
        );
        const who = holder.rows.map((r) => r.pid).join(',') || 'none';
        lock.holder = who;
        lock.holderPort = holder.rows[0]?.client_port ?? 0;
        if (lock.killed && who !== 'none' && who !== lock.killed) lock.takenOver = true;
        if (lockHolders.at(-1)?.split(' ')[1] !== who)
          lockHolders.push(`+${((Date.now() - t0) / 1000).toFixed(1)}s ${who}`);
        sampled.samples++;
        await sleep(100);
      }
    })();

    // --- 2,000 customers write in, alternating between the processes; B is killed and restarted at 40 % ----------
    const started = Date.now();
    let inFlight = 0;
    const sends: Promise<void>[] = [];
    const failures: string[] = [];
    let restart: Promise<void> | null = null;
    const send = async (i: number, channel: (typeof channels)[number], prefer: number) => {
      const response = await clusterRequest(
        cluster,
        {
          method: 'POST',
          path: `/api/v1/communications/custom-channels/${channel.id}/messages`,
          authorization,
          body: {
            sender: { address: `customer-${i}@conc-chat`, displayName: `Customer ${i}` },
            to: channel.address,
            type: 'TEXT',
            content: { text: `Message ${i}: where is my order?` },
          },
        },
        prefer,
      );
      if (response.status !== 201) failures.push(`message ${i}: ${response.status} ${JSON.stringify(response.data)}`);
    };
    for (let i = 0; i < CONVERSATIONS; i++) {
      if (i === Math.floor(CONVERSATIONS * 0.4)) {
        // SIGKILL the process whose routing engine holds the org (its lock connection's client port tells which).
        const pids = cluster.procs.map((p) => p.hearth.child.pid ?? 0);
        const holderPid = pidOwningLocalPort(lock.holderPort, pids);
        const slot = Math.max(0, pids.indexOf(holderPid ?? -1));
        const victim = cluster.procs[slot] as THearthProcess;
        lock.killed = lock.holder;
        lockHolders.push(`+${((Date.now() - t0) / 1000).toFixed(1)}s SIGKILL ${victim.name}`);
        victim.hearth.child.kill('SIGKILL');
        await victim.hearth.exited;
        restart = startHearthProcess(`${victim.name}2`, env).then((proc) => {
          cluster.procs[slot] = proc;
        });
      }
      const roll = random();
      const channel = (roll < 0.45 ? channels[0] : roll < 0.9 ? channels[1] : channels[2]) as (typeof channels)[number];
      while (inFlight >= 16) await sleep(2);
      inFlight++;
      sends.push(
        send(i, channel, i % 2)
          .catch((error: unknown) => {
            failures.push(`message ${i}: ${String(error)}`);
          })
          .finally(() => {
            inFlight--;
          }),
      );
      const due = started + ((i + 1) / ARRIVALS_PER_SECOND) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    await Promise.all(sends);
    await restart;
    expect(failures).toEqual([]);

    // --- Let it run, then every agent settles Active and available; wait until everything is closed ------------
    const openCount = async () =>
      Number(
        (
          await sql<{
            n: string;
          }>`SELECT count(*) AS n FROM conversations WHERE org_id = ${orgId} AND status <> 'CLOSED'`.execute(
            db as TDatabase,
          )
        ).rows[0]?.n,
      );
    await sleep(3_000);
    await Promise.all(agents.map((a) => a.settle()));
    const drainUntil = Date.now() + 240_000;
    while ((await openCount()) > 0 && Date.now() < drainUntil) await sleep(500);
    const stillOpen = await openCount();
    if (stillOpen > 0) console.log(`conversations left open after the drain:\n${await describeOpen(db, orgId)}`);
    const conversationIds = (
      await db.selectFrom('conversations').select('id').where('org_id', '=', orgId).execute()
    ).map((r) => r.id);

    // --- End phase: the VIP agents go Away, then VIP customers write: routable, but nobody eligible ------------
    await Promise.all(agents.slice(0, 5).map((a) => a.goAway()));
    for (let i = 0; i < FINAL_WAITING; i++) {
      await clusterRequest(cluster, {
        method: 'POST',
        path: `/api/v1/communications/custom-channels/${channels[2]?.id}/messages`,
        authorization,
        body: {
          sender: { address: `vip-${i}@conc-chat`, displayName: `VIP ${i}` },
          to: channels[2]?.address,
          type: 'TEXT',
          content: { text: 'Anyone there?' },
        },
      });
    }
    // Quiescent: no offer pending and no new offer row for a while (the engines had every chance to act).
    let lastOffers = -1;
    for (let quiet = 0; quiet < 6; ) {
      const row = await sql<{ total: number; pending: number }>`
        SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'PENDING')::int AS pending
        FROM routing_offers WHERE org_id = ${orgId}`.execute(db);
      const { total, pending } = row.rows[0] ?? { total: 0, pending: 0 };
      quiet = pending === 0 && total === lastOffers ? quiet + 1 : 0;
      lastOffers = total;
      await sleep(500);
    }
    sampling = false;
    await sampler;
    await Promise.all(agents.map((a) => a.idle()));

    const totals = agents.reduce(
      (sum, a) => {
        for (const [k, v] of Object.entries(a.stats)) sum[k] = (sum[k] ?? 0) + v;
        return sum;
      },
      {} as Record<string, number>,
    );
    console.log(
      `routing concurrency: ${conversationIds.length} conversations in ${Math.round((Date.now() - started) / 1000)} s; ` +
        `agents ${JSON.stringify(totals)}; ${sampled.samples} load samples, peak messaging load ${sampled.peak}; ` +
        `routing lock holder (backend pid) over time: ${lockHolders.join(' → ')}`,
    );
    expect(agents.flatMap((a) => a.errors)).toEqual([]);
    expect(stillOpen, 'conversations left open after the drain').toBe(0);
    expect(conversationIds).toHaveLength(CONVERSATIONS);
    expect(totals.accepted, 'accepted offers').toBeGreaterThanOrEqual(CONVERSATIONS);
    expect(totals.declined).toBeGreaterThan(0);
    expect(totals.ignored).toBeGreaterThan(0);
    expect(totals.reconnects, 'sockets moved to the surviving process').toBeGreaterThan(0);
    expect(lock.takenOver, 'another process took the routing engine over after the SIGKILL').toBe(true);

    // (a) The atomic claims exist, and sampling never saw two pending offers for one item or agent.
    const indexes = await sql<{ indexname: string; indexdef: string }>`
      SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'routing_offers'`.execute(db);
    const claims = indexes.rows.filter((r) => /UNIQUE/.test(r.indexdef) && /PENDING/.test(r.indexdef));
    expect(claims.map((r) => /\(org_id, (\w+)\)/.exec(r.indexdef)?.[1]).sort()).toEqual(['agent_id', 'item_id']);
    expect(sampled.doublePending).toBe(0);
    expect(sampled.samples).toBeGreaterThan(10);

    // (b) Capacity never exceeded while the run went (sampled) — the replay below checks every assignment.
    expect(sampled.overCapacity).toEqual([]);

    // (c) A fresh snapshot: the VIP conversations are routable, yet decide() proposes no offer or assignment.
    const now = new Date();
    const { snapshot } = await loadRoutingSnapshot(db, orgId, now);
    const waiting = snapshot.items.map((item) => item.id);
    expect(waiting).toHaveLength(FINAL_WAITING);
    const proposals = decide(snapshot, now.getTime()).filter((d) => d.type === 'OFFER' || d.type === 'ASSIGN');
    expect(proposals).toEqual([]);
    expect(
      snapshot.agents.filter((a) => a.loggedIn && a.status === 'ACTIVE' && a.availableFor.includes('MESSAGING')),
    ).toHaveLength(AGENTS - 5);

    // (d) The event log tells the whole story; offers and loads replayed from it.
    const offers = (await db
      .selectFrom('routing_offers')
      .select(['id', 'item_id', 'agent_id', 'status', 'offered_at', 'resolved_at'])
      .where('org_id', '=', orgId)
      .execute()) as TAuditOffer[];
    const events = (await db
      .selectFrom('outbox_events')
      .select(['seq', 'type', 'content'])
      .where('org_id', '=', orgId)
      .orderBy(sql`seq::bigint`)
      .execute()) as TAuditEvent[];
    const audit = auditRouting({
      offers,
      events,
      closedIds: new Set(conversationIds),
      waitingIds: new Set(waiting),
      maxMessaging: MAXIMUM,
    });
    console.log(
      `routing concurrency audit: ${offers.length} offers (${JSON.stringify(countBy(offers.map((o) => o.status)))}), ` +
        `peak replayed load ${audit.peakLoad}, offer rows overlapping by timestamp ${audit.timestampOverlaps}`,
    );
    expect(audit.violations).toEqual([]);
    expect(offers.filter((o) => o.status === 'PENDING' || o.status === 'CANCELED')).toEqual([]);
    expect(audit.counts['CONTACT/OFFERED']).toBe(offers.length);
  }, 420_000);

  it('the audit catches overlapping offers, a missing outcome and an agent over capacity', () => {
    const at = (s: number) => new Date(1_700_000_000_000 + s * 1000);
    const started = (c: string, seq: string): TAuditEvent => ({
      seq,
      type: 'CONTACT/STARTED',
      content: { conversationId: c },
    });
    const offered = (c: string, agentId: string, seq: string): TAuditEvent => ({
      seq,
      type: 'CONTACT/OFFERED',
      content: { conversationId: c, agentId },
    });
    const assigned = (c: string, agentId: string, seq: string): TAuditEvent => ({
      seq,
      type: 'CONVERSATION_ASSIGNEE/UPDATED',
      content: { conversationId: c, reason: 'CONTACT_OFFERED', assignee: { inboxId: 'i', agentId } },
    });
    const accepted = (c: string, agentId: string, seq: string): TAuditEvent => ({
      seq,
      type: 'CONTACT/OFFER_ACCEPTED',
      content: { conversationId: c, agentId },
    });
    const row = (item: string, agent: string, status: string, from: number, to: number | null): TAuditOffer => ({
      id: `${item}-${agent}-${from}`,
      item_id: item,
      agent_id: agent,
      status,
      offered_at: at(from),
      resolved_at: to === null ? null : at(to),
    });
    // Two agents offered c1 at once; c2 offered to a1 while c1 pends for a1; a2 takes two with capacity one.
    const result = auditRouting({
      offers: [row('c1', 'a1', 'MISSED', 0, 5), row('c1', 'a2', 'ACCEPTED', 1, 2), row('c2', 'a2', 'ACCEPTED', 3, 4)],
      events: [
        started('c1', '1'),
        offered('c1', 'a1', '2'),
        offered('c1', 'a2', '3'),
        assigned('c1', 'a2', '4'),
        accepted('c1', 'a2', '5'),
        started('c2', '6'),
        offered('c2', 'a2', '7'),
        assigned('c2', 'a2', '8'),
        accepted('c2', 'a2', '9'),
      ],
      closedIds: new Set(),
      waitingIds: new Set(),
      maxMessaging: 1,
    });
    expect(result.violations.join('\n')).toContain('c1: OFFERED to a2 while pending with a1');
    expect(result.violations.join('\n')).toContain('agent a2: 2 conversations at once');
    expect(result.violations.join('\n')).toContain('c1: offer rows');
    expect(result.timestampOverlaps).toBe(1);
  });
});

function countBy(values: string[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const v of values) result[v] = (result[v] ?? 0) + 1;
  return result;
}

/** What a failed drain leaves behind, for the log: each open conversation with its assignee and offers. */
async function describeOpen(db: TDatabase, orgId: string): Promise<string> {
  const open = await db
    .selectFrom('conversations')
    .select(['id', 'status', 'agent_id', 'inbox_id', 'queued_at', 'updated_at'])
    .where('org_id', '=', orgId)
    .where('status', '<>', 'CLOSED')
    .execute();
  const lines: string[] = [];
  for (const c of open) {
    const offers = await db
      .selectFrom('routing_offers')
      .select(['agent_id', 'status', 'offered_at', 'resolved_at'])
      .where('org_id', '=', orgId)
      .where('item_id', '=', c.id)
      .orderBy('offered_at')
      .execute();
    lines.push(
      `  ${JSON.stringify(c)} offers: ${offers
        .map((o) => `${o.agent_id}:${o.status}@${o.offered_at.toISOString()}→${o.resolved_at?.toISOString() ?? '-'}`)
        .join(', ')}`,
    );
  }
  return lines.join('\n');
}
