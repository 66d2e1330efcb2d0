import { describe, expect, it } from 'vitest';
import { CONVERSATION_ITEM_COLUMNS } from '../../src/db/schema.js';
import { findItem, insertItemUnlessTaken, listConversationItems } from '../../src/modules/items/items.repository.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { arrangeConversation, insertItem } from './arrange.js';

const t = useTestApp();

// Item reads name their columns: `selectAll()` also read the search index's tsvector (migration 0008), as large as
// the item's text, on every timeline page, item lookup and list.
describe('conversation item rows', () => {
  it('carry exactly the row columns, never the search vector', async () => {
    const o = await createTestOrg(t);
    const { customer, conversation } = await arrangeConversation(t, o);
    const item = await insertItem(t, o.org.id, {
      customerId: customer.id,
      conversationId: conversation.id,
      type: 'CHAT_MESSAGE',
      content: { content: 'where is my parcel, it was due on monday' },
      at: new Date('2025-03-01T10:00:00.000Z'),
    });
    const columns = [...CONVERSATION_ITEM_COLUMNS].sort();
    const vector = await t.db
      .selectFrom('conversation_items')
      .select('search_vector')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(vector.search_vector).toContain('parcel');

    expect(Object.keys((await findItem(t.db, o.org.id, item.id)) ?? {}).sort()).toEqual(columns);
    const listed = await listConversationItems(t.db, o.org.id, conversation.id, { limit: 10 });
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(columns);
    const inserted = await t.db.transaction().execute((trx) =>
      insertItemUnlessTaken(trx, {
        org_id: o.org.id,
        id: `${item.id}x`,
        customer_id: customer.id,
        conversation_id: conversation.id,
        session_id: null,
        occurred_at: new Date(),
        initiator_id: null,
        initiator_type: 'CUSTOMER',
        responder_id: null,
        responder_type: null,
        content_type: 'CHAT_MESSAGE',
        content: JSON.stringify({ type: 'CHAT_MESSAGE', content: 'hello' }),
        direction: 'INBOUND',
        delivery_status: null,
        redacted_at: null,
      }),
    );
    expect(Object.keys(inserted ?? {}).sort()).toEqual(columns);
  });
});
