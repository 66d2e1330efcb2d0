// bench/email: Hearth's inbound SMTP server under load, beside a bare smtp-server that discards, in the same run.
//
//   node bench/email/run.mjs [--clients 20] [--duration 10] [--size-kb 20]
//
// N concurrent SMTP clients (nodemailer, one connection each, messages back to back) send 20 KB messages. Reported:
// messages accepted per second (250 answers), p50/p99 time from sending a message to its 250, refusals, and for
// Hearth whether every accepted message was stored exactly once (inbound_emails rows of the run vs 250s received).
// Data: an embedded PostgreSQL under bench/.data/email or DATABASE_URL. Prints a table, writes bench/results/email.json.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { buildHearth, freePort, hearth, hearthBin, openBenchDatabase, root } from '../lib/hearth.mjs';
import { formatRow, rssMb, startProcess, stopProcess } from '../lib/measure.mjs';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    'size-kb': { type: 'string', default: '20' },
  },
});
const clients = Number(args.clients);
const duration = Number(args.duration);
const sizeKb = Number(args['size-kb']);
const ORG = 'benchmail';
const RECIPIENT = 'support@benchmail.example.com';

/** The bench org and one address that takes mail, created once. */
async function prepareOrg(db, env) {
  const orgs = await db.query('SELECT id FROM orgs WHERE slug = $1', [ORG]);
  if (orgs.rowCount === 0) hearth(['org', 'create', '--slug', ORG, '--name', 'Bench mail'], env);
  const { rows } = await db.query('SELECT id FROM orgs WHERE slug = $1', [ORG]);
  const orgId = rows[0].id;
  await db.query(
    `INSERT INTO inboxes (org_id, id, name, sla_minutes, disabled) VALUES ($1, 'bench-inbox', 'Bench', 60, false)
     ON CONFLICT DO NOTHING`,
    [orgId],
  );
  await db.query(
    `INSERT INTO email_entry_points (org_id, id, address, kind, display_name, inbox_id)
     VALUES ($1, 'bench-entry', $2, 'ADDRESS', 'Bench', 'bench-inbox') ON CONFLICT DO NOTHING`,
    [orgId, RECIPIENT],
  );
  return orgId;
}

/** One body of about `sizeKb` KB of printable lines, made once so the clients spend their time on SMTP. */
const BODY = Array.from(
  { length: Math.ceil((sizeKb * 1024) / 78) },
  () => `${randomBytes(57).toString('base64')}\r\n`,
).join('');

/** Message n: its own sender, subject and (nodemailer's) Message-ID around the shared body. */
function makeMessage(n) {
  return {
    from: `Customer ${n} <customer${n % 500}@bench-sender.example>`,
    to: RECIPIENT,
    subject: `Bench message ${n}`,
    text: BODY,
  };
}

/** `clients` connections, each sending back to back for `duration` seconds; the time to each 250 is recorded. */
async function load(port) {
  const latencies = [];
  let accepted = 0;
  let refused = 0;
  let counter = 0;
  const deadline = Date.now() + duration * 1000;
  const started = Date.now();
  const worker = async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 1,
      maxMessages: Number.POSITIVE_INFINITY,
    });
    while (Date.now() < deadline) {
      const message = makeMessage(counter++);
      const t0 = process.hrtime.bigint();
      try {
        await transport.sendMail(message);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        accepted += 1;
      } catch {
        refused += 1;
      }
    }
    transport.close();
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]) : null;
  return { msgsPerSec: Math.round(accepted / seconds), p50Ms: pct(0.5), p99Ms: pct(0.99), accepted, refused };
}

async function main() {
  buildHearth();
  const database = await openBenchDatabase('email');
  try {
    await run(database);
  } finally {
    await database.stop();
  }
}

async function run(database) {
  const env = { DATABASE_URL: database.url };
  hearth(['migrate'], env);
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const orgId = await prepareOrg(db, env);

  const barePort = await freePort();
  const { child: bare } = await startProcess(process.execPath, [path.join(root, 'bench/email/bare-smtp.mjs')], {
    env: { PORT: String(barePort) },
    ready: /listening/,
  });
  const bareResult = await load(barePort);
  await stopProcess(bare);

  const smtpPort = await freePort();
  const { child: server } = await startProcess(process.execPath, [hearthBin, 'start'], {
    cwd: root,
    env: {
      ...env,
      HEARTH_PORT: String(await freePort()),
      HEARTH_SMTP_PORT: String(smtpPort),
      HEARTH_LOG_LEVEL: 'warn',
      HEARTH_DEMO: 'false',
    },
    ready: /Receiving email over SMTP/,
  });
  const since = new Date();
  const hearthResult = await load(smtpPort);
  const rss = rssMb(server.pid);
  await stopProcess(server);
  const stored = await db.query(
    `SELECT count(*)::int AS rows
       FROM inbound_emails WHERE org_id = $1 AND received_at >= $2`,
    [orgId, since],
  );
  await db.end();
  const { rows: storedRows } = stored.rows[0];
  const results = [
    { target: 'bare smtp-server (discards)', ...bareResult },
    {
      target: 'Hearth SMTP (durable commit)',
      ...hearthResult,
      stored: storedRows,
      lost: hearthResult.accepted - storedRows,
      rssMb: rss,
    },
  ];

  const widths = [32, 9, 9, 9, 10, 9, 9, 7, 8];
  console.log(
    `\nbench/email: ${clients} concurrent SMTP clients × ${duration} s, ${sizeKb} KB messages; baseline = bare smtp-server that discards\n`,
  );
  console.log(
    formatRow(['target', 'msgs/s', 'p50 ms', 'p99 ms', 'accepted', 'refused', 'stored', 'lost', 'RSS MB'], widths),
  );
  for (const r of results) {
    console.log(
      formatRow(
        [
          r.target,
          r.msgsPerSec,
          r.p50Ms,
          r.p99Ms,
          r.accepted,
          r.refused,
          r.stored ?? '-',
          r.lost ?? '-',
          r.rssMb ?? '-',
        ],
        widths,
      ),
    );
  }
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  const out = {
    date: new Date().toISOString(),
    clients,
    duration,
    messageKb: sizeKb,
    ratio: Number((hearthResult.msgsPerSec / Math.max(1, bareResult.msgsPerSec)).toFixed(3)),
    results,
  };
  writeFileSync(path.join(root, 'bench/results/email.json'), `${JSON.stringify(out, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error ?? 'bench failed (no error given: was a PostgreSQL from an earlier run still running?)');
  process.exit(1);
});
