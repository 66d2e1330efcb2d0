// bench/routing/full-path: the whole push-routing path in a real Hearth process. Customers write through the
// custom-channel API at --rate messages/s for --seconds; --agents agents are signed in, connected on the realtime
// WebSocket and available for messaging with room to spare (each accepts every offer at once, so it is free for the
// next). For each message: latency = arrival of its offer on the agent's socket − the message's commit.
//
//   node bench/routing/full-path.mjs [--rate 200] [--seconds 20] [--agents 100] [--warmup 1000] [--split]
//
// --warmup: messages sent (and offered, and accepted) before the measured ones, then ANALYZE. A fresh database's
// tables are empty and never analyzed, so PostgreSQL plans a lookup by primary key as a scan of the org's rows (it
// saw no difference between the indexes); a live install's autovacuum analyzes its tables within a minute of them
// growing, and only then are its plans the ones production runs. Without the warm-up, every run measured that
// first minute: lookups that read every row of the org, growing with each message of the run.
//
// --split runs Hearth as two processes, as a production install would on a machine of two cores: one with the
// `api` role (the messages, logins, accepts) and one with `ws,worker,scheduler` (the sockets and the routing
// engine). Without it, one process has every role.
//
// Commit point: the arrival of the API's 201 response (the transaction committed before the response was sent), so
// "from 201" slightly flatters Hearth; "from request" (from sending the POST) is the pessimistic bound and includes
// the API call itself. Both are printed.
// Baseline: a bare round trip of the same shape without Hearth — a transaction that commits a pg_notify, a LISTEN
// connection that forwards the payload to a WebSocket client — at the same rate; latency = arrival − COMMIT returned.
// Ratio = Hearth p99 (from 201) / baseline p99.
//
// Hearth runs from its TypeScript sources (tsx), so the figures are for the code as it is; this script re-runs itself
// under tsx to arrange the org with the server's own commands. Data: a throw-away database on DATABASE_URL's server
// (dropped afterwards), else an embedded PostgreSQL under bench/.data/routing-full-path. Prints a table and writes
// bench/results/routing-full-path.json.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket, { WebSocketServer } from 'ws';
import { openBenchDatabase, root } from '../lib/hearth.mjs';
import { formatRow, rssMb, startProcess, stopProcess } from '../lib/measure.mjs';

const TSX_ENV = { TSX_TSCONFIG_PATH: 'apps/server/tsconfig.test.json' };
function options() {
  const { values } = parseArgs({
    strict: false,
    options: {
      rate: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '20' },
      agents: { type: 'string', default: '100' },
      warmup: { type: 'string', default: '1000' },
      split: { type: 'boolean', default: false },
    },
  });
  return {
    rate: Number(values.rate),
    seconds: Number(values.seconds),
    agents: Number(values.agents),
    warmup: Number(values.warmup),
    split: values.split === true,
  };
}

const PASSWORD = 'full-path-bench-pw';

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null;
}

function summary(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (v) => (v === null ? null : Number(v.toFixed(1)));
  return {
    n: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? null),
  };
}

/** A database of its own: on DATABASE_URL's server (dropped at the end), else the embedded one. */
async function openDatabase() {
  if (!process.env.DATABASE_URL) {
    const db = await openBenchDatabase('routing-full-path');
    return { url: db.url, drop: db.stop };
  }
  const name = `hearth_bench_fullpath_${Date.now()}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The org, an API user, one inbox with a custom channel, agents with room for every conversation of the run. */
async function arrange(databaseUrl, agentCount, capacity) {
  const { createDatabase } = await import('../../apps/server/src/db/database.ts');
  const { migrate } = await import('../../apps/server/src/cli/storage.ts');
  const { createOrg } = await import('../../apps/server/src/modules/orgs/commands/create-org.ts');
  const { createUser } = await import('../../apps/server/src/modules/users/commands/create-user.ts');
  const { createApiToken } = await import('../../apps/server/src/modules/users/commands/create-api-token.ts');
  const { createCustomChannel } = await import(
    '../../apps/server/src/modules/custom-channels/commands/create-custom-channel.ts'
  );
  const { newId } = await import('../../apps/server/src/lib/ids.ts');
  const db = createDatabase(databaseUrl, { max: 4 });
  try {
    await migrate(db);
    const existing = await db.selectFrom('orgs').select('id').where('slug', '=', 'fullpath').executeTakeFirst();
    if (existing) throw new Error('the bench database is not empty (org fullpath exists); drop bench/.data first');
    const org = await createOrg(db, { slug: 'fullpath', name: 'Full path bench', makeDefault: true });
    const api = await createUser(db, {
      orgId: org.id,
      email: 'api@fullpath.example.com',
      name: 'Bench API',
      roles: ['API_USER'],
    });
    const { token } = await createApiToken(db, { orgId: org.id, userId: api.id, name: 'bench' });
    const inboxId = newId();
    await db
      .insertInto('inboxes')
      .values({ org_id: org.id, id: inboxId, name: 'Chat', sla_minutes: 60, disabled: false })
      .execute();
    const ctx = { db, now: () => new Date() };
    const channelId = await createCustomChannel(ctx, org.id, {
      name: 'Bench chat',
      inboxId,
      companyAddresses: ['support@fullpath-chat'],
    });
    const agents = [];
    for (let i = 0; i < agentCount; i++) {
      const user = await createUser(db, {
        orgId: org.id,
        email: `agent${i}@fullpath.example.com`,
        name: `Agent ${i}`,
        roles: ['AGENT'],
        password: PASSWORD,
      });
      await db.insertInto('inbox_members').values({ org_id: org.id, inbox_id: inboxId, user_id: user.id }).execute();
      await db
        .insertInto('agent_presence')
        .values({
          org_id: org.id,
          user_id: user.id,
          messaging_capacity_standard: capacity,
          messaging_capacity_maximum: capacity,
        })
        .execute();
      agents.push(user.email);
    }
    return {
      orgId: org.id,
      authorization: `Basic ${Buffer.from(`${api.email}:${token}`).toString('base64')}`,
      channelId,
      agents,
    };
  } finally {
    await db.destroy();
  }
}

// The load generator shares the machine with Hearth and PostgreSQL, so the hot requests (messages, accepts) go
// through node:http on kept-alive connections: fetch costs this process about twice the CPU per request.
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 128 });

/** POST with a keep-alive connection; resolves with the status once the response has been read. */
function post(url, headers, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: keepAlive, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** An agent: session, realtime socket, available for messaging; accepts each offer at once. */
async function connectAgent(baseUrl, wsBaseUrl, email, onOffer) {
  const login = await fetch(`${baseUrl}/api/internal/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'hearth' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('hearth_session='))
    .split(';')[0];
  const host = new URL(wsBaseUrl).host;
  const ws = new WebSocket(`${wsBaseUrl.replace(/^http/, 'ws')}/api/realtime`, {
    headers: { cookie, origin: `http://${host}` },
  });
  await new Promise((resolve, reject) => {
    ws.on('message', (data) => {
      // The agent's socket also carries every event of the inbox; a real agent's browser parses those on its own
      // machine, so the load generator (sharing this machine with Hearth) skips them unread.
      // (`event` and `events`, told apart from the first bytes without decoding the frame).
      if (data.toString('latin1', 0, 14) === '{"type":"event') return;
      const message = JSON.parse(data.toString());
      if (message.type === 'hello') resolve();
      if (message.type === 'offer') onOffer(message.offer, cookie);
    });
    ws.once('error', reject);
  });
  const presence = await fetch(`${baseUrl}/api/internal/me/presence`, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json', 'x-requested-with': 'hearth' },
    body: JSON.stringify({ availableFor: ['MESSAGING'] }),
  });
  if (presence.status !== 200) throw new Error(`presence ${email}: ${presence.status} ${await presence.text()}`);
  return ws;
}

/** Paced sends: message i leaves at start + i / rate; up to 64 in flight. */
async function paced(count, rate, sendOne) {
  const started = performance.now();
  let inFlight = 0;
  const all = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i / rate) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight >= 64) await new Promise((r) => setTimeout(r, 1));
    inFlight++;
    all.push(
      sendOne(i).finally(() => {
        inFlight--;
      }),
    );
  }
  await Promise.all(all);
  return performance.now() - started;
}

/** One Hearth process from its sources with the given roles; resolves with its URL once it listens. */
function startHearth(databaseUrl, roles) {
  return startProcess(
    process.execPath,
    // FULL_PATH_NODE_ARGS: extra node flags for the Hearth process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    [
      ...(process.env.FULL_PATH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      'apps/server/src/main.ts',
      'start',
      '--roles',
      roles,
    ],
    {
      cwd: root,
      env: {
        ...TSX_ENV,
        DATABASE_URL: databaseUrl,
        HEARTH_PORT: '0',
        HEARTH_HOST: '127.0.0.1',
        HEARTH_SMTP_PORT: '0',
        HEARTH_DEMO: 'false',
        HEARTH_LOG_LEVEL: process.env.HEARTH_LOG_LEVEL ?? 'warn',
        HEARTH_API_RATE_LIMIT_PER_SECOND: '1000000000',
        HEARTH_DATA_DIR: path.join(root, 'bench/.data/routing-full-path'),
      },
      ready: /Hearth is running at (http:\/\/127\.0\.0\.1:\d+)/,
    },
  );
}

async function hearthPhase(databaseUrl, { rate, seconds, agents: agentCount, warmup, split }) {
  const total = Math.round(rate * seconds);
  const setup = await arrange(databaseUrl, agentCount, Math.ceil((total + warmup) / agentCount) + 10);
  const processes = split
    ? [await startHearth(databaseUrl, 'api'), await startHearth(databaseUrl, 'ws,worker,scheduler')]
    : [await startHearth(databaseUrl, 'all')];
  const { match } = processes[0];
  const wsBaseUrl = (processes[1] ?? processes[0]).match[1];
  const baseUrl = match[1];
  // HEARTH_LOG_LEVEL=debug FULL_PATH_LOG=<file>: keep Hearth's log (the routing runs' timings are logged at debug).
  if (process.env.FULL_PATH_LOG) {
    const { createWriteStream } = await import('node:fs');
    (processes.at(-1) ?? processes[0]).child.stdout.pipe(createWriteStream(process.env.FULL_PATH_LOG));
  }
  const sentAt = new Map();
  const committedAt = new Map();
  const offeredAt = new Map();
  let accepts = 0;
  let acceptErrors = 0;
  let warmOffers = 0;
  const onOffer = (offer, cookie) => {
    const now = performance.now();
    if (offer.customerName.startsWith('warm-')) warmOffers++;
    const i = Number(/^bench-(\d+)$/.exec(offer.customerName)?.[1]);
    if (Number.isInteger(i) && !offeredAt.has(i)) offeredAt.set(i, now);
    post(`${baseUrl}/api/internal/offers/${offer.offerId}/accept`, { cookie, 'x-requested-with': 'hearth' })
      .then((status) => {
        if (status >= 200 && status < 300) accepts++;
        else acceptErrors++;
      })
      .catch(() => acceptErrors++);
  };
  const sockets = [];
  try {
    for (let i = 0; i < setup.agents.length; i += 10) {
      sockets.push(
        ...(await Promise.all(setup.agents.slice(i, i + 10).map((e) => connectAgent(baseUrl, wsBaseUrl, e, onOffer)))),
      );
    }
    await new Promise((r) => setTimeout(r, 1_000));
    const sendMessage = (name, i) =>
      post(
        `${baseUrl}/api/v1/communications/custom-channels/${setup.channelId}/messages`,
        { authorization: setup.authorization, 'content-type': 'application/json' },
        JSON.stringify({
          sender: { address: `${name}-${i}@fullpath-chat`, displayName: `${name}-${i}` },
          to: 'support@fullpath-chat',
          type: 'TEXT',
          content: { text: `Message ${i}` },
        }),
      );
    if (warmup > 0) {
      process.stderr.write(`hearth: warming up with ${warmup} messages, then ANALYZE\n`);
      await paced(warmup, Math.min(rate, 100), (i) => sendMessage('warm', i));
      const deadline = performance.now() + 60_000;
      while (warmOffers < warmup && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query('ANALYZE');
      await admin.end();
      await new Promise((r) => setTimeout(r, 1_000));
    }
    process.stderr.write(`hearth: ${sockets.length} agents connected, sending ${total} messages at ${rate}/s\n`);
    let failed = 0;
    const measuredFrom = new Date();
    const eluStart = performance.eventLoopUtilization();
    const sendMs = await paced(total, rate, async (i) => {
      sentAt.set(i, performance.now());
      const status = await sendMessage('bench', i);
      if (status === 201) committedAt.set(i, performance.now());
      else failed++;
    });
    // How busy this process was while sending: near 100 %, it (not Hearth) would set the pace and the latencies.
    const loadGeneratorBusy = Math.round(performance.eventLoopUtilization(eluStart).utilization * 100);
    process.stderr.write(
      `hearth: sent in ${(sendMs / 1000).toFixed(1)} s (load generator's event loop ${loadGeneratorBusy} % busy), ` +
        'waiting for the last offers\n',
    );
    const deadline = performance.now() + 60_000;
    while (offeredAt.size < committedAt.size && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const fromCommit = [];
    const fromRequest = [];
    for (const [i, at] of offeredAt) {
      if (committedAt.has(i)) fromCommit.push(at - committedAt.get(i));
      fromRequest.push(at - sentAt.get(i));
    }
    // How the engine ran: one offered_at per routing run (a run's offers share the time of the one transaction that
    // applies them).
    const runsDb = new pg.Client({ connectionString: databaseUrl });
    await runsDb.connect();
    const runs = (
      await runsDb.query(
        `SELECT offered_at, count(*)::int AS n FROM routing_offers WHERE org_id = $1 AND offered_at >= $2
         GROUP BY 1 ORDER BY 1`,
        [setup.orgId, measuredFrom],
      )
    ).rows;
    await runsDb.end();
    let largestGapMs = 0;
    for (let i = 1; i < runs.length; i++) {
      largestGapMs = Math.max(largestGapMs, runs[i].offered_at - runs[i - 1].offered_at);
    }
    return {
      messages: total,
      engineRuns: runs.length,
      offersPerRunMax: Math.max(0, ...runs.map((r) => r.n)),
      largestGapBetweenRunsMs: largestGapMs,
      sentPerSec: Math.round(total / (sendMs / 1000)),
      loadGeneratorBusyPct: loadGeneratorBusy,
      failed,
      offered: offeredAt.size,
      neverOffered: committedAt.size - offeredAt.size,
      accepts,
      acceptErrors,
      fromCommit: summary(fromCommit),
      fromRequest: summary(fromRequest),
      hearthRssMb: processes.reduce((sum, p) => sum + rssMb(p.child.pid), 0),
      processes: processes.length,
    };
  } finally {
    for (const ws of sockets) ws.terminate();
    for (const p of processes) await stopProcess(p.child);
  }
}

/** The baseline: commit a pg_notify, LISTEN forwards it to a WebSocket client; no Hearth. */
async function barePhase(databaseUrl, { rate, seconds }) {
  const total = Math.round(rate * seconds);
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();
  await listener.query('LISTEN bench_full_path_bare');
  listener.on('notification', (m) => {
    for (const client of wss.clients) client.send(m.payload);
  });
  const arrived = new Map();
  const client = new WebSocket(`ws://127.0.0.1:${wss.address().port}`);
  await new Promise((r) => client.once('open', r));
  client.on('message', (data) => arrived.set(Number(data.toString()), performance.now()));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 16 });
  const committedAt = new Map();
  try {
    await paced(total, rate, async (i) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(`SELECT pg_notify('bench_full_path_bare', $1)`, [String(i)]);
        await c.query('COMMIT');
        committedAt.set(i, performance.now());
      } finally {
        c.release();
      }
    });
    const deadline = performance.now() + 10_000;
    while (arrived.size < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const latencies = [];
    for (const [i, at] of arrived) if (committedAt.has(i)) latencies.push(at - committedAt.get(i));
    return { messages: total, arrived: arrived.size, ...summary(latencies) };
  } finally {
    client.terminate();
    await pool.end();
    await listener.end();
    await new Promise((r) => wss.close(r));
  }
}

async function main() {
  const opts = options();
  const database = await openDatabase();
  try {
    const bare = await barePhase(database.url, opts);
    const full = await hearthPhase(database.url, opts);
    const ratio = bare.p99Ms ? Number((full.fromCommit.p99Ms / bare.p99Ms).toFixed(1)) : null;
    const widths = [34, 8, 9, 9, 9, 9];
    console.log(
      `\nbench/routing full path: ${opts.rate} inbound messages/s for ${opts.seconds} s, ${opts.agents} agents on the socket, ` +
        (opts.split ? 'two Hearth processes (api | ws,worker,scheduler)' : 'one Hearth process (all roles)'),
    );
    console.log(formatRow(['', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], widths));
    const row = (label, s) => console.log(formatRow([label, s.n, s.p50Ms, s.p95Ms, s.p99Ms, s.maxMs], widths));
    row('hearth: 201 response → offer', full.fromCommit);
    row('hearth: POST sent → offer', full.fromRequest);
    row('bare: COMMIT → LISTEN → socket', bare);
    console.log(
      `ratio (hearth p99 / bare p99): ${ratio}; sent ${full.sentPerSec}/s, failed ${full.failed}, ` +
        `never offered ${full.neverOffered}, accepts ${full.accepts} (errors ${full.acceptErrors}), ` +
        `hearth RSS ${full.hearthRssMb} MB`,
    );
    console.log(
      `engine: ${full.engineRuns} runs that offered, up to ${full.offersPerRunMax} offers in one run, ` +
        `largest gap between such runs ${(full.largestGapBetweenRunsMs / 1000).toFixed(1)} s`,
    );
    const result = { date: new Date().toISOString(), ...opts, hearth: full, bare, ratio };
    mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    writeFileSync(path.join(root, 'bench/results/routing-full-path.json'), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await database.drop();
  }
}

if (process.env.HEARTH_BENCH_UNDER_TSX !== '1') {
  const child = spawn(process.execPath, ['--import', 'tsx', ...process.argv.slice(1)], {
    cwd: root,
    env: { ...process.env, ...TSX_ENV, HEARTH_BENCH_UNDER_TSX: '1' },
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await main();
}
