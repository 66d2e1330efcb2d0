// The shapes of examples/connector (plain JavaScript, loaded at run time) that the connector test uses.

export interface TEvent {
  id: string;
  type: string;
  content: Record<string, string> & { context?: unknown };
}

export type TConnectorResult =
  | { handled: false; reason: string }
  | {
      handled: true;
      conversationId: string;
      inboxId: string;
      customerName: string;
      itemCount: number;
      replyItemId?: string;
      noteId?: string;
      escalatedTo?: string;
    };

type TItem = { id: string; content: { type: string; status?: { value: string } } & Record<string, unknown> };

export interface TGladlyClient {
  request(method: string, path: string, body?: unknown): Promise<{ status: number; data: { content: unknown } }>;
  checkAccess(): Promise<unknown>;
  getItem(itemId: string): Promise<TItem>;
  getConversation(conversationId: string): Promise<{ inboxId: string }>;
  listItems(conversationId: string): Promise<unknown[]>;
  createWebhook(input: { name: string; url: string; events: string[]; credentials?: unknown }): Promise<string>;
}

export interface TConnectorModule {
  GladlyClient: new (options: { baseUrl: string; email: string; token: string }) => TGladlyClient;
  createConnector(options: { client: TGladlyClient; ingestionInboxIds: string[]; escalationInboxId: string }): {
    handleEvent(event: TEvent): Promise<TConnectorResult>;
  };
  LISTENED_EVENTS: string[];
}

export interface TReceiverModule {
  startWebhookReceiver(options: {
    credentials?: { username: string; password: string };
    onEvent(event: TEvent): Promise<void>;
    onError(error: unknown, event: TEvent): void;
  }): Promise<{ url: string; close(): Promise<void> }>;
}
