import { describe, expect, it } from 'vitest';
import { addPerson, HAVE_CHROMIUM, logIn, screenshot, useE2eServer } from './harness.js';
import { arrangeDesk, deliverEmail } from './seed.js';

const s = useE2eServer();

const HOSTILE_HTML = [
  '<p>Visible greeting before the payloads.</p>',
  '<script>window.__pwned = 1</script>',
  '<img src="x" onerror="window.__pwned = 2">',
  '<a id="jslink" href="javascript:window.__pwned = 3">click me</a>',
  '<svg onload="window.__pwned = 4"><circle r="4"></circle></svg>',
  '<iframe src="javascript:parent.__pwned = 5"></iframe>',
  '<div style="background:url(javascript:window.__pwned=6)" onmouseover="window.__pwned = 7">hover text</div>',
  '<form action="javascript:window.__pwned=8"><button>go</button></form>',
  '<p>Visible closing after the payloads.</p>',
].join('\n');

// An email is content from the outside world: whatever it carries must render as inert text and markup.
describe.skipIf(!HAVE_CHROMIUM)('hostile email', { timeout: 120_000 }, () => {
  it('renders script, event-handler and javascript: payloads inert', async () => {
    const o = await s.newOrg();
    const agent = await addPerson(o, ['AGENT'], 'Sec Agent');
    const desk = await arrangeDesk(s.t, o, [agent.id], s.smtp);
    const { customerId, conversationId } = await deliverEmail(s.t, o, desk, {
      from: 'mallory@evil.example',
      fromName: 'Mallory',
      subject: 'Totally normal email',
      html: HOSTILE_HTML,
    });
    const context = await s.newContext(o);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await logIn(page, agent.email);
    await page.goto(`/customers/${customerId}?conversation=${conversationId}`);
    const email = page.locator('[data-testid=timeline-item][data-item-type=EMAIL]').first();
    await email.waitFor();
    const body = email.locator('[data-testid=email-body]');
    await body.waitFor();

    // The text around the payloads is there (inside the body or its sandboxed frame).
    const texts: string[] = [await body.innerText()];
    for (const frame of page.frames())
      texts.push(
        await frame
          .locator('body')
          .innerText()
          .catch(() => ''),
      );
    const allText = texts.join('\n');
    expect(allText).toContain('Visible greeting before the payloads.');
    expect(allText).toContain('Visible closing after the payloads.');

    // Hover and click what an agent might touch.
    for (const frame of page.frames()) {
      await frame
        .locator('text=hover text')
        .hover({ timeout: 2_000 })
        .catch(() => {});
      await frame
        .locator('text=click me')
        .click({ timeout: 2_000 })
        .catch(() => {});
    }
    // No script ran anywhere: not in the page, not in any frame.
    for (const frame of page.frames()) {
      const pwned = await frame
        .evaluate(() => (window as unknown as { __pwned?: number }).__pwned)
        .catch(() => undefined);
      expect(pwned).toBeUndefined();
    }
    expect(dialogs).toEqual([]);
    // And nothing executable is left in the rendered DOM of the email.
    const dangerous = async (root: { evaluate: typeof body.evaluate }) =>
      root.evaluate((el) => {
        const found: string[] = [];
        const scan = (node: Element | Document) => {
          for (const e of Array.from(node.querySelectorAll('*'))) {
            const tag = e.tagName.toLowerCase();
            if (['script', 'iframe', 'object', 'embed', 'form'].includes(tag)) found.push(tag);
            for (const a of Array.from(e.attributes)) {
              if (a.name.toLowerCase().startsWith('on')) found.push(`${tag}[${a.name}]`);
              if (/^\s*javascript:/i.test(a.value)) found.push(`${tag}[${a.name}=javascript:]`);
            }
            if (tag === 'iframe' && (e as HTMLIFrameElement).contentDocument) {
              scan((e as HTMLIFrameElement).contentDocument as Document);
            }
          }
        };
        scan(el as Element);
        if (el instanceof HTMLIFrameElement && el.contentDocument) scan(el.contentDocument);
        return found;
      });
    const inside = await dangerous(body);
    // A sandboxed srcdoc iframe that holds the email is the container itself, not a payload; anything else is.
    expect(inside.filter((x) => x !== 'iframe')).toEqual([]);
    for (const frame of page.frames().slice(1)) {
      const found = await frame
        .locator('body')
        .evaluate((b) =>
          Array.from(b.querySelectorAll('*')).flatMap((e) =>
            [
              ['script', 'iframe', 'object', 'embed', 'form'].includes(e.tagName.toLowerCase()) ? e.tagName : '',
              ...Array.from(e.attributes)
                .filter((a) => a.name.startsWith('on') || /^\s*javascript:/i.test(a.value))
                .map((a) => a.name),
            ].filter(Boolean),
          ),
        )
        .catch(() => []);
      expect(found).toEqual([]);
    }
    await screenshot(page, 'hostile-email-inert');
    await context.close();
  });
});
