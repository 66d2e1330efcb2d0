// The conversation token outbound mail carries in its subject, `[#hx-<conversation id>]`, the third threading layer:
// a reply whose client dropped In-Reply-To and References still finds its conversation as long as the subject
// survives. The full id (22 URL-safe base64 characters) is used, never a prefix, so a token can never point at
// another conversation; the `hx-` prefix keeps it apart from other systems' ticket tags such as `[#12345]`.
const TOKEN_PATTERN = /\[#hx-([A-Za-z0-9_-]{22})\]/;
const TOKEN_PATTERN_ALL = /\s*\[#hx-[A-Za-z0-9_-]{22}\]/g;

export function conversationToken(conversationId: string): string {
  return `[#hx-${conversationId}]`;
}

/** The subject with the conversation's token appended once (an existing token of any conversation is replaced). */
export function withConversationToken(subject: string, conversationId: string): string {
  const bare = stripConversationTokens(subject);
  return bare === '' ? conversationToken(conversationId) : `${bare} ${conversationToken(conversationId)}`;
}

/** The conversation id a subject's token names, or null. The first token wins when a thread collected several. */
export function parseConversationToken(subject: string | null | undefined): string | null {
  if (!subject) return null;
  return TOKEN_PATTERN.exec(subject)?.[1] ?? null;
}

/** The subject as a person wrote it: tokens removed, for display. */
export function stripConversationTokens(subject: string): string {
  return subject.replace(TOKEN_PATTERN_ALL, '').trim();
}
