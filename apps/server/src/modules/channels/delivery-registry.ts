import type { TAppContext } from '../../app-context.js';
import type { TConversationItemRow } from '../../db/schema.js';

// Outbound channels plug in here: one adapter per item content type (EMAIL, SMS, CHAT_MESSAGE, …). The API refuses a
// reply on a channel with no adapter, so a reply is never accepted that nothing could send. Each process registers
// its adapters at boot; the api role (which checks) and the worker role (which delivers) must register the same.

/** The `channel.deliver` job: which item to send. */
export interface TDeliveryJobData {
  orgId: string;
  itemId: string;
  /** 1 for the first try; a temporary failure schedules the next attempt as a new job (see delivery-worker.ts). */
  attempt?: number;
  /** The customer message a reply answers (email threads on it). */
  replyToItemId?: string;
  /** Facts for the adapter fixed when the message was accepted (the Send Email API's recipient name). */
  channelData?: Record<string, string>;
}

export interface TDeliveryJob extends TDeliveryJobData {
  /** The outbound item as stored (content shaped like its type reads in the API). */
  item: TConversationItemRow;
}

export interface TDeliveryAdapter {
  /**
   * Send the item; throwing marks it FAILED with the error's message recorded in the item's `content.deliveryError`.
   * Throw a TemporaryDeliveryError instead to have it tried again later, with back-off.
   */
  deliver(ctx: TAppContext, job: TDeliveryJob): Promise<void>;
  /**
   * Optional check at reply time: throw an AppError (400) when this org cannot send on the channel at all (say, no
   * email relay is configured), so the reply is refused rather than accepted and failed later.
   */
  assertCanDeliver?(ctx: TAppContext, input: { orgId: string; replyTo: TConversationItemRow }): Promise<void>;
}

/** A failure worth trying again (a 4xx SMTP answer, a refused connection): the item stays PENDING meanwhile. */
export class TemporaryDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TemporaryDeliveryError';
  }
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
