import { splitQuotedHtml, splitQuotedText, type TSplitQuote } from './quote-folding';
import { sanitizeHtml, textToHtml } from './safe-html';

// What an email or note body shows: sanitized HTML (or escaped text) split at the first quote marker. Sanitizing
// and splitting parse the HTML twice, so the result is remembered per body: a row that scrolls out of the
// virtualized window and back (or is re-created when older pages are prepended) does not pay for it again.

const MAX_CACHED = 1500;
const cache = new Map<string, TSplitQuote>();

function compute(html: string | null | undefined, text: string): TSplitQuote {
  if (html) return splitQuotedHtml(sanitizeHtml(html));
  const split = splitQuotedText(text);
  return { visible: textToHtml(split.visible), quoted: split.quoted === null ? null : textToHtml(split.quoted) };
}

/** The safe HTML to show and the folded quote (null when nothing is quoted) of a body given as HTML or as text. */
export function foldedBody(html: string | null | undefined, text = ''): TSplitQuote {
  const key = html ? `h${html}` : `t${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const parts = compute(html, text);
  // Oldest first out: Map keeps insertion order.
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, parts);
  return parts;
}
