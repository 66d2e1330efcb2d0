// The web bench's world, written straight into PostgreSQL (one INSERT … SELECT generate_series per table, as
// apps/server/src/seed/seed-bulk.repository.ts does): an inbox the admin belongs to with `inboxConversations` new
// (unassigned, OPEN) conversations of one customer each, and one customer whose timeline holds `items` items across
// `conversations` closed conversations: emails with HTML bodies (a table, a quoted reply), SMS, chat messages and
// internal notes. Ids are fixed ('wb-…'), so a second run finds the data in place and does not seed again.

export const INBOX_ID = 'wb-inbox';
export const TIMELINE_CUSTOMER_ID = 'wb-timeline';

/** The id of the timeline's item number `i` (0 = oldest). */
export const timelineItemId = (i) => `wb-i-${String(i).padStart(6, '0')}`;

export async function seedWebBench(db, { orgId, adminId, items, conversations, inboxConversations }) {
  const have = await db.query(
    `SELECT
       (SELECT count(*) FROM conversation_items WHERE org_id = $1 AND customer_id = $2)::int AS items,
       (SELECT count(*) FROM conversations WHERE org_id = $1 AND inbox_id = $3 AND status <> 'CLOSED')::int AS live`,
    [orgId, TIMELINE_CUSTOMER_ID, INBOX_ID],
  );
  if (have.rows[0].items === items && have.rows[0].live === inboxConversations) return false;

  await db.query('BEGIN');
  try {
    // Start clean: customers cascade to their conversations and items.
    await db.query(`DELETE FROM customers WHERE org_id = $1 AND id LIKE 'wb-%'`, [orgId]);
    await db.query(
      `INSERT INTO inboxes (org_id, id, name, sla_minutes) VALUES ($1, $2, 'Bench inbox', 60)
      ON CONFLICT DO NOTHING`,
      [orgId, INBOX_ID],
    );
    await db.query(`INSERT INTO inbox_members (org_id, inbox_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      orgId,
      INBOX_ID,
      adminId,
    ]);

    // The inbox: one customer per new conversation, each with an inbound email waiting for an answer; a third overdue.
    await db.query(
      `INSERT INTO customers (org_id, id, name, address, created_at, updated_at)
       SELECT $1, 'wb-c-' || g, 'Inbox Customer ' || g, g || ' Bench Street', now() - interval '30 days', now()
       FROM generate_series(1, $2::int) g`,
      [orgId, inboxConversations],
    );
    await db.query(
      `INSERT INTO customer_emails (org_id, customer_id, position, original, normalized, is_primary)
       SELECT $1, 'wb-c-' || g, 0, 'inbox.customer.' || g || '@bench.example', 'inbox.customer.' || g || '@bench.example', true
       FROM generate_series(1, $2::int) g`,
      [orgId, inboxConversations],
    );
    await db.query(
      `INSERT INTO conversations (org_id, id, customer_id, inbox_id, agent_id, status, customer_waiting_since,
         created_at, updated_at, due_at, channel, queued_at, last_inbound_at)
       SELECT $1, 'wb-v-' || g, 'wb-c-' || g, $3, NULL, 'OPEN', now() - make_interval(mins => g),
         now() - make_interval(mins => g), now() - make_interval(mins => g),
         now() - make_interval(mins => g) + CASE WHEN g % 3 = 0 THEN interval '-1 hour' ELSE interval '1 hour' END,
         'EMAIL', now() - make_interval(mins => g), now() - make_interval(mins => g)
       FROM generate_series(1, $2::int) g`,
      [orgId, inboxConversations, INBOX_ID],
    );
    await db.query(
      `INSERT INTO conversation_items (org_id, id, customer_id, conversation_id, occurred_at, initiator_id,
         initiator_type, content_type, content, direction, created_at)
       SELECT $1, 'wb-m-' || g, 'wb-c-' || g, 'wb-v-' || g, now() - make_interval(mins => g), 'wb-c-' || g, 'CUSTOMER',
         'EMAIL', jsonb_build_object('type', 'EMAIL', 'from', 'inbox.customer.' || g || '@bench.example',
           'to', jsonb_build_array('support@bench.example'), 'cc', '[]'::jsonb, 'bcc', '[]'::jsonb,
           'subject', 'Order ' || (1000 + g) || ' has not arrived',
           'content', 'Hello, my order ' || (1000 + g) || ' has not arrived yet. Could you check where it is?',
           'body', '<p>Hello,</p><p>my order <b>' || (1000 + g) || '</b> has not arrived yet. Could you check where it is?</p>',
           'attachments', '[]'::jsonb),
         'INBOUND', now() - make_interval(mins => g)
       FROM generate_series(1, $2::int) g`,
      [orgId, inboxConversations],
    );

    // The timeline customer: `conversations` closed conversations, oldest first, items spread evenly over them.
    const perConversation = Math.ceil(items / conversations);
    await db.query(
      `INSERT INTO customers (org_id, id, name, address, created_at, updated_at)
       VALUES ($1, $2, 'Timeline Customer', '1 Long History Road', now() - interval '400 days', now())`,
      [orgId, TIMELINE_CUSTOMER_ID],
    );
    await db.query(
      `INSERT INTO customer_emails (org_id, customer_id, position, original, normalized, is_primary)
       VALUES ($1, $2, 0, 'timeline.customer@bench.example', 'timeline.customer@bench.example', true)`,
      [orgId, TIMELINE_CUSTOMER_ID],
    );
    await db.query(
      `INSERT INTO customer_phones (org_id, customer_id, position, original, normalized, region_code, is_primary,
         sms_preference, type)
       VALUES ($1, $2, 0, '(201) 555-0100', '+12015550100', 'US', true, 'ON', 'MOBILE')`,
      [orgId, TIMELINE_CUSTOMER_ID],
    );
    await db.query(
      `INSERT INTO conversations (org_id, id, customer_id, inbox_id, agent_id, status, created_at, updated_at, closed_at,
         channel)
       SELECT $1, 'wb-t-' || k, $2, $3, $4, 'CLOSED', now() - make_interval(days => 2 * ($5::int - k)),
         now() - make_interval(days => 2 * ($5::int - k)) + interval '1 day',
         now() - make_interval(days => 2 * ($5::int - k)) + interval '1 day', 'EMAIL'
       FROM generate_series(0, $5::int - 1) k`,
      [orgId, TIMELINE_CUSTOMER_ID, INBOX_ID, adminId, conversations],
    );
    // Item i: conversation i / perConversation; kind by i % 10: 0-3 EMAIL (HTML), 4-5 SMS, 6-8 CHAT, 9 note.
    await db.query(
      `WITH x AS (
         SELECT i, i / $4::int AS k, i % 10 AS kind, i % 2 = 0 AS inbound,
           now() - make_interval(days => 2 * ($5::int - i / $4::int)) + make_interval(mins => (i % $4::int) * 10) AS at
         FROM generate_series(0, $6::int - 1) i
       )
       INSERT INTO conversation_items (org_id, id, customer_id, conversation_id, session_id, occurred_at, initiator_id,
         initiator_type, content_type, content, direction, delivery_status, created_at)
       SELECT $1, 'wb-i-' || lpad(i::text, 6, '0'), $2::text, 'wb-t-' || k,
         CASE WHEN kind BETWEEN 6 AND 8 THEN 'wb-s-' || k END,
         at,
         CASE WHEN kind = 9 OR NOT inbound THEN $3::text ELSE $2::text END,
         CASE WHEN kind = 9 OR NOT inbound THEN 'AGENT' ELSE 'CUSTOMER' END,
         CASE WHEN kind <= 3 THEN 'EMAIL' WHEN kind <= 5 THEN 'SMS' WHEN kind <= 8 THEN 'CHAT_MESSAGE' ELSE 'CONVERSATION_NOTE' END,
         CASE
           WHEN kind <= 3 THEN jsonb_build_object('type', 'EMAIL',
             'from', CASE WHEN inbound THEN 'timeline.customer@bench.example' ELSE 'support@bench.example' END,
             'to', jsonb_build_array(CASE WHEN inbound THEN 'support@bench.example' ELSE 'timeline.customer@bench.example' END),
             'cc', '[]'::jsonb, 'bcc', '[]'::jsonb,
             'subject', CASE WHEN inbound THEN '' ELSE 'Re: ' END || 'Order ' || (20000 + k) || ' question',
             'content', 'Message ' || i || ': about order ' || (20000 + k) || '. The parcel was due on Monday.',
             'body', '<div><p>Hello,</p><p>Message <b>' || i || '</b> about order <a href="https://shop.example/orders/'
               || (20000 + k) || '">#' || (20000 + k) || '</a>. The parcel was due on Monday and the tracking page has '
               || 'not changed since the label was printed. Could you look into it?</p>'
               || '<table style="border-collapse:collapse"><tr><th>Item</th><th>Qty</th><th>Price</th></tr>'
               || '<tr><td>Blue kettle</td><td>1</td><td>$39.00</td></tr>'
               || '<tr><td>Filter pack</td><td>3</td><td>$12.00</td></tr></table>'
               || '<p>Thanks,<br>Timeline Customer</p>'
               || '<blockquote>On Monday, support@bench.example wrote:<br>Your order has shipped and will arrive in '
               || 'three to five business days. You can follow it on the tracking page.</blockquote></div>',
             'attachments', '[]'::jsonb)
           WHEN kind <= 5 THEN jsonb_build_object('type', 'SMS',
             'from', CASE WHEN inbound THEN '+12015550100' ELSE '+12015550199' END,
             'to', CASE WHEN inbound THEN '+12015550199' ELSE '+12015550100' END,
             'content', 'Text ' || i || ': is the courier still coming today?', 'attachments', '[]'::jsonb)
           WHEN kind <= 8 THEN jsonb_build_object('type', 'CHAT_MESSAGE', 'messageType', 'TEXT', 'sessionId', 'wb-s-' || k,
             'content', 'Chat ' || i || ': thanks, I will wait for the update on order ' || (20000 + k) || '.',
             'attachments', '[]'::jsonb)
           ELSE jsonb_build_object('type', 'CONVERSATION_NOTE',
             'body', '<p>Note ' || i || ': checked the carrier, <b>parcel delayed</b> at the depot. Follow up tomorrow.</p>',
             'attachments', '[]'::jsonb)
         END,
         CASE WHEN kind = 9 THEN 'INTERNAL' WHEN inbound THEN 'INBOUND' ELSE 'OUTBOUND' END,
         CASE WHEN kind <> 9 AND NOT inbound THEN 'SENT' END,
         at
       FROM x
       ORDER BY i`,
      [orgId, TIMELINE_CUSTOMER_ID, adminId, perConversation, conversations, items],
    );
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  await db.query('ANALYZE conversation_items, conversations, customers');
  return true;
}
