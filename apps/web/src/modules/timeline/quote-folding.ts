// Folding quoted text in emails behind "…": everything from the first quote marker to the end is hidden until the
// agent asks for it. Markers: <blockquote>, Gmail's .gmail_quote, Yahoo's .yahoo_quoted, Outlook's #divRplyFwdMsg /
// #appendonsend, Thunderbird's .moz-cite-prefix, a line starting with ">", an "On … wrote:" line and Outlook's
// "-----Original Message-----". Nothing is folded when it would hide the whole message.

const QUOTE_SELECTOR =
  'blockquote, .gmail_quote, .gmail_extra, .yahoo_quoted, #divRplyFwdMsg, #appendonsend, .moz-cite-prefix, .OutlookMessageHeader';

const WROTE_LINE = /^[ \t]*On\s[^\n]{3,300}?wrote:[ \t]*$/m;
const QUOTE_LINE = /^[ \t]*(?:>|-{2,}\s*Original Message\s*-{2,}|_{10,}\s*$)/m;
const WROTE_TEXT = /^\s*On\s[\s\S]{3,300}?wrote:\s*$/;

export interface TSplitQuote {
  visible: string;
  quoted: string | null;
}

/** Plain-text emails: the lines before the first quote marker, and the rest. */
export function splitQuotedText(text: string): TSplitQuote {
  const candidates = [WROTE_LINE.exec(text)?.index, QUOTE_LINE.exec(text)?.index].filter(
    (i): i is number => i !== undefined,
  );
  if (!candidates.length) return { visible: text, quoted: null };
  const at = Math.min(...candidates);
  const visible = text.slice(0, at).replace(/\s+$/, '');
  if (!visible.trim()) return { visible: text, quoted: null };
  return { visible, quoted: text.slice(at) };
}

const BLOCK = /^(P|DIV|BR|LI|UL|OL|TABLE|TR|TD|H[1-6]|PRE|SECTION|ARTICLE|HR)$/;

interface TMarker {
  node: Node;
  offset: number | null;
}

function firstMarker(root: HTMLElement): TMarker | null {
  const doc = root.ownerDocument;
  const element = root.querySelector(QUOTE_SELECTOR);
  let textMarker: TMarker | null = null;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node && !textMarker; node = walker.nextNode()) {
    if (element && element.compareDocumentPosition(node) & 4 /* FOLLOWING */) break;
    const data = node.nodeValue ?? '';
    const parent = node.parentElement;
    // "On Tue, Ann <ann@example.com> wrote:" split over several nodes: the whole block reads like the line.
    if (/^\s*On\s/.test(data) && parent && parent !== root && WROTE_TEXT.test(parent.textContent ?? '')) {
      textMarker = { node: parent, offset: null };
      break;
    }
    for (const re of [WROTE_LINE, QUOTE_LINE]) {
      const m = re.exec(data);
      if (!m) continue;
      const atLineStart =
        m.index > 0 ||
        !node.previousSibling ||
        node.previousSibling.nodeName === 'BR' ||
        BLOCK.test(node.previousSibling.nodeName);
      if (atLineStart && (!textMarker || m.index < (textMarker.offset ?? 0))) textMarker = { node, offset: m.index };
    }
  }
  if (!textMarker) return element ? { node: element, offset: null } : null;
  if (!element) return textMarker;
  return element.compareDocumentPosition(textMarker.node) & 4 ? { node: element, offset: null } : textMarker;
}

/**
 * Moves `cut`, everything after it and the right-hand part of each ancestor (shallow clones) out of `root`, the
 * way Range.extractContents would (written by hand: not every DOM implementation gets that right).
 */
function splitFrom(root: HTMLElement, cut: Node): DocumentFragment {
  const fragment = root.ownerDocument.createDocumentFragment();
  const following = (node: Node) => {
    const list: Node[] = [];
    for (let n: Node | null = node; n; n = n.nextSibling) list.push(n);
    return list;
  };
  let moving = following(cut);
  let parent = cut.parentNode;
  while (parent && parent !== root) {
    const clone = parent.cloneNode(false);
    const rest = parent.nextSibling ? following(parent.nextSibling) : [];
    for (const n of moving) clone.appendChild(n);
    moving = [clone, ...rest];
    parent = parent.parentNode;
  }
  for (const n of moving) fragment.appendChild(n);
  return fragment;
}

/** HTML emails: the HTML before the first quote marker and the HTML from it on (structure kept on both sides). */
export function splitQuotedHtml(html: string): TSplitQuote {
  if (typeof document === 'undefined') return { visible: html, quoted: null };
  const doc = document.implementation.createHTMLDocument('');
  const root = doc.createElement('div');
  root.innerHTML = html;
  const marker = firstMarker(root);
  if (!marker) return { visible: html, quoted: null };
  let cut: Node = marker.node;
  if (marker.offset !== null && cut.nodeType === 3 && marker.offset > 0) cut = (cut as Text).splitText(marker.offset);
  const quoted = splitFrom(root, cut);
  if (!(root.textContent ?? '').trim() && !root.querySelector('img')) return { visible: html, quoted: null };
  const holder = doc.createElement('div');
  holder.appendChild(quoted);
  if (!(holder.textContent ?? '').trim()) return { visible: html, quoted: null };
  return { visible: root.innerHTML, quoted: holder.innerHTML };
}
