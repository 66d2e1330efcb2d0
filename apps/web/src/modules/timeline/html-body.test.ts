// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';

// DOMPurify itself is exercised in a real browser by the e2e tests (see safe-html.test.ts); here the sanitizer is a
// spy so the test can count how often a body is sanitized and check what the cache hands back.
// (A plain function, not vi.fn: the workspace config resets mock implementations between tests.)
const calls = vi.hoisted(() => ({ count: 0 }));
const sanitize = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '');
vi.mock('./safe-html', async (original) => ({
  ...(await original<typeof import('./safe-html')>()),
  sanitizeHtml: (html: string) => {
    calls.count++;
    return html.replace(/<script[\s\S]*?<\/script>/g, '');
  },
}));

const { foldedBody } = await import('./html-body');
const { splitQuotedHtml, splitQuotedText } = await import('./quote-folding');
const { textToHtml } = await import('./safe-html');

beforeEach(() => {
  calls.count = 0;
});

describe('foldedBody', () => {
  it.each([
    ['<p>Thanks!</p><blockquote>earlier <b>mail</b></blockquote>'],
    ['<p>No quote here</p>'],
    ['<p>Hi</p><script>alert(1)</script><div class="gmail_quote">On Mon, Ann wrote:<br>old</div>'],
  ])('sanitizes and then folds HTML %j, as splitQuotedHtml(sanitizeHtml(html)) does', (html) => {
    const expected = splitQuotedHtml(sanitize(html));
    calls.count = 0;
    expect(foldedBody(html, 'ignored text')).toEqual(expected);
    expect(calls.count).toBe(1);
    expect(foldedBody(html).visible).not.toContain('<script');
  });

  it.each([
    ['Thanks!\n\nOn Mon, Jan 1, 2024 at 9:00 AM Ann <ann@example.com> wrote:\n> hello <b>'],
    ['Just a line & a <tag>'],
    [''],
  ])('escapes and folds text %j when there is no HTML', (text) => {
    const split = splitQuotedText(text);
    expect(foldedBody(null, text)).toEqual({
      visible: textToHtml(split.visible),
      quoted: split.quoted === null ? null : textToHtml(split.quoted),
    });
    expect(calls.count).toBe(0);
  });

  it('works a body out once: the same body again is the same result without sanitizing again', () => {
    const html = '<p>Once</p><blockquote>quoted once</blockquote>';
    const first = foldedBody(html);
    const second = foldedBody(html);
    expect(second).toBe(first);
    expect(calls.count).toBe(1);
    expect(first.quoted).toContain('quoted once');
  });

  it('keeps HTML and text bodies with the same characters apart', () => {
    const html = foldedBody('<b>x</b>');
    const text = foldedBody(undefined, '<b>x</b>');
    expect(html.visible).toBe('<b>x</b>');
    expect(text.visible).toBe('&lt;b&gt;x&lt;/b&gt;');
  });

  it('forgets the oldest bodies once it holds many, and works them out again when needed', () => {
    const body = (i: number) => `<p>body ${i}</p>`;
    foldedBody(body(0));
    for (let i = 1; i <= 1500; i++) foldedBody(body(i));
    calls.count = 0;
    foldedBody(body(1500));
    expect(calls.count).toBe(0);
    expect(foldedBody(body(0)).visible).toBe(body(0));
    expect(calls.count).toBe(1);
  });
});
