// The connector's logic: listen to message events, keep only conversations in the ingestion inboxes, read the
// customer, the conversation and its items, then answer, note and escalate as the agent decides.

export const LISTENED_EVENTS = ['CONTACT/MESSAGE_RECEIVED'];

/**
 * The default "AI": acknowledge every message, and hand the conversation to people when the customer asks for
 * one. Real connectors plug their model in here; it gets everything the connector read.
 */
export function defaultDecide({ customer, message }) {
  const text = messageText(message);
  const wantsHuman = /\b(human|person|agent|escalate)\b/i.test(text);
  const name = customer.name ? ` ${customer.name}` : '';
  return {
    reply: wantsHuman
      ? `Thanks${name}, I am handing you over to our team now.`
      : `Thanks${name}, we received your message: "${text.slice(0, 200)}"`,
    note: `Connector read ${JSON.stringify(text.slice(0, 200))}${wantsHuman ? '; customer asked for a person' : ''}.`,
    escalate: wantsHuman,
  };
}

/** The text of a customer message, whatever its channel. */
export function messageText(item) {
  const c = item?.content ?? {};
  if (typeof c.content === 'string') return c.content;
  if (c.content && typeof c.content.text === 'string') return c.content.text;
  if (c.content && typeof c.content.caption === 'string') return c.content.caption;
  return typeof c.body === 'string' ? c.body : '';
}

/**
 * `handleEvent` returns what it did, so callers can log or check it:
 * {handled: false, reason} or {handled: true, conversationId, replyItemId, noteId, escalatedTo}.
 */
export function createConnector({ client, ingestionInboxIds = [], escalationInboxId, decide = defaultDecide }) {
  const inboxes = new Set(ingestionInboxIds);

  async function inboxOf(event) {
    const fromContext = event.content?.context?.assignee?.inboxId;
    if (fromContext) return fromContext;
    // Not every event carries context: the conversation says where it is now.
    return (await client.getConversation(event.content.conversationId)).inboxId;
  }

  async function handleEvent(event) {
    if (!LISTENED_EVENTS.includes(event.type)) return { handled: false, reason: `ignored event type ${event.type}` };
    const { conversationId, customerId, messageId } = event.content;
    const inboxId = await inboxOf(event);
    if (inboxes.size > 0 && !inboxes.has(inboxId)) {
      return {
        handled: false,
        reason: `conversation ${conversationId} is in inbox ${inboxId}, not an ingestion inbox`,
      };
    }
    const [customer, conversation, items] = await Promise.all([
      client.getCustomer(customerId),
      client.getConversation(conversationId),
      client.listItems(conversationId),
    ]);
    const message = items.find((item) => item.id === messageId) ?? (await client.getItem(messageId));
    const decision = await decide({ customer, conversation, items, message });
    const result = { handled: true, conversationId, inboxId, customerName: customer.name, itemCount: items.length };
    if (decision.reply) result.replyItemId = await client.reply(message, decision.reply);
    if (decision.note) result.noteId = await client.addNote(conversationId, decision.note);
    if (decision.escalate && escalationInboxId) {
      await client.reassignToInbox(conversationId, escalationInboxId);
      result.escalatedTo = escalationInboxId;
    }
    return result;
  }

  return { handleEvent };
}
