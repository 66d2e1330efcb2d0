// bench/api: Hearth's hottest API paths under load, each beside a bare Fastify route measured in the same run.
//
//   node bench/api/run.mjs [--customers 100000] [--items-per-customer 10] [--duration 10] [--connections 50]
//
// Data: an embedded PostgreSQL under bench/.data (kept between runs, so seeding happens once) or DATABASE_URL.
// Prints a table and writes bench/results/api.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildHearth, freePort, hearth, hearthBin, openBenchDatabase, root, waitForHealth } from '../lib/hearth.mjs';
import { formatRow, measure, rssMb, startProcess, stopProcess } from '../lib/measure.mjs';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    'items-per-customer': { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
  },
});
const customers = Number(args.customers);
const itemsPerCustomer = Number(args['items-per-customer']);
const duration = Number(args.duration);
const connections = Number(args.connections);
const ORG = 'bench';
const HOST = `${ORG}.hearth.localhost`;
const API_EMAIL = 'api@bench.example.com';

async function seedIfNeeded(db, env) {
  const existing = await db.query(
    `SELECT count(*)::int AS n FROM customers c JOIN orgs o ON o.id = c.org_id WHERE o.slug = $1`,
    [ORG],
  );
  const have = existing.rows[0]?.n ?? 0;
  if (have === 0) {
    const orgs = await db.query('SELECT 1 FROM orgs WHERE slug = $1', [ORG]);
    if (orgs.rowCount === 0) hearth(['org', 'create', '--slug', ORG, '--name', 'Bench'], env);
    hearth(
      ['user', 'create', '--org', ORG, '--email', API_EMAIL, '--name', 'Bench API', '--roles', 'AGENT,API_USER'],
      env,
    );
  }
  if (have < customers) {
    process.stderr.write(`seeding ${customers - have} customers × ${itemsPerCustomer} items…\n`);
    const started = Date.now();
    hearth(
      ['seed', '--org', ORG, '--customers', String(customers - have), '--items-per-customer', String(itemsPerCustomer)],
      env,
    );
    process.stderr.write(`seeded in ${Math.round((Date.now() - started) / 1000)} s\n`);
    await db.query('ANALYZE');
  }
  return hearth(['token', 'create', '--org', ORG, '--email', API_EMAIL, '--name', `bench-${Date.now()}`], env).trim();
}

async function sampleIds(db) {
  const { rows } = await db.query(
    `SELECT c.org_id, c.id AS customer_id, e.normalized AS email, cv.id AS conversation_id
       FROM customers c
       JOIN orgs o ON o.id = c.org_id AND o.slug = $1
       JOIN customer_emails e ON e.org_id = c.org_id AND e.customer_id = c.id
       JOIN conversations cv ON cv.org_id = c.org_id AND cv.customer_id = c.id
      ORDER BY random() LIMIT 500`,
    [ORG],
  );
  const counts = await db.query(
    `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM conversation_items) AS items`,
  );
  return { rows, totals: counts.rows[0] };
}

async function main() {
  buildHearth();
  const database = await openBenchDatabase('api');
  try {
    await runScenarios(database);
  } finally {
    await database.stop();
  }
}

async function runScenarios(database) {
  const env = { DATABASE_URL: database.url };
  hearth(['migrate'], env);
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const token = await seedIfNeeded(db, env);
  const { rows: samples, totals } = await sampleIds(db);
  await db.end();

  const hearthPort = await freePort();
  const { child: server } = await startProcess(process.execPath, [hearthBin, 'start', '--roles=api'], {
    cwd: root,
    env: {
      ...env,
      HEARTH_PORT: String(hearthPort),
      HEARTH_LOG_LEVEL: 'warn',
      HEARTH_DEMO: 'false',
      // Gladly's limit is 10/s per org; a throughput benchmark measures the server, not the limiter.
      HEARTH_API_RATE_LIMIT_PER_SECOND: '1000000000',
    },
    ready: /listening|Listening|http:\/\//,
  });
  await waitForHealth(`http://127.0.0.1:${hearthPort}/healthz`);
  const barePort = await freePort();
  const { child: bare } = await startProcess(process.execPath, [path.join(root, 'bench/lib/bare-server.mjs')], {
    env: { PORT: String(barePort), DATABASE_URL: database.url },
    ready: /listening/,
  });

  const auth = `Basic ${Buffer.from(`${API_EMAIL}:${token}`).toString('base64')}`;
  const headers = { host: HOST, authorization: auth, accept: 'application/json' };
  const base = `http://127.0.0.1:${hearthPort}`;
  const many = (build) => samples.map((s) => ({ method: 'GET', path: build(s), headers }));
  const activity = JSON.stringify({
    content: {
      type: 'CUSTOMER_ACTIVITY',
      activityType: 'ISSUE',
      title: 'Order shipped',
      body: '<p>Tracking 1Z999</p>',
      sourceName: 'bench',
    },
  });
  const scenarios = [
    { name: 'GET /customer-profiles/{id}', requests: many((s) => `/api/v1/customer-profiles/${s.customer_id}`) },
    {
      name: 'GET /customer-profiles?email=',
      requests: many((s) => `/api/v1/customer-profiles?email=${encodeURIComponent(s.email)}`),
    },
    {
      name: 'GET /conversations/{id}/items',
      requests: many((s) => `/api/v1/conversations/${s.conversation_id}/items`),
    },
    {
      name: 'POST /customers/{id}/conversation-items',
      method: 'POST',
      requests: samples.map((s) => ({
        method: 'POST',
        path: `/api/v1/customers/${s.customer_id}/conversation-items`,
        headers: { ...headers, 'content-type': 'application/json' },
        body: activity,
      })),
    },
  ];

  const results = [];
  for (const scenario of scenarios) {
    const method = scenario.method ?? 'GET';
    const bareResult = await measure({
      url: `http://127.0.0.1:${barePort}/bare`,
      connections,
      duration,
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'POST' ? activity : undefined,
    });
    const hearthResult = await measure({ url: base, connections, duration, requests: scenario.requests });
    results.push({
      scenario: scenario.name,
      bare: bareResult,
      hearth: hearthResult,
      ratio: Number((hearthResult.reqPerSec / bareResult.reqPerSec).toFixed(3)),
      hearthRssMb: rssMb(server.pid),
    });
  }
  // A reference, not a scenario: the same machine's floor for any route that reads one row from PostgreSQL.
  const floor = await measure({
    url: `http://127.0.0.1:${barePort}`,
    connections,
    duration,
    requests: samples.map((s) => ({ method: 'GET', path: `/bare-db/${s.org_id}/${s.customer_id}` })),
  });
  await stopProcess(server);
  await stopProcess(bare);

  const widths = [42, 12, 12, 9, 9, 9, 9, 7, 9];
  console.log(
    `\nbench/api: ${Number(totals.customers).toLocaleString('en-US')} customers, ${Number(totals.items).toLocaleString('en-US')} items; ${connections} connections × ${duration} s; baseline = bare Fastify route\n`,
  );
  console.log(
    formatRow(
      ['scenario', 'hearth req/s', 'bare req/s', 'ratio', 'p50 ms', 'p99 ms', 'bare p99', 'non2xx', 'RSS MB'],
      widths,
    ),
  );
  for (const r of results) {
    console.log(
      formatRow(
        [
          r.scenario,
          r.hearth.reqPerSec,
          r.bare.reqPerSec,
          r.ratio,
          r.hearth.p50Ms,
          r.hearth.p99Ms,
          r.bare.p99Ms,
          r.hearth.non2xx,
          r.hearthRssMb,
        ],
        widths,
      ),
    );
  }
  console.log(
    `\nreference: bare Fastify + one prepared PostgreSQL point lookup (no auth, no validation): ${floor.reqPerSec} req/s, p50 ${floor.p50Ms} ms, p99 ${floor.p99Ms} ms`,
  );
  if (results[0]) {
    const share = (results[0].hearth.reqPerSec / floor.reqPerSec).toFixed(2);
    console.log(`the authenticated profile lookup reaches ${share} of that floor`);
  }
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  const out = {
    date: new Date().toISOString(),
    customers: Number(totals.customers),
    items: Number(totals.items),
    connections,
    duration,
    results,
    databaseFloor: floor,
  };
  writeFileSync(path.join(root, 'bench/results/api.json'), `${JSON.stringify(out, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error ?? 'bench failed (no error given: was a PostgreSQL from an earlier run still running?)');
  process.exit(1);
});
