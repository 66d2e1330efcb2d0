import type { TAppContext } from '../app-context.js';
import { registerBuiltInDeliveryAdapters } from '../channel-adapters.js';
import { registerDeliveryWorker } from '../modules/channels/delivery-worker.js';
import { registerContactWorkers } from '../modules/contacts/contacts-workers.js';
import { registerDesktopWorkers } from '../modules/desktop/desktop-workers.js';
import { registerInboundEmailWorker } from '../modules/email/inbound/inbound.worker.js';
import { registerSystemEmailWorker } from '../modules/email/outbound/system-email.worker.js';
import { registerEventRetention } from '../modules/events-api/events-retention.js';
import { registerExportWorker } from '../modules/exports/exports-worker.js';
import { registerPresenceWorkers } from '../modules/routing/presence-workers.js';
import { startRoutingService } from '../modules/routing/routing-service.js';
import { startWebhookDispatcher } from '../modules/webhooks/webhook-dispatcher.js';

/**
 * Every queue this process works when it has the `worker` role. Handlers are registered here, in one place, so a
 * process started with `--roles=api` never picks up background work and one with `--roles=worker` picks up all of it.
 */
export async function registerWorkers(
  ctx: TAppContext,
  options: { databaseUrl: string },
): Promise<() => Promise<void>> {
  registerBuiltInDeliveryAdapters();
  await registerDeliveryWorker(ctx);
  await registerInboundEmailWorker(ctx);
  await registerSystemEmailWorker(ctx);
  await registerEventRetention(ctx);
  await registerExportWorker(ctx);
  await registerPresenceWorkers(ctx);
  await registerDesktopWorkers(ctx);
  await registerContactWorkers(ctx);
  // Not pg-boss queues: the dispatcher follows the outbox itself (LISTEN + poll) and the routing service holds one
  // engine per org under an advisory lock; both stop with the process.
  const webhooks = await startWebhookDispatcher(ctx, { databaseUrl: options.databaseUrl });
  const routing = await startRoutingService(ctx, { databaseUrl: options.databaseUrl });
  return async () => {
    await routing.stop();
    await webhooks.stop();
  };
}
