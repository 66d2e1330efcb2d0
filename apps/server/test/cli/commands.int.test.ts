import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOrgCreate } from '../../src/cli/commands/org-create.js';
import { runReset } from '../../src/cli/commands/reset.js';
import { runSeed } from '../../src/cli/commands/seed.js';
import { parseRoles } from '../../src/cli/commands/start.js';
import { runTokenCreate } from '../../src/cli/commands/token-create.js';
import { runUserCreate } from '../../src/cli/commands/user-create.js';
import { createDemoOrgIfEmpty } from '../../src/cli/first-run.js';
import { CliError } from '../../src/cli/output.js';
import { PROCESS_ROLES, publicUrl } from '../../src/cli/process-roles.js';
import { migrate } from '../../src/cli/storage.js';
import { createDatabase, type TDatabase } from '../../src/db/database.js';
import { AppError } from '../../src/http/errors.js';
import { sha256Hex } from '../../src/lib/sha256.js';
import { captureOutput, createScratchDatabase } from './cli-helpers.js';

// The `hearth` subcommands as functions, against a database of their own (org create makes the first org the
// default, and reset drops everything: neither may touch the shared test database).
describe('hearth commands', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: TDatabase;
  const silent = pino({ level: 'silent' });

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = createDatabase(scratch.url, { max: 4 });
    await migrate(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await scratch?.drop();
  });

  const count = async (table: string, orgId: string, where = sql`true`) => {
    const { rows } = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE org_id = ${orgId} AND ${where}`.execute(db);
    return Number(rows[0]?.n);
  };

  it('org create: the first org is the default; a sandbox links to its production org; bad input is refused', async () => {
    const out = captureOutput();
    const acme = await runOrgCreate(db, { slug: 'Acme', name: 'Acme Inc.', timezone: 'Europe/Paris' }, out, 'h.test');
    expect(acme).toMatchObject({ slug: 'acme', name: 'Acme Inc.', timezone: 'Europe/Paris', is_default: true });
    expect(out.lines[0]).toContain(`Created organization Acme Inc. (acme), id ${acme.id}, the default org.`);
    const sandbox = await runOrgCreate(db, { slug: 'acme-qa', name: 'Acme QA', sandboxOf: 'acme' }, out, 'h.test');
    expect(sandbox).toMatchObject({ sandbox_of: acme.id, is_default: false, timezone: 'America/Los_Angeles' });

    await expect(runOrgCreate(db, { slug: 'x', name: 'X', sandboxOf: 'nope' }, out, 'h')).rejects.toThrow(CliError);
    await expect(runOrgCreate(db, { slug: 'tz', name: 'T', timezone: 'Mars/Base' }, out, 'h')).rejects.toThrow(
      AppError,
    );
    await expect(runOrgCreate(db, { slug: 'acme', name: 'Again' }, out, 'h')).rejects.toThrow(/already exists/);
    const slugs = await db.selectFrom('orgs').select('slug').orderBy('slug').execute();
    expect(slugs.map((o) => o.slug)).toEqual(['acme', 'acme-qa']);
  });

  it('user create and token create: roles parsed, password hashed, token printed once and stored as SHA-256', async () => {
    const out = captureOutput();
    const user = await runUserCreate(
      db,
      { org: 'acme', email: ' Ann@Acme.com ', name: 'Ann Lee', roles: 'agent, api_user', password: 'correct horse' },
      out,
    );
    expect(user).toMatchObject({ email: 'ann@acme.com', name: 'Ann Lee', roles: ['AGENT', 'API_USER'] });
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(out.lines.join('\n')).toContain('npx hearth token create --org acme --email ann@acme.com');

    const tokenOut = captureOutput();
    const { id, token } = await runTokenCreate(db, { org: 'acme', email: 'ANN@acme.com' }, tokenOut);
    expect(tokenOut.lines).toEqual([token]);
    expect(tokenOut.notes.join(' ')).toContain('shown only this once');
    const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: user.id, name: 'cli', token_hash: sha256Hex(token), revoked_at: null });
    expect(row.token_hash).not.toContain(token);

    await runUserCreate(db, { org: 'acme', email: 'bo@acme.com', name: 'Bo', roles: 'AGENT' }, out);
    await expect(runTokenCreate(db, { org: 'acme', email: 'bo@acme.com' }, out)).rejects.toThrow(/API User/);
    await expect(runTokenCreate(db, { org: 'acme', email: 'who@acme.com' }, out)).rejects.toThrow(CliError);
    await expect(runUserCreate(db, { org: 'nope', email: 'a@b.co', name: 'A', roles: 'AGENT' }, out)).rejects.toThrow(
      /no organization/,
    );
    await expect(runUserCreate(db, { org: 'acme', email: 'c@b.co', name: 'C', roles: 'WIZARD' }, out)).rejects.toThrow(
      /unknown role/,
    );
  });

  it('seed adds customers, conversations and messages in the shapes of the API, and can run twice', async () => {
    const out = captureOutput();
    const result = await runSeed(db, { org: 'acme', customers: 24, itemsPerCustomer: 7 }, out, 'http://x');
    if (result.kind !== 'customers') throw new Error('expected a customers seed');
    const orgId = result.orgId;
    expect(result).toMatchObject({ customers: 24, items: 168 });
    expect(await count('customers', orgId)).toBe(24);
    expect(await count('customer_emails', orgId)).toBe(24);
    expect(await count('conversations', orgId)).toBe(48);
    expect(await count('conversation_items', orgId)).toBe(168);
    // The org had no inboxes, topics or hours: the standard ones were added. It had an agent (Bo), so the history
    // is his: no demo agents (nor their teams) were invented.
    expect(await count('inboxes', orgId)).toBe(3);
    expect(await count('topics', orgId, sql`parent_id IS NULL`)).toBe(5);
    expect(await count('topics', orgId, sql`parent_id IS NOT NULL`)).toBe(15);
    expect(await count('business_hours', orgId, sql`is_primary`)).toBe(1);
    expect(await count('teams', orgId)).toBe(0);
    const bo = await db.selectFrom('users').select('id').where('email', '=', 'bo@acme.com').executeTakeFirstOrThrow();

    // At most one conversation not closed per customer, and it is the newest one.
    const open = await count('conversations', orgId, sql`status <> 'CLOSED'`);
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThan(24);
    const items = await db
      .selectFrom('conversation_items as i')
      .innerJoin('conversations as c', (j) =>
        j.onRef('c.org_id', '=', 'i.org_id').onRef('c.id', '=', 'i.conversation_id'),
      )
      .select(['i.content', 'i.content_type', 'i.direction', 'i.initiator_type', 'i.initiator_id', 'i.session_id'])
      .select(['i.customer_id', 'c.customer_id as conversation_customer', 'i.occurred_at', 'i.delivery_status'])
      .where('i.org_id', '=', orgId)
      .execute();
    const types = new Set(items.map((i) => i.content_type));
    expect(types).toEqual(new Set(['EMAIL', 'SMS', 'CHAT_MESSAGE']));
    for (const item of items) {
      expect(item.customer_id).toBe(item.conversation_customer);
      expect(item.occurred_at.getTime()).toBeLessThan(Date.now());
      const content = item.content as Record<string, unknown>;
      expect(content.type).toBe(item.content_type);
      const fields = Object.keys(content).sort();
      if (item.content_type === 'EMAIL') {
        expect(fields).toEqual(['attachments', 'bcc', 'cc', 'content', 'from', 'subject', 'to', 'type']);
      } else if (item.content_type === 'SMS') {
        expect(fields).toEqual(['attachments', 'content', 'from', 'to', 'type']);
        expect(content.from).toMatch(/^\+1\d{10}$/);
      } else {
        expect(fields).toEqual(['attachments', 'content', 'messageType', 'sessionId', 'type']);
        expect(content.sessionId).toBe(item.session_id);
      }
      if (item.direction === 'INBOUND') {
        expect(item).toMatchObject({ initiator_type: 'CUSTOMER', initiator_id: item.customer_id });
      } else {
        expect(item).toMatchObject({ direction: 'OUTBOUND', initiator_type: 'AGENT', initiator_id: bo.id });
        expect(item.delivery_status).toBe('SENT');
      }
    }

    await runSeed(db, { org: 'acme', customers: 5, itemsPerCustomer: 1 }, out, 'http://x');
    expect(await count('customers', orgId)).toBe(29);
    expect(await count('inboxes', orgId)).toBe(3);
    expect(out.lines.at(-1)).toMatch(/^Seeded 5 customers and 5 messages into acme/);
  });

  it('seed --demo makes a new org with credentials and a lived-in history; an existing slug is refused', async () => {
    const out = captureOutput();
    const result = await runSeed(db, { demo: true, org: 'demo2', customers: 30 }, out, 'http://hearth.example');
    if (result.kind !== 'demo') throw new Error('expected a demo seed');
    const { demo } = result;
    expect(demo.admin.email).toBe('admin@demo2.example.com');
    const printed = out.lines.join('\n');
    expect(printed).toContain(demo.admin.password);
    expect(printed).toContain(demo.apiUser.token);
    expect(printed).toContain('http://hearth.example/api/v1');
    const orgId = demo.org.id;
    expect(await count('customers', orgId)).toBe(30);
    expect(await count('conversation_items', orgId, sql`content_type IN ('EMAIL', 'SMS', 'CHAT_MESSAGE')`)).toBe(180);
    expect(await count('conversation_items', orgId, sql`content_type = 'CONVERSATION_STATUS_CHANGE'`)).toBe(
      await count('conversations', orgId, sql`status = 'CLOSED'`),
    );
    expect(await count('conversation_items', orgId, sql`content_type = 'TOPIC_CHANGE'`)).toBe(
      await count('conversation_topics', orgId),
    );
    expect(await count('conversation_items', orgId, sql`content_type = 'CONVERSATION_NOTE'`)).toBeGreaterThan(0);
    expect(await count('tasks', orgId)).toBe(5);
    // The routing state inbound messages leave: every waiting conversation is due (and queued when unassigned).
    const waiting = sql`status <> 'CLOSED' AND customer_waiting_since IS NOT NULL`;
    expect(await count('conversations', orgId, waiting)).toBeGreaterThan(0);
    expect(await count('conversations', orgId, sql`${waiting} AND due_at IS NULL`)).toBe(0);
    expect(await count('conversations', orgId, sql`${waiting} AND agent_id IS NULL AND queued_at IS NULL`)).toBe(0);
    expect(await count('conversations', orgId, sql`channel IS NULL`)).toBe(0);
    expect(await count('users', orgId, sql`roles = ARRAY['AGENT']`)).toBe(10);
    expect(await count('teams', orgId)).toBe(3);
    expect(await count('team_members', orgId)).toBe(10);
    expect(await count('inbox_members', orgId)).toBeGreaterThanOrEqual(10);
    const topicChange = await db
      .selectFrom('conversation_items')
      .select(['content', 'direction'])
      .where('org_id', '=', orgId)
      .where('content_type', '=', 'TOPIC_CHANGE')
      .executeTakeFirstOrThrow();
    expect(topicChange.direction).toBe('INTERNAL');
    expect(topicChange.content).toMatchObject({ type: 'TOPIC_CHANGE', removedTopicIds: [] });
    const admin = await db
      .selectFrom('users')
      .select(['roles', 'password_hash'])
      .where('org_id', '=', orgId)
      .where('email', '=', 'admin@demo2.example.com')
      .executeTakeFirstOrThrow();
    expect(admin.roles).toEqual(['ADMINISTRATOR', 'AGENT']);

    await expect(runSeed(db, { demo: true, org: 'demo2' }, captureOutput(), 'http://x')).rejects.toThrow(CliError);
  });

  it('the first-run demo is created only on a database without organizations', async () => {
    expect(await createDemoOrgIfEmpty(db, { enabled: true })).toBeNull();
    expect(await db.selectFrom('orgs').select('slug').where('slug', '=', 'demo').execute()).toEqual([]);
  });

  it('parses --roles and prints a usable URL', () => {
    expect([...parseRoles('all', PROCESS_ROLES)]).toEqual(['api', 'ws', 'worker', 'scheduler']);
    expect([...parseRoles('worker, SCHEDULER', PROCESS_ROLES)]).toEqual(['worker', 'scheduler']);
    expect(() => parseRoles('api,bogus', PROCESS_ROLES)).toThrow(/unknown role bogus/);
    const env = { HEARTH_HOST: '0.0.0.0', HEARTH_PUBLIC_URL: undefined };
    expect(publicUrl(env, 3000)).toBe('http://localhost:3000');
    expect(publicUrl({ ...env, HEARTH_HOST: '127.0.0.1' }, 80)).toBe('http://127.0.0.1:80');
    expect(publicUrl({ ...env, HEARTH_PUBLIC_URL: 'https://help.acme.com/' }, 80)).toBe('https://help.acme.com');
  });

  it('reset refuses without --yes, then drops everything and re-creates the schema', async () => {
    const storage = { db, describe: 'the test database' };
    await expect(runReset(storage, { yes: false }, captureOutput(), silent, 'http://x')).rejects.toThrow(/--yes/);
    expect(await db.selectFrom('orgs').select('id').execute()).toHaveLength(3);

    const demo = await runReset(storage, { yes: true, demo: false }, captureOutput(), silent, 'http://x');
    expect(demo).toBeNull();
    expect(await db.selectFrom('orgs').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('customers').select('id').execute()).toEqual([]);
    // Re-initialised: the first-run demo can be created again.
    const again = await createDemoOrgIfEmpty(db, { enabled: true });
    expect(again?.org.slug).toBe('demo');
  });
});
