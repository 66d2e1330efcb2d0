import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/cli/storage.js';
import { createDatabase, type TDatabase } from '../../../src/db/database.js';
import { newId } from '../../../src/lib/ids.js';
import { createOrg } from '../../../src/modules/orgs/commands/create-org.js';
import { createScratchDatabase, spawnHearth, type THearthChild } from '../../cli/cli-helpers.js';

const MESSAGES = 2_000;
const CLIENTS = 8;
const SENDERS = 40;
const KILL_AFTER_ACKS = 700;

// The durability promise, end to end: a real Hearth process receives 2,000 messages from concurrent SMTP clients
// and is SIGKILLed part-way. Like real MTAs, the clients resend every message that did not get its 250 once Hearth
// is back. Every message that got 250 must then be stored and processed exactly once (by Message-ID).
describe('inbound SMTP survives SIGKILL', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: TDatabase;
  let hearth: THearthChild | undefined;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = createDatabase(scratch.url, { max: 2 });
    await migrate(db);
  });
  afterAll(async () => {
    hearth?.child.kill('SIGKILL');
    await db?.destroy();
    await scratch?.drop();
  });

  it('every message answered 250 is there exactly once after a SIGKILL and a restart', {
    timeout: 90_000,
  }, async () => {
    const org = await createOrg(db, { slug: 'killtest', name: 'Kill test', makeDefault: true });
    const inboxId = newId();
    await db
      .insertInto('inboxes')
      .values({ org_id: org.id, id: inboxId, name: 'Mail', sla_minutes: 60, disabled: false })
      .execute();
    await db
      .insertInto('email_entry_points')
      .values({
        org_id: org.id,
        id: newId(),
        address: 'support@kill.example',
        kind: 'ADDRESS',
        inbox_id: inboxId,
        sla_minutes: null,
        inbound_secret_hash: null,
      })
      .execute();

    const env = {
      DATABASE_URL: scratch.url,
      HEARTH_PORT: '0',
      HEARTH_HOST: '127.0.0.1',
      HEARTH_SMTP_PORT: '0',
      HEARTH_DEMO: 'false',
    };
    let port = 0;
    const start = async () => {
      hearth = spawnHearth(['start'], env);
      const output = await hearth.waitFor('Press Ctrl-C to stop.', 40_000);
      port = Number(/Receiving email over SMTP at 127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
      expect(port).toBeGreaterThan(0);
    };
    await start();

    const acked = new Set<number>();
    let attempts = 0;
    let restarting: Promise<void> | null = null;
    const killAndRestart = async () => {
      hearth!.child.kill('SIGKILL');
      await hearth!.exited;
      await start();
    };
    const raw = (i: number) =>
      Buffer.from(
        [
          `From: Sender ${i % SENDERS} <sender${i % SENDERS}@customers.example>`,
          'To: support@kill.example',
          `Subject: Message ${i}`,
          `Message-ID: <kill-${i}@customers.example>`,
          'Date: Sat, 21 Nov 2026 06:00:00 +0000',
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=utf-8',
          '',
          `Body of message ${i}. ${'lorem ipsum '.repeat(20)}`,
          '',
        ].join('\r\n'),
      );

    const client = async (index: number) => {
      let transport: nodemailer.Transporter | null = null;
      let transportPort = 0;
      for (let i = index; i < MESSAGES; i += CLIENTS) {
        for (;;) {
          if (restarting) await restarting;
          if (!transport || transportPort !== port) {
            transport?.close();
            transportPort = port;
            transport = nodemailer.createTransport({
              host: '127.0.0.1',
              port,
              pool: true,
              maxConnections: 1,
              ignoreTLS: true,
            });
          }
          attempts++;
          try {
            const info = await transport.sendMail({
              envelope: { from: `sender${i % SENDERS}@customers.example`, to: ['support@kill.example'] },
              raw: raw(i),
            });
            if (info.response.startsWith('250')) {
              acked.add(i);
              if (acked.size === KILL_AFTER_ACKS && !restarting) {
                restarting = killAndRestart().finally(() => {
                  restarting = null;
                });
              }
              break;
            }
          } catch {
            // No 250: the message is ours to resend, as an MTA would.
            transport.close();
            transport = null;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      }
      transport?.close();
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    expect(acked.size).toBe(MESSAGES);
    // The clients had messages in flight when Hearth died: those got no 250 and were sent again.
    expect(attempts).toBeGreaterThan(MESSAGES);

    // Wait for the restarted worker to process everything still waiting.
    for (let waited = 0; ; waited += 250) {
      const pending = await db
        .selectFrom('inbound_emails')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'RECEIVED')
        .executeTakeFirstOrThrow();
      if (Number(pending.n) === 0) break;
      if (waited > 45_000) throw new Error(`${pending.n} messages still unprocessed`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const perMessage = await db
      .selectFrom('inbound_emails')
      .select(['message_id', 'status'])
      .where('org_id', '=', org.id)
      .execute();
    const processed = new Map<string, number>();
    for (const row of perMessage) {
      expect(['PROCESSED', 'DUPLICATE']).toContain(row.status);
      if (row.status === 'PROCESSED') processed.set(row.message_id!, (processed.get(row.message_id!) ?? 0) + 1);
    }
    const items = await db
      .selectFrom('conversation_items')
      .select(sql<string>`content->>'messageId'`.as('messageId'))
      .where('org_id', '=', org.id)
      .where('content_type', '=', 'EMAIL')
      .execute();
    const itemCount = new Map<string, number>();
    for (const item of items) itemCount.set(item.messageId, (itemCount.get(item.messageId) ?? 0) + 1);
    for (const i of acked) {
      const id = `kill-${i}@customers.example`;
      expect(processed.get(id), id).toBe(1);
      expect(itemCount.get(id), id).toBe(1);
    }
    expect(items).toHaveLength(MESSAGES);
    const conversations = await db
      .selectFrom('conversations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', org.id)
      .executeTakeFirstOrThrow();
    // One conversation per sender: the messages of one customer never split across two open conversations.
    expect(Number(conversations.n)).toBe(SENDERS);

    hearth!.child.kill('SIGTERM');
    expect(await hearth!.exited).toBe(0);
  });
});
