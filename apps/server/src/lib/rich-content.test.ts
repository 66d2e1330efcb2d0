import { describe, expect, it } from 'vitest';
import { isBlankRichContent, richContentToPlainText, sanitizeEmailHtml, sanitizeRichContent } from './rich-content.js';

describe('sanitizeRichContent', () => {
  it.each([
    ['<p>hi<script>alert(1)</script></p>', '<p>hi</p>'],
    ['<img src="https://x.test/a.png" onerror="alert(1)">', '<img src="https://x.test/a.png" />'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="JaVaScRiPt:alert(1)" target="_blank">x</a>', '<a target="_blank">x</a>'],
    ['<img src="data:image/png;base64,AAAA">', '<img />'],
    ['<a href="//evil.test/">x</a>', '<a>x</a>'],
    ['<iframe src="https://x.test"></iframe><p>ok</p>', '<p>ok</p>'],
    ['<style>p{}</style><p onclick="x()">ok</p>', '<p>ok</p>'],
    ['<svg><circle onload="x()"/></svg>t', 't'],
  ])('strips dangerous markup: %s', (input, expected) => {
    expect(sanitizeRichContent(input)).toBe(expected);
  });

  it('keeps every tag and attribute of the allow-list', () => {
    const html =
      '<h1>T</h1><h2>a</h2><h3>b</h3><hr /><p><strong>s</strong><em>e</em><b>b</b><i>i</i><u>u</u><br /></p>' +
      '<font size="2" color="red">f</font><span>s</span><ul type="disc"><li type="square" value="2">x</li></ul>' +
      '<ol type="1"><li>y</li></ol><dl><dt>t</dt><dd>d</dd></dl><a href="https://x.test" target="_blank">l</a>' +
      '<img src="https://x.test/i.png" align="left" alt="i" height="10" width="10" />' +
      '<table><caption>c</caption><colgroup align="left" span="2"><col width="5" /></colgroup>' +
      '<thead align="left"><tr valign="top"><th scope="col" colspan="2">h</th></tr></thead>' +
      '<tbody align="left"><tr><td rowspan="1" nowrap>d</td></tr></tbody><tfoot valign="top"></tfoot></table>';
    expect(sanitizeRichContent(html)).toBe(html);
  });

  it('keeps only the allowed style properties with harmless values', () => {
    expect(
      sanitizeRichContent(
        '<div style="text-align:center;color:red;margin:0 4px;padding-left:10px;background-color:#fff;border-left:2px solid rgb(1, 2, 3)">x</div>',
      ),
    ).toBe(
      '<div style="text-align:center;margin:0 4px;padding-left:10px;background-color:#fff;border-left:2px solid rgb(1, 2, 3)">x</div>',
    );
    expect(sanitizeRichContent('<div style="background-color:url(javascript:x)">x</div>')).toBe('<div>x</div>');
    expect(sanitizeRichContent('<div style="border-left:url(https://t.test/x)">x</div>')).toBe('<div>x</div>');
    expect(sanitizeRichContent('<p style="text-align:center">x</p>')).toBe('<p>x</p>');
  });

  it('drops unknown tags but keeps their text', () => {
    expect(sanitizeRichContent('<section><article>hello</article></section>')).toBe('hello');
  });
});

describe('richContentToPlainText', () => {
  it('turns blocks and breaks into lines and decodes entities', () => {
    expect(richContentToPlainText('<p>Hi &amp; welcome</p><p>line<br>two</p>')).toBe('Hi & welcome\nline\ntwo');
  });
});

describe('isBlankRichContent', () => {
  it.each([
    ['', true],
    ['<p> </p>', true],
    ['<script>x</script>', true],
    ['<img src="https://x.test/a.png">', false],
    ['<p>x</p>', false],
  ])('%s → %s', (html, blank) => {
    expect(isBlankRichContent(html)).toBe(blank);
  });
});

describe('sanitizeEmailHtml', () => {
  it('keeps email formatting (quotes, pre, fonts, colours) but no scripts, handlers, javascript: or CSS url()', () => {
    const html = sanitizeEmailHtml(
      '<blockquote style="border-left:1px solid #ccc">quoted</blockquote><pre>code</pre>' +
        '<font face="Arial" color="red">f</font><p style="color:blue;background-image:url(https://t.example/x)">c</p>' +
        '<a href="javascript:alert(1)" onclick="x()">bad</a><a href="https://ok.example">ok</a>' +
        '<script>alert(1)</script><img src="data:image/png;base64,AAAA"><img src="/api/v1/conversation-items/i/attachments/a">',
    );
    expect(html).toContain('<blockquote style="border-left:1px solid #ccc">quoted</blockquote>');
    expect(html).toContain('<pre>code</pre>');
    expect(html).toContain('<font face="Arial" color="red">f</font>');
    expect(html).toContain('<p style="color:blue">c</p>');
    expect(html).toContain('<a target="_blank" rel="noopener noreferrer">bad</a>');
    expect(html).toContain('<a href="https://ok.example" target="_blank" rel="noopener noreferrer">ok</a>');
    expect(html).toContain('<img src="/api/v1/conversation-items/i/attachments/a" />');
    for (const bad of ['<script', 'alert(', 'onclick', 'javascript:', 'data:', 'url(']) expect(html).not.toContain(bad);
  });
});
