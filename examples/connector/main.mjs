#!/usr/bin/env node
// Run the connector: node examples/connector/main.mjs (configuration from the environment, see README.md).
import { randomBytes } from 'node:crypto';
import { createConnector, LISTENED_EVENTS } from './connector.mjs';
import { GladlyClient, gladlyBaseUrl } from './gladly-client.mjs';
import { startWebhookReceiver } from './webhook-receiver.mjs';

const env = process.env;
const list = (text) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const baseUrl = gladlyBaseUrl({
  baseUrl: env.GLADLY_BASE_URL,
  subdomain: env.GLADLY_SUBDOMAIN,
  sandbox: env.GLADLY_SANDBOX === 'true',
});
const client = new GladlyClient({ baseUrl, email: env.GLADLY_EMAIL, token: env.GLADLY_API_TOKEN });
const connector = createConnector({
  client,
  ingestionInboxIds: list(env.INGESTION_INBOX_IDS),
  escalationInboxId: env.ESCALATION_INBOX_ID || undefined,
});

const organization = await client.checkAccess();
console.log(`Connected to ${organization.name ?? baseUrl}`);

const credentials = { username: 'connector', password: randomBytes(18).toString('base64url') };
const receiver = await startWebhookReceiver({
  host: env.RECEIVER_HOST ?? '127.0.0.1',
  port: Number(env.RECEIVER_PORT ?? 0),
  credentials,
  onEvent: async (event) => console.log(JSON.stringify(await connector.handleEvent(event))),
  onError: (error, event) => console.error(`event ${event.id} failed: ${error.message}`),
});
const webhookUrl = env.RECEIVER_PUBLIC_URL ?? receiver.url;
const webhookId = await client.createWebhook({
  name: 'Example connector',
  url: webhookUrl,
  events: LISTENED_EVENTS,
  credentials,
});
console.log(`Listening on ${receiver.url} (webhook ${webhookId}). Ctrl-C to stop.`);

async function stop() {
  await client.disableAndDeleteWebhook(webhookId).catch((error) => console.error(error.message));
  await receiver.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
