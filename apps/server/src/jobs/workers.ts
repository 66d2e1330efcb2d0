import type { TAppContext } from '../app-context.js';
import { registerDeliveryWorker } from '../modules/channels/delivery-worker.js';

/**
 * Every queue this process works when it has the `worker` role. Handlers are registered here, in one place, so a
 * process started with `--roles=api` never picks up background work and one with `--roles=worker` picks up all of it.
 */
export async function registerWorkers(ctx: TAppContext): Promise<void> {
  await registerDeliveryWorker(ctx);
}
