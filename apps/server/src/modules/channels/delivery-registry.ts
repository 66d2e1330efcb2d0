import type { TAppContext } from '../../app-context.js';
import type { TConversationItemRow } from '../../db/schema.js';

// Outbound channels plug in here: one adapter per item content type (EMAIL, SMS, CHAT_MESSAGE, …). The API refuses a
// reply on a channel with no adapter, so a reply is never accepted that nothing could send. Each process registers
// its adapters at boot; the api role (which checks) and the worker role (which delivers) must register the same.

/** The `channel.deliver` job: which item to send. */
export interface TDeliveryJobData {
  orgId: string;
  itemId: string;
}

export interface TDeliveryJob extends TDeliveryJobData {
  /** The outbound item as stored (content shaped like its type reads in the API). */
  item: TConversationItemRow;
}

export interface TDeliveryAdapter {
  /** Send the item; throwing marks it FAILED. Adapters own any transient retry they want. */
  deliver(ctx: TAppContext, job: TDeliveryJob): Promise<void>;
}

export const DELIVER_JOB = 'channel.deliver';

const adapters = new Map<string, TDeliveryAdapter>();

export function registerDeliveryAdapter(contentType: string, adapter: TDeliveryAdapter): void {
  adapters.set(contentType, adapter);
}

export function getDeliveryAdapter(contentType: string): TDeliveryAdapter | undefined {
  return adapters.get(contentType);
}

/** Tests only: forget every adapter. */
export function clearDeliveryAdapters(): void {
  adapters.clear();
}
