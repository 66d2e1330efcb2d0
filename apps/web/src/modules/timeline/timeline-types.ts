// Shapes of GET /api/internal/customers/:customerId/timeline (see docs/DESKTOP.md).

export interface TEmailAddress {
  original: string;
  normalized?: string;
  primary?: boolean;
}

export interface TPhoneNumber {
  original: string;
  normalized?: string;
  primary?: boolean;
  smsPreference?: 'ON' | 'OFF' | 'FORBIDDEN' | string;
  type?: 'HOME' | 'MOBILE' | 'OFFICE' | string;
  regionCode?: string;
  extension?: string;
}

export interface TCustomerProfile {
  id: string;
  name?: string | null;
  image?: string | null;
  address?: string | null;
  emails?: TEmailAddress[];
  phones?: TPhoneNumber[];
  customAttributes?: Record<string, string>;
  externalCustomerId?: string | null;
  externalCustomerIds?: Record<string, string>;
  createdAt?: string;
  [key: string]: unknown;
}

export interface TTopicRef {
  id: string;
  name: string;
}

export interface TTimelineConversation {
  id: string;
  status: 'OPEN' | 'WAITING' | 'CLOSED' | string;
  /** The desktop's four statuses: NEW / OPEN / WAITING / CLOSED. */
  uiStatus?: string | null;
  inboxId?: string | null;
  inboxName?: string | null;
  agentId?: string | null;
  agentName?: string | null;
  topics?: TTopicRef[];
  createdAt: string;
  closedAt?: string | null;
  dueAt?: string | null;
}

export interface TParty {
  id?: string;
  type: string;
}

export interface TAttachment {
  id: string;
  contentType?: string;
  filename?: string;
  fileSize?: number;
}

export interface TTimelineItem {
  id: string;
  customerId: string;
  conversationId?: string | null;
  sessionId?: string;
  timestamp: string;
  initiator: TParty;
  responder?: TParty;
  content: { type: string; [key: string]: unknown };
  /** Server-sanitized HTML for EMAIL and CONVERSATION_NOTE. */
  html?: string | null;
}

export interface TTimelinePage {
  customer: TCustomerProfile;
  conversations: TTimelineConversation[];
  items: TTimelineItem[];
  nextCursor?: string | null;
  reachableChannels?: string[];
  lastUsedChannel?: string | null;
}
