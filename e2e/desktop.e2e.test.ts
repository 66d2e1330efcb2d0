import { describe, expect, it } from 'vitest';
import { addPerson, HAVE_CHROMIUM, logIn, screenshot, useE2eServer } from './harness.js';
import { arrangeDesk, deliverEmail } from './seed.js';

const s = useE2eServer();

// The agent's day in real Chromium against the real server: sign in, work a conversation end to end.
describe.skipIf(!HAVE_CHROMIUM)('agent desktop', { timeout: 120_000 }, () => {
  it('signs in, opens an inbox and a conversation, replies, adds a note, applies a topic and closes', async () => {
    const o = await s.newOrg();
    const agent = await addPerson(o, ['AGENT', 'ADMINISTRATOR'], 'Alex Agent');
    const desk = await arrangeDesk(s.t, o, [agent.id], s.smtp);
    const { conversationId, customerId } = await deliverEmail(s.t, o, desk, {
      from: 'pat@customer.example',
      fromName: 'Pat Customer',
      subject: 'Where is my order?',
      html: '<p>Hello! My order <b>#1042</b> has not arrived yet. Can you help?</p>',
    });

    const context = await s.newContext(o);
    const page = await context.newPage();
    await page.goto('/login');
    await screenshot(page, 'login');
    await logIn(page, agent.email);

    await page.locator(`[data-testid=nav-inbox-${desk.inbox.id}]`).click();
    const row = page.locator(`[data-testid=conversation-row][data-conversation-id="${conversationId}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'inbox');
    await row.click();
    await page.waitForURL(`**/customers/${customerId}**`);
    const timeline = page.locator('[data-testid=timeline]');
    await timeline.locator('[data-testid=timeline-item][data-item-type=EMAIL]').first().waitFor();
    await expect.poll(() => timeline.innerText()).toContain('Where is my order?');

    // Reply on the customer's channel.
    await page.locator('[data-testid=composer-mode-reply]').click();
    await page.locator('[data-testid=composer-input]').fill('Hi Pat, your parcel left our warehouse today.');
    await page.locator('[data-testid=composer-send]').click();
    await expect.poll(() => timeline.innerText(), { timeout: 15_000 }).toContain('your parcel left our warehouse');
    // …and it really left: the org's relay (a local SMTP server) received it, addressed to the customer.
    await expect
      .poll(() => s.smtp.received.find((m) => m.raw.includes('your parcel left our warehouse'))?.rcptTo, {
        timeout: 20_000,
      })
      .toEqual(['pat@customer.example']);

    // An internal note.
    await page.locator('[data-testid=composer-mode-note]').click();
    await page.locator('[data-testid=composer-input]').fill('Carrier confirmed the tracking number.');
    await page.locator('[data-testid=composer-send]').click();
    const note = timeline.locator('[data-testid=timeline-item][data-item-type=CONVERSATION_NOTE]');
    await expect.poll(() => note.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'customer-timeline');

    // A topic from the picker.
    await page.locator('[data-testid=action-topics]').click();
    await page.locator('[data-testid=topic-option]', { hasText: 'Shipping' }).first().click();
    await expect.poll(() => page.locator('[data-testid=conversation-topics]').innerText()).toContain('Shipping');
    await page.keyboard.press('Escape');

    // Close.
    await page.locator('[data-testid=action-close]').click();
    await expect
      .poll(() => page.locator('[data-testid=conversation-status]').first().innerText(), { timeout: 15_000 })
      .toMatch(/closed/i);

    // What the browser did is what the server holds: the reply and note are the agent's, the conversation closed.
    const conversation = await s.t.db
      .selectFrom('conversations')
      .select(['status'])
      .where('org_id', '=', o.org.id)
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(conversation.status).toBe('CLOSED');
    const items = await s.t.db
      .selectFrom('conversation_items')
      .select(['content_type', 'initiator_type', 'initiator_id', 'content'])
      .where('org_id', '=', o.org.id)
      .where('conversation_id', '=', conversationId)
      .where('initiator_type', '=', 'AGENT')
      .execute();
    const kinds = items.map((i) => i.content_type);
    expect(kinds).toContain('EMAIL');
    expect(kinds).toContain('CONVERSATION_NOTE');
    expect(items.every((i) => i.initiator_id === agent.id)).toBe(true);
    const topics = await s.t.db
      .selectFrom('conversation_topics')
      .innerJoin('topics', (j) =>
        j
          .onRef('topics.org_id', '=', 'conversation_topics.org_id')
          .onRef('topics.id', '=', 'conversation_topics.topic_id'),
      )
      .select('topics.name')
      .where('conversation_topics.org_id', '=', o.org.id)
      .where('conversation_topics.conversation_id', '=', conversationId)
      .execute();
    expect(topics.map((r) => r.name)).toEqual(['Shipping']);
    await context.close();
  });

  it('shows the server refusal when topics are required on close', async () => {
    const o = await s.newOrg();
    const agent = await addPerson(o, ['AGENT'], 'Robin Agent');
    const desk = await arrangeDesk(s.t, o, [agent.id], s.smtp);
    await s.t.db.updateTable('orgs').set({ topics_required_on_close: true }).where('id', '=', o.org.id).execute();
    const { conversationId, customerId } = await deliverEmail(s.t, o, desk, {
      from: 'sam@client.example',
      fromName: 'Sam Client',
      subject: 'Invoice question',
      html: '<p>Could you resend my invoice?</p>',
    });
    await s.t.db
      .updateTable('conversations')
      .set({ agent_id: agent.id })
      .where('org_id', '=', o.org.id)
      .where('id', '=', conversationId)
      .execute();
    const context = await s.newContext(o);
    const page = await context.newPage();
    await logIn(page, agent.email);
    await page.goto(`/customers/${customerId}?conversation=${conversationId}`);
    await page.locator('[data-testid=timeline-item]').first().waitFor();
    await page.locator('[data-testid=action-close]').click();
    await expect
      .poll(() => page.locator('body').innerText(), { timeout: 15_000 })
      .toMatch(/topics are required before closing/i);
    await context.close();
  });

  it('masks a card number in the browser, so only the last four digits reach the server', async () => {
    const o = await s.newOrg();
    const agent = await addPerson(o, ['AGENT'], 'Casey Agent');
    const desk = await arrangeDesk(s.t, o, [agent.id], s.smtp);
    const { conversationId, customerId } = await deliverEmail(s.t, o, desk, {
      from: 'lee@old.example',
      fromName: 'Lee Old',
      subject: 'Payment',
      html: '<p>Please charge my card.</p>',
    });
    const context = await s.newContext(o);
    const page = await context.newPage();
    await logIn(page, agent.email);
    await page.goto(`/customers/${customerId}?conversation=${conversationId}`);
    await page.locator('[data-testid=timeline-item]').first().waitFor();
    await page.locator('[data-testid=composer-mode-note]').click();
    await page.locator('[data-testid=composer-input]').fill('Customer read out 4111 1111 1111 1111 on the phone');
    await page.locator('[data-testid=composer-send]').click();
    const note = page.locator('[data-testid=timeline-item][data-item-type=CONVERSATION_NOTE]');
    await expect.poll(() => note.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const stored = await s.t.db
      .selectFrom('conversation_items')
      .select(['content'])
      .where('org_id', '=', o.org.id)
      .where('conversation_id', '=', conversationId)
      .where('content_type', '=', 'CONVERSATION_NOTE')
      .executeTakeFirstOrThrow();
    const body = JSON.stringify(stored.content);
    expect(body).toContain('••••1111');
    expect(body).not.toContain('4111 1111 1111 1111');
    expect(body.replace(/\D/g, '')).not.toContain('4111111111111111');
    await context.close();
  });

  it('opens the shortcuts help with ? and goes to My conversations with g i', async () => {
    const o = await s.newOrg();
    const agent = await addPerson(o, ['AGENT'], 'Kim Agent');
    const desk = await arrangeDesk(s.t, o, [agent.id], s.smtp);
    const context = await s.newContext(o);
    const page = await context.newPage();
    await logIn(page, agent.email);
    await page.goto(`/inbox/${desk.inbox.id}/new`);
    await page.locator('body').click();
    await page.keyboard.press('Shift+Slash');
    await page.locator('[data-testid=shortcuts-help]').waitFor();
    await screenshot(page, 'shortcuts-help');
    await page.keyboard.press('Escape');
    await page.keyboard.press('g');
    await page.keyboard.press('i');
    await page.waitForURL('**/inbox/mine**');
    await context.close();
  });
});

describe.skipIf(!HAVE_CHROMIUM)('long timelines', { timeout: 180_000 }, () => {
  it('loads older pages by itself while the agent scrolls up, until the first item', async () => {
    const o = await s.newOrg();
    const agent = await addPerson(o, ['AGENT'], 'Scroll Agent');
    const desk = await arrangeDesk(s.t, o, [agent.id], s.smtp);
    const { customerId, conversationId } = await deliverEmail(s.t, o, desk, {
      from: 'long@history.example',
      fromName: 'Long History',
      subject: 'Newest',
      html: '<p>The newest message.</p>',
    });
    // 700 older SMS items: more than three pages of the timeline API.
    const start = Date.now() - 700 * 60_000;
    await s.t.db
      .insertInto('conversation_items')
      .values(
        Array.from({ length: 700 }, (_, i) => ({
          org_id: o.org.id,
          id: `old-${i.toString().padStart(4, '0')}-${conversationId.slice(0, 8)}`,
          customer_id: customerId,
          conversation_id: conversationId,
          session_id: null,
          occurred_at: new Date(start + i * 60_000),
          initiator_id: customerId,
          initiator_type: 'CUSTOMER',
          responder_id: null,
          responder_type: null,
          content_type: 'SMS',
          content: JSON.stringify({ type: 'SMS', content: `Older message number ${i}`, from: '+1', to: '+2' }),
          direction: 'INBOUND' as const,
          delivery_status: null,
          redacted_at: null,
        })),
      )
      .execute();
    const oldest = `old-0000-${conversationId.slice(0, 8)}`;
    const context = await s.newContext(o);
    const page = await context.newPage();
    await logIn(page, agent.email);
    await page.goto(`/customers/${customerId}?conversation=${conversationId}`);
    await page.locator('[data-testid=timeline-item]').first().waitFor();
    const oldestRow = page.locator(`[data-testid=timeline-item][data-item-id="${oldest}"]`);
    // Scroll up the way a wheel does, a few hundred pixels per frame, never pressing "Load older history".
    for (let step = 0; step < 2_000 && (await oldestRow.count()) === 0; step++) {
      await page.locator('[data-testid=timeline]').evaluate((el) => {
        el.scrollTop = Math.max(0, el.scrollTop - 300);
      });
      await page.waitForTimeout(16);
    }
    await oldestRow.waitFor({ timeout: 10_000 });
    await context.close();
  });
});
