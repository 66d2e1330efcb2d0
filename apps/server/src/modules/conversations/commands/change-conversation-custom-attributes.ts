import type { TInitiator } from '@hearth/shared';
import type { TDatabase, TTransaction } from '../../../db/database.js';
import type { TConversationRow } from '../../../db/schema.js';
import { appendEvent } from '../../../events/outbox.js';
import { badRequest, notFound } from '../../../http/errors.js';
import {
  deleteConversationCustomAttribute,
  findConversation,
  findCustomAttributeDefinitionsByKeys,
  insertConversationCustomAttribute,
} from '../conversations.repository.js';

interface TChange {
  key: string;
  value: string;
}

export interface TChangeCustomAttributesInput {
  orgId: string;
  customerId: string;
  conversationId: string;
  add: TChange[];
  remove: TChange[];
  initiator: TInitiator;
  now: Date;
}

/**
 * POST /customer-history/{customerId}/conversations/{conversationId}/custom-attributes (API spec 4.6).
 * Keys name org-level definitions. Adding a value already there or removing one that is not are ignored silently
 * (product spec 7.2) and append no event. Removals run first, so a request that swaps values keeps the new one.
 * A deactivated definition takes no new values, but its old values may still be removed.
 */
export async function changeConversationCustomAttributes(
  db: TDatabase,
  input: TChangeCustomAttributesInput,
): Promise<void> {
  const { orgId, initiator, now } = input;
  await db.transaction().execute(async (trx) => {
    const conversation = await findConversation(trx, orgId, input.conversationId, { forUpdate: true });
    if (!conversation || conversation.customer_id !== input.customerId) throw notFound('conversation does not exist');
    const keys = [...new Set([...input.add, ...input.remove].map((c) => c.key))];
    const definitions = new Map((await findCustomAttributeDefinitionsByKeys(trx, orgId, keys)).map((d) => [d.key, d]));
    const resolve = (part: 'add' | 'remove', change: TChange, index: number) => {
      const definition = definitions.get(change.key);
      const attr = `${part}.${index}.key`;
      if (!definition) throw badRequest('invalid', `custom attribute ${change.key} does not exist`, attr);
      if (part === 'add' && definition.deactivated) {
        throw badRequest('invalid', `custom attribute ${change.key} is deactivated`, attr);
      }
      return { ...change, id: definition.id };
    };
    const additions = input.add.map((c, i) => resolve('add', c, i));
    const removals = input.remove.map((c, i) => resolve('remove', c, i));

    const base = { orgId, conversationId: conversation.id };
    for (const change of removals) {
      if (
        await deleteConversationCustomAttribute(trx, { ...base, customAttributeId: change.id, value: change.value })
      ) {
        await appendChange(trx, conversation, 'CONVERSATION/CUSTOM_ATTRIBUTE_REMOVED', change, initiator, now);
      }
    }
    for (const change of additions) {
      const row = { ...base, customAttributeId: change.id, value: change.value, now };
      if (await insertConversationCustomAttribute(trx, row)) {
        await appendChange(trx, conversation, 'CONVERSATION/CUSTOM_ATTRIBUTE_ADDED', change, initiator, now);
      }
    }
  });
}

function appendChange(
  trx: TTransaction,
  conversation: TConversationRow,
  type: 'CONVERSATION/CUSTOM_ATTRIBUTE_ADDED' | 'CONVERSATION/CUSTOM_ATTRIBUTE_REMOVED',
  change: TChange & { id: string },
  initiator: TInitiator,
  now: Date,
): Promise<string> {
  return appendEvent(trx, conversation.org_id, {
    type,
    initiator,
    occurredAt: now,
    content: {
      customerId: conversation.customer_id,
      conversationId: conversation.id,
      customAttributeId: change.id,
      customAttributeKey: change.key,
      customAttributeValue: change.value,
    },
  });
}
