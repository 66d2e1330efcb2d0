// A minimal client for the Gladly REST API v1, as an integration uses it: Basic auth with the API user's email and
// API token. It talks to Gladly or to Hearth alike; only the base URL differs.

/** https://<org>.gladly.com (production) or https://<org>.gladly.qa (sandbox), unless a base URL is given. */
export function gladlyBaseUrl({ baseUrl, subdomain, sandbox = false }) {
  if (baseUrl) return baseUrl.replace(/\/+$/, '');
  if (!subdomain) throw new Error('either baseUrl or subdomain is required');
  return `https://${subdomain}.gladly.${sandbox ? 'qa' : 'com'}`;
}

export class GladlyApiError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} answered ${status}: ${body}`);
    this.status = status;
    this.body = body;
  }
}

export class GladlyClient {
  constructor({ baseUrl, email, token }) {
    this.baseUrl = baseUrl;
    this.authorization = `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
  }

  async request(method, path, body) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: this.authorization,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      redirect: 'manual',
    });
    const text = await response.text();
    if (!response.ok) throw new GladlyApiError(method, path, response.status, text);
    return {
      status: response.status,
      location: response.headers.get('location'),
      data: text ? JSON.parse(text) : undefined,
    };
  }

  /** Validates the connection: 401 means wrong email or token, 403 a user without the API User permission. */
  async checkAccess() {
    return (await this.request('GET', '/api/v1/organization')).data;
  }

  async getCustomer(customerId) {
    return (await this.request('GET', `/api/v1/customer-profiles/${encodeURIComponent(customerId)}`)).data;
  }

  async getConversation(conversationId) {
    return (await this.request('GET', `/api/v1/conversations/${encodeURIComponent(conversationId)}`)).data;
  }

  async listItems(conversationId) {
    return (await this.request('GET', `/api/v1/conversations/${encodeURIComponent(conversationId)}/items`)).data;
  }

  async getItem(itemId) {
    return (await this.request('GET', `/api/v1/conversation-items/${encodeURIComponent(itemId)}`)).data;
  }

  /** Replies on the item's own channel: the reply type echoes the item's `content.type`. Returns the new item id. */
  async reply(item, body) {
    const res = await this.request('POST', `/api/v1/conversation-items/${encodeURIComponent(item.id)}/reply`, {
      content: { type: item.content.type, body },
    });
    return res.location?.split('/').pop();
  }

  async addNote(conversationId, body) {
    const res = await this.request('POST', `/api/v1/conversations/${encodeURIComponent(conversationId)}/notes`, {
      content: { body },
    });
    return res.location?.split('/').pop();
  }

  /** Moves the conversation to another inbox (unassigning the agent), as an escalation does. */
  async reassignToInbox(conversationId, inboxId) {
    await this.request('PATCH', `/api/v1/conversations/${encodeURIComponent(conversationId)}`, {
      assignee: { inboxId },
    });
  }

  async createWebhook({ name, url, events, credentials }) {
    const res = await this.request('POST', '/api/v1/webhooks', { name, url, events, enabled: true, credentials });
    return res.location?.split('/').pop();
  }

  async disableAndDeleteWebhook(webhookId) {
    await this.request('PATCH', `/api/v1/webhooks/${encodeURIComponent(webhookId)}`, { enabled: false });
    await this.request('DELETE', `/api/v1/webhooks/${encodeURIComponent(webhookId)}`);
  }
}
