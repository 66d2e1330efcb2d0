import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAppContext } from '../../src/app-context.js';
import { migrate } from '../../src/cli/storage.js';
import { createDatabase, type TDatabase } from '../../src/db/database.js';
import { newId } from '../../src/lib/ids.js';
import { createCustomChannel } from '../../src/modules/custom-channels/commands/create-custom-channel.js';
import { createOrg } from '../../src/modules/orgs/commands/create-org.js';
import { createApiToken } from '../../src/modules/users/commands/create-api-token.js';
import { createUser } from '../../src/modules/users/commands/create-user.js';
import { createScratchDatabase, REPO_ROOT, spawnHearth, type THearthChild } from '../cli/cli-helpers.js';
import type { TConnectorModule, TConnectorResult, TEvent, TGladlyClient, TReceiverModule } from './example-types.js';

// The connector of examples/connector, run as an integrator runs it: a real Hearth process on its own database, a
// real webhook receiver on 127.0.0.1, and nothing but HTTP between them. This test drives that example's code.

const example = (file: string) => pathToFileURL(path.join(REPO_ROOT, 'examples/connector', file)).href;

interface TWorld {
  prodOrgId: string;
  api: { email: string; token: string };
  agentOnly: { email: string; token: string };
  sandboxApi: { email: string; token: string };
  ingestionInbox: string;
  otherInbox: string;
  escalationInbox: string;
  ingestionChannel: string;
  otherChannel: string;
}

async function arrangeWorld(db: TDatabase): Promise<TWorld> {
  const prod = await createOrg(db, { slug: 'acme', name: 'Acme', makeDefault: true });
  const sandbox = await createOrg(db, { slug: 'acme-sandbox', name: 'Acme (sandbox)', sandboxOf: prod.id });
  const user = async (orgId: string, email: string, roles: ('AGENT' | 'API_USER')[]) => {
    const created = await createUser(db, {
      orgId,
      email,
      name: email.split('@')[0] as string,
      roles: ['AGENT', 'API_USER'],
    });
    const { token } = await createApiToken(db, { orgId, userId: created.id, name: 'connector' });
    // A token minted while the user was an API user keeps existing when the permission is taken away.
    await db.updateTable('users').set({ roles }).where('org_id', '=', orgId).where('id', '=', created.id).execute();
    return { email, token };
  };
  const inbox = async (name: string) => {
    const id = newId();
    await db.insertInto('inboxes').values({ org_id: prod.id, id, name, sla_minutes: 60, disabled: false }).execute();
    return id;
  };
  const [ingestionInbox, otherInbox, escalationInbox] = [
    await inbox('AI first line'),
    await inbox('Wholesale'),
    await inbox('Escalations'),
  ];
  const ctx = { db, now: () => new Date() } as unknown as TAppContext;
  const channel = (inboxId: string, address: string) =>
    createCustomChannel(ctx, prod.id, { name: address, inboxId, companyAddresses: [address] });
  return {
    prodOrgId: prod.id,
    api: await user(prod.id, 'connector@acme.example', ['AGENT', 'API_USER']),
    agentOnly: await user(prod.id, 'agent@acme.example', ['AGENT']),
    sandboxApi: await user(sandbox.id, 'connector@acme.example', ['AGENT', 'API_USER']),
    ingestionInbox,
    otherInbox,
    escalationInbox,
    ingestionChannel: await channel(ingestionInbox, 'chat@acme'),
    otherChannel: await channel(otherInbox, 'wholesale@acme'),
  };
}

describe('the Gladly connector example against a running Hearth', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: TDatabase;
  let hearth: THearthChild;
  let baseUrl: string;
  let world: TWorld;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    db = createDatabase(scratch.url, { max: 2 });
    await migrate(db);
    world = await arrangeWorld(db);
    hearth = spawnHearth(['start'], {
      DATABASE_URL: scratch.url,
      HEARTH_PORT: '0',
      HEARTH_HOST: '127.0.0.1',
      HEARTH_DEMO: 'false',
      HEARTH_SMTP_PORT: '0',
      HEARTH_ALLOW_INSECURE_WEBHOOKS: 'true',
      HEARTH_SECRET_KEY: randomBytes(32).toString('hex'),
    });
    const output = await hearth.waitFor('Press Ctrl-C to stop.', 50_000);
    baseUrl = /Hearth is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] as string;
    expect(baseUrl).toBeDefined();
  }, 90_000);

  afterAll(async () => {
    if (hearth) {
      hearth.child.kill('SIGTERM');
      await Promise.race([hearth.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      hearth.child.kill('SIGKILL');
    }
    await db?.destroy();
    await scratch?.drop();
  });

  it('authenticates as Gladly does: 401 wrong token, 403 without API User, 401 for a sandbox token', async () => {
    const { GladlyClient } = (await import(example('gladly-client.mjs'))) as TConnectorModule;
    const status = async (email: string, token: string) => {
      try {
        await new GladlyClient({ baseUrl, email, token }).checkAccess();
        return 200;
      } catch (error) {
        return (error as { status: number }).status;
      }
    };
    expect(await status(world.api.email, world.api.token)).toBe(200);
    expect(await status(world.api.email, `${world.api.token.slice(0, -2)}xx`)).toBe(401);
    expect(await status(world.agentOnly.email, world.agentOnly.token)).toBe(403);
    // Same email, but the sandbox org's token: the production org does not know it.
    expect(await status(world.sandboxApi.email, world.sandboxApi.token)).toBe(401);
  });

  it('ingests listed inboxes only: reads, replies, notes and escalates; the reply reaches the channel', async () => {
    const { GladlyClient, createConnector, LISTENED_EVENTS } = (await import(example('gladly-client.mjs')).then(
      async (client) => ({ ...client, ...(await import(example('connector.mjs'))) }),
    )) as TConnectorModule;
    const { startWebhookReceiver } = (await import(example('webhook-receiver.mjs'))) as TReceiverModule;

    const client: TGladlyClient = new GladlyClient({ baseUrl, email: world.api.email, token: world.api.token });
    const connector = createConnector({
      client,
      ingestionInboxIds: [world.ingestionInbox],
      escalationInboxId: world.escalationInbox,
    });
    const results: TConnectorResult[] = [];
    const failures: unknown[] = [];
    const credentials = { username: 'connector', password: randomBytes(12).toString('hex') };
    const receiver = await startWebhookReceiver({
      credentials,
      onEvent: async (event: TEvent) => {
        results.push(await connector.handleEvent(event));
      },
      onError: (error: unknown) => failures.push(error),
    });
    // The custom channel integrator: it gets agents' messages as CUSTOM_CHANNEL/MESSAGE_SENT and reports status.
    const sentToChannel: TEvent[] = [];
    const channelSide = await startWebhookReceiver({
      onEvent: async (event: TEvent) => {
        sentToChannel.push(event);
        await client.request(
          'PUT',
          `/api/v1/communications/custom-channels/${event.content.customChannelId}/messages/${event.content.messageId}/status`,
          { value: 'DELIVERED' },
        );
      },
      onError: (error: unknown) => failures.push(error),
    });
    try {
      // Creating an enabled webhook makes Hearth PING the receiver first.
      await client.createWebhook({ name: 'connector', url: receiver.url, events: LISTENED_EVENTS, credentials });
      await client.createWebhook({
        name: 'channel',
        url: channelSide.url,
        events: ['CUSTOM_CHANNEL/MESSAGE_SENT'],
      });

      const customerSays = (channelId: string, to: string, sender: string, text: string) =>
        client.request('POST', `/api/v1/communications/custom-channels/${channelId}/messages`, {
          sender: { address: sender, displayName: 'Robin' },
          to,
          type: 'TEXT',
          content: { text },
        });
      const first = await customerSays(world.ingestionChannel, 'chat@acme', 'robin-1', 'Where is my order?');
      expect(first.status).toBe(201);
      await waitUntil(() => results.length >= 1 && sentToChannel.length >= 1, failures);

      const handled = results[0] as TConnectorResult & { handled: true };
      expect(handled).toMatchObject({
        handled: true,
        inboxId: world.ingestionInbox,
        customerName: 'Robin',
        itemCount: 1,
        replyItemId: expect.any(String),
        noteId: expect.any(String),
      });
      expect(handled.escalatedTo).toBeUndefined();
      const reply = await client.getItem(handled.replyItemId as string);
      expect(reply.content).toMatchObject({
        type: 'CUSTOM_CHANNEL',
        messageType: 'TEXT',
        content: { text: 'Thanks Robin, we received your message: "Where is my order?"' },
      });
      const note = await client.request(
        'GET',
        `/api/v1/conversations/${handled.conversationId}/notes/${handled.noteId}`,
      );
      expect(note.data.content).toMatchObject({
        type: 'CONVERSATION_NOTE',
        body: 'Connector read "Where is my order?".',
      });
      expect(sentToChannel[0]?.content).toMatchObject({
        customChannelId: world.ingestionChannel,
        customerAddress: 'robin-1',
        companyAddress: 'chat@acme',
        messageId: handled.replyItemId,
        type: 'TEXT',
        content: { text: 'Thanks Robin, we received your message: "Where is my order?"' },
      });
      await waitUntil(
        async () => (await client.getItem(handled.replyItemId as string)).content.status?.value === 'DELIVERED',
        failures,
      );

      // Asking for a person escalates: the conversation moves to the escalation inbox.
      await customerSays(world.ingestionChannel, 'chat@acme', 'robin-1', 'Can I talk to a human?');
      await waitUntil(() => results.length >= 2, failures);
      expect(results[1]).toMatchObject({
        handled: true,
        conversationId: handled.conversationId,
        escalatedTo: world.escalationInbox,
      });
      const conversation = await client.getConversation(handled.conversationId);
      expect(conversation.inboxId).toBe(world.escalationInbox);

      // A conversation in an inbox the connector does not ingest is left alone.
      await customerSays(world.otherChannel, 'wholesale@acme', 'buyer-9', 'Quote for 500 units?');
      await waitUntil(() => results.length >= 3, failures);
      expect(results[2]).toMatchObject({ handled: false, reason: expect.stringContaining(world.otherInbox) });
      const ignored = (await client.listItems((results[2] as { reason: string }).reason.split(' ')[1] as string)) as {
        initiator: { type: string };
      }[];
      expect(ignored.map((i) => i.initiator.type)).toEqual(['CUSTOMER']);
      expect(failures).toEqual([]);
    } finally {
      await receiver.close();
      await channelSide.close();
    }
  }, 60_000);
});

/** Poll a condition the running Hearth will make true (webhook deliveries are asynchronous). */
async function waitUntil(condition: () => boolean | Promise<boolean>, failures: unknown[], timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (failures.length > 0) throw failures[0];
    if (Date.now() > deadline) throw new Error('the connector did not see the expected events in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
