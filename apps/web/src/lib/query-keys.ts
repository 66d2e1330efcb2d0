// Query keys shared by every feature, so the realtime client can invalidate what an event changes without knowing
// the screens. A key starting with one of these prefixes is refetched when the prefix is invalidated.
export const qk = {
  me: ['me'] as const,
  presence: ['presence'] as const,
  currentOffer: ['offer'] as const,
  agentStates: ['agent-states'] as const,
  inboxViews: ['inbox-views'] as const,
  conversationList: (inboxId: string | 'mine', view: string) => ['conversation-list', inboxId, view] as const,
  conversationListAll: ['conversation-list'] as const,
  customer: (customerId: string) => ['customer', customerId] as const,
  timeline: (customerId: string) => ['timeline', customerId] as const,
  conversation: (conversationId: string) => ['conversation', conversationId] as const,
  search: (q: string) => ['search', q] as const,
  settings: (area: string) => ['settings', area] as const,
};
