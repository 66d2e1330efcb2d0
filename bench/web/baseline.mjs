// The baseline: the same timeline as one static HTML page, every item plain DOM (no virtualization, no framework,
// no paging), scrolled to the newest item by an inline script at the end, served by a tiny local HTTP server.
// The items are the ones Hearth's timeline API returns, with the HTML the server sanitized, so the two pages show
// the same content.
import http from 'node:http';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Every item of the customer's timeline, oldest first, through the web app's own API and session. */
export async function fetchWholeTimeline(apiUrl, host, customerId, cookie) {
  const items = [];
  const conversations = new Map();
  let before = null;
  for (let page = 0; page < 1000; page++) {
    const params = new URLSearchParams({ limit: '200' });
    if (before) params.set('before', before);
    const res = await fetch(`${apiUrl}/api/internal/customers/${customerId}/timeline?${params}`, {
      headers: { host, cookie, 'x-requested-with': 'hearth', accept: 'application/json' },
    });
    if (!res.ok) throw new Error(`timeline page: ${res.status} ${await res.text()}`);
    const body = await res.json();
    for (const c of body.conversations ?? []) conversations.set(c.id, c);
    items.unshift(...(body.items ?? []));
    before = body.nextCursor;
    if (!before) break;
  }
  items.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  return { items, conversations };
}

function renderItem(item) {
  const c = item.content ?? {};
  const type = c.type ?? '';
  const who = item.initiator?.type === 'CUSTOMER' ? 'Timeline Customer' : 'Agent';
  const head = `<div class="meta">${esc(who)} · ${esc(type)} · ${esc(new Date(item.timestamp).toLocaleString('en-US'))}</div>`;
  let body;
  if (type === 'EMAIL')
    body = `<div class="subject">${esc(c.subject)}</div><div class="html">${item.html ?? esc(c.content)}</div>`;
  else if (type === 'CONVERSATION_NOTE') body = `<div class="note">${item.html ?? esc(c.body)}</div>`;
  else
    body = `<div class="bubble ${item.initiator?.type === 'CUSTOMER' ? 'in' : 'out'}">${esc(c.content ?? c.body)}</div>`;
  return `<div class="item" data-testid="timeline-item" data-item-type="${esc(type)}" data-item-id="${esc(item.id)}">${head}${body}</div>`;
}

export function baselineHtml({ items, conversations }) {
  const parts = [];
  let current;
  for (const item of items) {
    if (item.conversationId !== current) {
      current = item.conversationId;
      const conv = conversations.get(current);
      parts.push(
        `<div class="divider">${esc(conv?.status ?? '')} · ${esc(conv?.inboxName ?? 'Conversation')} · Started ${esc(conv?.createdAt ?? '')}</div>`,
      );
    }
    parts.push(renderItem(item));
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Baseline timeline</title><style>
  body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: #1f2430; background: #f6f7f9; }
  #timeline { height: 100vh; overflow-y: auto; }
  .col { max-width: 760px; margin: 0 auto; padding: 12px 16px; }
  .divider { margin: 18px 0 8px; padding: 10px; text-align: center; color: #5b6475; border-top: 1px solid #dde1e8; }
  .item { margin: 8px 0; }
  .meta { color: #5b6475; font-size: 12px; margin-bottom: 4px; }
  .subject { font-weight: 600; margin-bottom: 4px; }
  .html, .note { background: #fff; border: 1px solid #dde1e8; border-radius: 8px; padding: 12px; overflow-wrap: anywhere; }
  .note { background: #fff8e1; }
  .html table { border-collapse: collapse; } .html td, .html th { border: 1px solid #dde1e8; padding: 2px 6px; }
  .html blockquote { margin: 8px 0 0; padding-left: 8px; border-left: 3px solid #dde1e8; color: #5b6475; }
  .bubble { display: inline-block; max-width: 70%; padding: 8px 12px; border-radius: 14px; background: #fff; border: 1px solid #dde1e8; }
  .bubble.out { background: #e7efff; }
</style></head><body><div id="timeline" data-testid="timeline"><div class="col">${parts.join('\n')}</div></div>
<script>const t = document.getElementById('timeline'); t.scrollTop = t.scrollHeight;</script></body></html>`;
}

export function serveBaseline(html) {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` })),
  );
}
