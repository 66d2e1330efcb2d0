// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { splitQuotedHtml, splitQuotedText } from './quote-folding';

describe('splitQuotedText', () => {
  it.each([
    ['Thanks!\n\nOn Mon, Jan 1, 2024 at 9:00 AM Ann <ann@example.com> wrote:\n> hello', 'Thanks!', 'On Mon'],
    ['Sure.\n> earlier line\n> more', 'Sure.', '> earlier'],
    ['See below\n-----Original Message-----\nFrom: x', 'See below', '-----Original'],
    ['Reply\n  > indented quote', 'Reply', '  > indented'],
  ])('folds %j', (text, visible, quotedStart) => {
    const split = splitQuotedText(text);
    expect(split.visible).toBe(visible);
    expect(split.quoted?.startsWith(quotedStart)).toBe(true);
  });

  it.each([
    ['no quote at all', 'Hello there\nSecond line'],
    ['a ">" inside a line', 'I think 5 > 3 is true'],
    ['only a quote', '> everything is quoted'],
    ['"On" without "wrote:"', 'On Monday we ship.'],
  ])('leaves alone: %s', (_label, text) => {
    expect(splitQuotedText(text)).toEqual({ visible: text, quoted: null });
  });
});

describe('splitQuotedHtml', () => {
  it('folds a blockquote and what follows it', () => {
    const split = splitQuotedHtml('<p>New text</p><blockquote><p>old</p></blockquote><p>sig</p>');
    expect(split.visible).toBe('<p>New text</p>');
    expect(split.quoted).toBe('<blockquote><p>old</p></blockquote><p>sig</p>');
  });

  it('folds Gmail quotes including the attribution line', () => {
    const html =
      '<div dir="ltr">Thanks, that works.</div><br><div class="gmail_quote"><div class="gmail_attr">On Tue, Ann wrote:<br></div><blockquote class="gmail_quote">hi</blockquote></div>';
    const split = splitQuotedHtml(html);
    expect(split.visible).toBe('<div dir="ltr">Thanks, that works.</div><br>');
    expect(split.quoted).toContain('gmail_attr');
  });

  it('folds from an "On … wrote:" block spread over several nodes', () => {
    const html =
      '<div>Great, thanks</div><div>On Tue, 2 Jan 2024, <a href="mailto:a@x.com">a@x.com</a> wrote:</div><div>old stuff</div>';
    const split = splitQuotedHtml(html);
    expect(split.visible).toBe('<div>Great, thanks</div>');
    expect(split.quoted).toContain('old stuff');
  });

  it('folds plain text lines starting with ">" inside HTML, keeping the structure', () => {
    const split = splitQuotedHtml('<div>Reply here<br>&gt; quoted line<br>&gt; more</div>');
    expect(split.visible).toBe('<div>Reply here<br></div>');
    expect(split.quoted).toBe('<div>&gt; quoted line<br>&gt; more</div>');
  });

  it('folds an Outlook reply header', () => {
    const split = splitQuotedHtml('<p>Ok</p><div id="divRplyFwdMsg"><b>From:</b> Bob</div><div>old</div>');
    expect(split.visible).toBe('<p>Ok</p>');
    expect(split.quoted).toContain('divRplyFwdMsg');
  });

  it.each([
    ['no quote', '<p>Hello <b>there</b></p>'],
    ['a message that is only a quote', '<blockquote>all quoted</blockquote>'],
    ['a ">" mid-sentence', '<p>5 &gt; 3 and that is fine</p>'],
  ])('leaves alone: %s', (_label, html) => {
    expect(splitQuotedHtml(html)).toEqual({ visible: html, quoted: null });
  });
});
