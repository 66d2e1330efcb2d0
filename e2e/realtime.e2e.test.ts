import { describe, expect, it } from 'vitest';
import { addPerson, HAVE_CHROMIUM, logIn, useE2eServer } from './harness.js';
import { arrangeDesk, deliverEmail } from './seed.js';

const s = useE2eServer();

// Two agents in two browsers: what arrives for one customer shows up in the other's open screens without a reload.
describe.skipIf(!HAVE_CHROMIUM)('realtime desktop', { timeout: 120_000 }, () => {
  it("a new inbound message appears in a second agent's open timeline and inbox counts without reload", async () => {
    const o = await s.newOrg();
    const alex = await addPerson(o, ['AGENT'], 'Alex Agent');
    const blair = await addPerson(o, ['AGENT'], 'Blair Agent');
    const desk = await arrangeDesk(s.t, o, [alex.id, blair.id], s.smtp);
    const first = await deliverEmail(s.t, o, desk, {
      from: 'pat@customer.example',
      fromName: 'Pat Customer',
      subject: 'Broken zipper',
      html: '<p>The zipper on my bag broke.</p>',
    });

    const contextA = await s.newContext(o);
    const pageA = await contextA.newPage();
    await logIn(pageA, alex.email);
    await pageA.goto(`/inbox/${desk.inbox.id}/new`);
    await pageA.locator('[data-testid=conversation-row]').first().waitFor();
    const countBefore = Number(await pageA.locator('[data-testid=inbox-count-new]').first().innerText());

    const contextB = await s.newContext(o);
    const pageB = await contextB.newPage();
    await logIn(pageB, blair.email);
    await pageB.goto(`/customers/${first.customerId}?conversation=${first.conversationId}`);
    await pageB.locator('[data-testid=timeline-item]').first().waitFor();
    let reloads = 0;
    pageA.on('load', () => reloads++);
    pageB.on('load', () => reloads++);

    // The same customer writes again, and a new customer writes for the first time.
    await deliverEmail(s.t, o, desk, {
      from: 'pat@customer.example',
      fromName: 'Pat Customer',
      subject: 'Re: Broken zipper',
      html: '<p>Here is a photo of the zipper, sent a second time.</p>',
    });
    await deliverEmail(s.t, o, desk, {
      from: 'new@person.example',
      fromName: 'New Person',
      subject: 'Hello there',
      html: '<p>First time writing.</p>',
    });

    await expect
      .poll(() => pageB.locator('[data-testid=timeline]').innerText(), { timeout: 10_000 })
      .toContain('sent a second time');
    await expect
      .poll(async () => Number(await pageA.locator('[data-testid=inbox-count-new]').first().innerText()), {
        timeout: 10_000,
      })
      .toBe(countBefore + 1);
    await expect
      .poll(() => pageA.locator('[data-testid=conversation-row]', { hasText: 'New Person' }).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(reloads).toBe(0);
    await contextA.close();
    await contextB.close();
  });
});
