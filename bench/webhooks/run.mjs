// bench/webhooks: outbox → webhook delivery. 20,000 events are committed to the outbox and delivered by a Hearth
// worker to a receiver on 127.0.0.1; beside it, a bare loop of the same HTTP POSTs (no database, no Hearth) as the
// baseline. Two runs: paced at --rate events/s (lag at that rate), then a burst of all events at once (drain rate).
//
//   node bench/webhooks/run.mjs [--events 20000] [--rate 1000]
//
// Lag = arrival at the receiver − the event's outbox occurred_at (set in the committing transaction).
// Hearth runs from dist/, rebuilt first, so the figures are for the code as it is. Data: DATABASE_URL or an embedded
// PostgreSQL under bench/.data/webhooks. Prints a table and writes bench/results/webhooks.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildHearth, freePort, hearth, hearthBin, openBenchDatabase, root } from '../lib/hearth.mjs';
import { formatRow, rssMb, startProcess, stopProcess } from '../lib/measure.mjs';

const { values: args } = parseArgs({
  strict: false,
  options: { events: { type: 'string', default: '20000' }, rate: { type: 'string', default: '1000' } },
});
const EVENTS = Number(args.events);
const RATE = Number(args.rate);
const ORG = 'whbench';
const API_EMAIL = 'api@whbench.example.com';

/** The receiver: records each event's lag once (duplicates counted apart) and answers 200 at once. */
function startReceiver() {
  const state = { arrivals: new Map(), duplicates: 0, firstAt: 0, lastAt: 0 };
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const now = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.end('ok');
      if (body.type === 'PING' || body.type === 'BARE') return;
      if (state.arrivals.has(body.id)) state.duplicates++;
      else state.arrivals.set(body.id, now - Date.parse(body.timestamp));
      if (!state.firstAt) state.firstAt = now;
      state.lastAt = now;
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, state })));
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null;
}

/** Commit events in small transactions, `perSecond` a second (Infinity: as fast as PostgreSQL takes them). */
async function emit(db, orgId, tag, count, perSecond) {
  const batch = Number.isFinite(perSecond) ? Math.max(1, Math.round(perSecond / 50)) : 500;
  const started = Date.now();
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO outbox_events (id, org_id, type, occurred_at, initiator, content)
       SELECT $2 || '-' || g, $1, 'TASK/CREATED', clock_timestamp(), '{"id":"bench","type":"API"}',
              jsonb_build_object('taskId', 'task-' || g, 'customerId', 'customer-' || g)
       FROM generate_series($3::int, $4::int) g`,
      [orgId, tag, done, done + n - 1],
    );
    await db.query(`SELECT pg_notify('hearth_outbox', $1)`, [orgId]);
    await db.query('COMMIT');
    if (Number.isFinite(perSecond)) {
      const due = started + ((done + n) / perSecond) * 1000;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }
  return Date.now() - started;
}

async function runPhase(db, orgId, receiver, name, perSecond) {
  const { state } = receiver;
  state.arrivals.clear();
  state.duplicates = 0;
  state.firstAt = 0;
  const tag = `${name}-${Date.now()}`;
  const started = Date.now();
  const emitMs = await emit(db, orgId, tag, EVENTS, perSecond);
  while (state.arrivals.size < EVENTS) {
    if (Date.now() - started > 300_000) throw new Error(`${name}: only ${state.arrivals.size} of ${EVENTS} arrived`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const lags = [...state.arrivals.values()].sort((a, b) => a - b);
  const seconds = (state.lastAt - started) / 1000;
  return {
    phase: name,
    events: EVENTS,
    offeredPerSec: Number.isFinite(perSecond) ? perSecond : Math.round(EVENTS / (emitMs / 1000)),
    deliveriesPerSec: Math.round(EVENTS / seconds),
    lagP50Ms: percentile(lags, 50),
    lagP99Ms: percentile(lags, 99),
    lagMaxMs: lags.at(-1),
    duplicates: state.duplicates,
  };
}

/** The baseline: the same POSTs, one after another on a keep-alive connection, straight from a loop. */
async function bareLoop(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies = [];
  const started = Date.now();
  for (let i = 0; i < EVENTS; i++) {
    const body = JSON.stringify({
      id: `bare-${i}`,
      type: 'BARE',
      timestamp: new Date().toISOString(),
      initiator: { id: 'bench', type: 'API' },
      content: { taskId: `task-${i}`, customerId: `customer-${i}` },
    });
    const t0 = performance.now();
    await new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/hook',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    latencies.push(performance.now() - t0);
  }
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    deliveriesPerSec: Math.round(EVENTS / ((Date.now() - started) / 1000)),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
  };
}

async function main() {
  buildHearth();
  const database = await openBenchDatabase('webhooks');
  let server;
  const receiver = await startReceiver();
  try {
    // HEARTH_DATA_DIR: where the secret key that seals webhook credentials lives (bench data, not the repo's).
    const env = { DATABASE_URL: database.url, HEARTH_DATA_DIR: path.join(root, 'bench/.data/webhooks') };
    hearth(['migrate'], env);
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    if ((await db.query('SELECT 1 FROM orgs WHERE slug = $1', [ORG])).rowCount === 0) {
      hearth(['org', 'create', '--slug', ORG, '--name', 'Webhook bench'], env);
      hearth(['user', 'create', '--org', ORG, '--email', API_EMAIL, '--name', 'Bench API', '--roles', 'API_USER'], env);
    }
    const token = hearth(
      ['token', 'create', '--org', ORG, '--email', API_EMAIL, '--name', `bench-${Date.now()}`],
      env,
    ).trim();
    const orgId = (await db.query('SELECT id FROM orgs WHERE slug = $1', [ORG])).rows[0].id;
    // A fresh webhook per run: earlier runs' webhooks are disabled and removed first.
    await db.query('DELETE FROM webhooks WHERE org_id = $1', [orgId]);

    const port = await freePort();
    ({ child: server } = await startProcess(process.execPath, [hearthBin, 'start', '--roles=api,worker'], {
      cwd: root,
      env: {
        ...env,
        HEARTH_PORT: String(port),
        HEARTH_LOG_LEVEL: 'warn',
        HEARTH_DEMO: 'false',
        HEARTH_ALLOW_INSECURE_WEBHOOKS: 'true',
        HEARTH_API_RATE_LIMIT_PER_SECOND: '1000000000',
      },
      ready: /Hearth is running/,
    }));
    const receiverPort = receiver.server.address().port;
    const created = await fetch(`http://127.0.0.1:${port}/api/v1/webhooks`, {
      method: 'POST',
      headers: {
        host: `${ORG}.hearth.localhost`,
        authorization: `Basic ${Buffer.from(`${API_EMAIL}:${token}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ url: `http://127.0.0.1:${receiverPort}/hook`, events: ['TASK/CREATED'], enabled: true }),
    });
    if (created.status !== 201) throw new Error(`creating the webhook: ${created.status} ${await created.text()}`);

    const bare = await bareLoop(receiverPort);
    const paced = await runPhase(db, orgId, receiver, 'paced', RATE);
    const burst = await runPhase(db, orgId, receiver, 'burst', Number.POSITIVE_INFINITY);
    const hearthRssMb = rssMb(server.pid);
    await db.end();

    const widths = [8, 12, 14, 11, 11, 11, 11, 7, 8];
    console.log(
      `\nbench/webhooks: ${EVENTS.toLocaleString('en-US')} events per run, one webhook, receiver on 127.0.0.1; baseline = bare loop of the same POSTs: ${bare.deliveriesPerSec}/s (p50 ${bare.p50Ms} ms, p99 ${bare.p99Ms} ms per POST)\n`,
    );
    console.log(
      formatRow(
        ['run', 'offered/s', 'delivered/s', 'ratio', 'lag p50', 'lag p99', 'lag max', 'dupes', 'RSS MB'],
        widths,
      ),
    );
    for (const r of [paced, burst]) {
      r.ratio = Number((r.deliveriesPerSec / bare.deliveriesPerSec).toFixed(3));
      console.log(
        formatRow(
          [
            r.phase,
            r.offeredPerSec,
            r.deliveriesPerSec,
            r.ratio,
            `${r.lagP50Ms} ms`,
            `${r.lagP99Ms} ms`,
            `${r.lagMaxMs} ms`,
            r.duplicates,
            hearthRssMb,
          ],
          widths,
        ),
      );
    }
    mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    const out = { date: new Date().toISOString(), events: EVENTS, rate: RATE, bare, runs: [paced, burst], hearthRssMb };
    writeFileSync(path.join(root, 'bench/results/webhooks.json'), `${JSON.stringify(out, null, 2)}\n`);
  } finally {
    if (server) await stopProcess(server);
    receiver.server.closeAllConnections();
    receiver.server.close();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error ?? 'bench failed');
  process.exit(1);
});
