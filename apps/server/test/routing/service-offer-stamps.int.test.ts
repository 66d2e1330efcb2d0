import { describe, expect, it } from 'vitest';
import { getMyOffer } from '../../src/modules/routing/offer-commands.js';
import { runRouting } from '../../src/modules/routing/routing-service.js';
import { makeInboundItem } from '../factories.js';
import { useTestApp } from '../helpers.js';
import { makeAgent, makeQueued, offersOf, setRoutingDefaults, useRoutingWorld } from './service-fixtures.js';

// Offers carry the time they were applied (not the run's start), and the banner's preview reads every channel's
// content shape.

const t = useTestApp();
const T0 = new Date('2026-03-02T10:00:00.000Z');
const world = useRoutingWorld(t, T0);

describe('offer timestamps', () => {
  it('stamps each offer with the time its transaction applies it, and gives it the whole timeout from then', async () => {
    const { o, inboxId } = world;
    await setRoutingDefaults(t, o.org.id, { offerTimeoutSeconds: { VOICE: 30, MESSAGING: 30, MAIL: 30, TASK: 30 } });
    for (let i = 0; i < 3; i++) await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    for (let i = 0; i < 3; i++) await makeQueued(t, o.org.id, { inboxId });

    // A clock that moves one second each time it is read: the run reads it first (snapshot, decide), then the
    // transaction that applies the offers reads it again.
    let reads = 0;
    const stepping = { ...t.ctx, now: () => new Date(T0.getTime() + 1_000 * reads++) };
    const run = await runRouting(stepping, o.org.id);
    expect(run.applied.filter((d) => d.type === 'OFFER')).toHaveLength(3);

    const offers = await offersOf(t, o.org.id);
    expect(offers).toHaveLength(3);
    for (const offer of offers) {
      expect(offer.offered_at.getTime()).toBeGreaterThan(T0.getTime());
      expect(offer.expires_at.getTime() - offer.offered_at.getTime()).toBe(30_000);
    }
  });

  it('keeps the run time when the clock stands still (tests that set t.clock stay deterministic)', async () => {
    const { o, inboxId } = world;
    await setRoutingDefaults(t, o.org.id, { offerTimeoutSeconds: { VOICE: 30, MESSAGING: 30, MAIL: 30, TASK: 30 } });
    await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
    await makeQueued(t, o.org.id, { inboxId });
    await runRouting(t.ctx, o.org.id);
    const [offer] = await offersOf(t, o.org.id);
    expect(offer?.offered_at.toISOString()).toBe(T0.toISOString());
    expect(offer?.expires_at.toISOString()).toBe(new Date(T0.getTime() + 30_000).toISOString());
  });
});

describe('offer preview', () => {
  const cases: Array<{ name: string; contentType: string; content: Record<string, unknown>; preview: string }> = [
    {
      name: 'custom-channel text',
      contentType: 'CUSTOM_CHANNEL',
      content: { content: { type: 'TEXT', text: 'My parcel never arrived' } },
      preview: 'My parcel never arrived',
    },
    {
      name: 'custom-channel files with a caption',
      contentType: 'CUSTOM_CHANNEL',
      content: { content: { type: 'FILES', caption: 'Photo of the damage', files: [{ url: 'https://x.test/a.png' }] } },
      preview: 'Photo of the damage',
    },
    {
      name: 'email subject and text',
      contentType: 'EMAIL',
      content: { subject: 'Refund', content: 'Where is   my refund?', body: '<p>Where is my refund?</p>' },
      preview: 'Refund Where is my refund?',
    },
    { name: 'chat', contentType: 'CHAT_MESSAGE', content: { content: 'Hi there' }, preview: 'Hi there' },
  ];
  for (const c of cases) {
    it(`shows the text of ${c.name}`, async () => {
      const { o, inboxId } = world;
      const agent = await makeAgent(t, o, { inboxIds: [inboxId], available: ['MESSAGING'] });
      const queued = await makeQueued(t, o.org.id, { inboxId });
      await makeInboundItem(t, o.org.id, {
        customerId: queued.customerId,
        conversationId: queued.id,
        contentType: c.contentType,
        content: c.content,
        at: new Date(T0.getTime() + 1_000),
      });
      await runRouting(t.ctx, o.org.id);
      const offer = await getMyOffer(t.db, o.org.id, agent.id, T0);
      expect(offer?.preview).toBe(c.preview);
    });
  }
});
