import { describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../src/db/database.js';
import { receiveCustomChannelMessage } from '../../src/modules/custom-channels/commands/receive-message.js';
import { arrangeContactsWorld } from '../contacts/arrange.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { countingStatements, countRoundTrips } from '../statement-counter.js';

// An inbound message is the hottest write path (bench/routing/full-path.mjs): each statement is a round trip to
// PostgreSQL, so the count is pinned. A change that adds one should say why here.

const t = useTestApp();

describe('statements of an inbound custom channel message', () => {
  it("a new sender's first message: ten statements; the same sender's next message: ten", async () => {
    const o = await createTestOrg(t);
    const { channel } = await arrangeContactsWorld(t, o);
    const message = (text: string) => ({
      orgId: o.org.id,
      customChannelId: channel.id,
      body: {
        sender: { address: 'robin@acme-chat' },
        to: 'support@acme-chat',
        type: 'TEXT' as const,
        content: { text },
      },
    });

    const first = countingStatements(t.db);
    await receiveCustomChannelMessage({ ...t.ctx, db: first.db }, message('Hello?'));
    // Channel; sender lock and identity; customer and identity inserts; inbox; conversation inserted with its routing
    // columns (no update after it); item; contact; the events.
    expect(first.count()).toBe(10);

    const next = countingStatements(t.db);
    await receiveCustomChannelMessage({ ...t.ctx, db: next.db }, message('Anyone there?'));
    // Channel; sender lock and identity; the open conversation; its inbox's SLA; its waiting state and routing columns
    // in one update; item; the live contact read and continued; the events.
    expect(next.count()).toBe(10);
  });

  it("round trips, once the texts are prepared: a new sender's first message six, the next message eight", async () => {
    const o = await createTestOrg(t);
    const { channel } = await arrangeContactsWorld(t, o);
    // One connection, so every text is prepared on it after the first messages (a text's first use goes alone).
    const db = createDatabase(inject('databaseUrl'), { max: 1 });
    const send = (address: string, text: string) =>
      receiveCustomChannelMessage(
        { ...t.ctx, db },
        {
          orgId: o.org.id,
          customChannelId: channel.id,
          body: { sender: { address }, to: 'support@acme-chat', type: 'TEXT' as const, content: { text } },
        },
      );
    try {
      await send('warm@acme-chat', 'one');
      await send('warm@acme-chat', 'two');
      // Channel; BEGIN, sender lock and identity; customer and identity inserts with the inbox read; conversation;
      // item with the contact insert; the events with COMMIT (db/deferred-write.ts: writes whose answer is not
      // needed travel with the next statement).
      expect(await countRoundTrips(() => send('robin@acme-chat', 'Hello?'))).toBe(6);
      // Channel; BEGIN, sender lock and identity; the open conversation; its inbox's SLA; its update; the live contact
      // read (the item insert with it); the contact's update; the events with COMMIT.
      expect(await countRoundTrips(() => send('robin@acme-chat', 'Anyone there?'))).toBe(8);
    } finally {
      await db.destroy();
    }
  });
});
