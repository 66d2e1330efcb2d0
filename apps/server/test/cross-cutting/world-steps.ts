import type { TItemDirection } from '../../src/db/schema.js';
import type { TJsonResponse, TTestApp, TTestOrg } from '../helpers.js';

// How the world is put together: through the public API when the route exists and accepts the request, else by an
// insert shaped like what the module stores, so the cross-cutting suites run while modules are still being built.

type TStep = (
  name: string,
  req: { method: 'POST'; url: string; body: unknown },
  fallback: () => Promise<void>,
) => Promise<TJsonResponse | null>;

/** Create through the API when the route exists and accepts the request; otherwise insert (and say so). */
export function makeStepper(t: TTestApp, o: TTestOrg, fallbacks: string[]): TStep {
  return async (name, req, fallback) => {
    const routeUrl = routeTemplateOf(req.url);
    if (routeUrl && t.app.hasRoute({ method: req.method, url: routeUrl })) {
      const res = await o.request(req);
      if (res.statusCode >= 200 && res.statusCode < 300) return res;
      fallbacks.push(`${name}: ${req.method} ${req.url} answered ${res.statusCode} ${res.body.slice(0, 200)}`);
    } else {
      fallbacks.push(`${name}: no route ${req.method} ${routeUrl}`);
    }
    await fallback();
    return null;
  };
}

// The world's own create calls, mapped back to their route templates for `hasRoute`.
const CREATE_ROUTES: [RegExp, string][] = [
  [/^\/api\/v1\/customers\/[^/]+\/conversation-items$/, '/api/v1/customers/:customerId/conversation-items'],
  [/^\/api\/v1\/conversations\/[^/]+\/notes$/, '/api/v1/conversations/:conversationId/notes'],
  [/^\/api\/v1\/customers\/[^/]+\/tasks$/, '/api/v1/customers/:customerId/tasks'],
  [/^\/api\/v1\/tasks\/[^/]+\/comments$/, '/api/v1/tasks/:taskId/comments'],
  [/^\/api\/v1\/business-hours$/, '/api/v1/business-hours'],
];

function routeTemplateOf(url: string): string | null {
  return CREATE_ROUTES.find(([re]) => re.test(url))?.[1] ?? null;
}

export function lastSegment(res: TJsonResponse): string {
  const location = res.headers.location;
  return typeof location === 'string' ? (location.split('/').pop() ?? '') : '';
}

/** A timeline item as a module would store it (used only when the creating route is missing or refuses). */
export async function insertItem(
  t: TTestApp,
  orgId: string,
  item: {
    id: string;
    customerId: string;
    conversationId: string | null;
    initiatorId: string;
    content: Record<string, unknown> & { type: string };
    direction: TItemDirection;
  },
): Promise<void> {
  await t.db
    .insertInto('conversation_items')
    .values({
      org_id: orgId,
      id: item.id,
      customer_id: item.customerId,
      conversation_id: item.conversationId,
      session_id: null,
      occurred_at: new Date(),
      initiator_id: item.initiatorId,
      initiator_type: 'API',
      responder_id: null,
      responder_type: null,
      content_type: item.content.type,
      content: JSON.stringify(item.content),
      direction: item.direction,
      delivery_status: null,
      redacted_at: null,
    })
    .execute();
}
