// The words the demo organization is made of. Plain data: the repositories turn it into rows.

export const DEMO_ORG = { slug: 'demo', name: 'Hearth Demo Co.', timezone: 'America/Los_Angeles' } as const;

/** `{slug}` is replaced by the org's slug so that a second seeded org gets addresses of its own. */
export const DEMO_ADDRESSES = {
  admin: 'admin@{slug}.example.com',
  apiUser: 'api@{slug}.example.com',
  support: 'support@{slug}.example.com',
  agentDomain: '{slug}.example.com',
  /** Fictional (555-01xx) number the SMS channel answers on. */
  smsNumber: '+14155550123',
} as const;

export type TChannel = 'EMAIL' | 'CHAT' | 'SMS';

export const DEMO_INBOXES: { key: TChannel; name: string; slaMinutes: number }[] = [
  { key: 'EMAIL', name: 'Email Support', slaMinutes: 24 * 60 },
  { key: 'CHAT', name: 'Chat', slaMinutes: 2 },
  { key: 'SMS', name: 'SMS', slaMinutes: 30 },
];

/** `inboxes` lists the channels an agent works; `team` indexes DEMO_TEAMS. */
export const DEMO_AGENTS: { name: string; inboxes: TChannel[]; team: number }[] = [
  { name: 'Avery Chen', inboxes: ['EMAIL', 'CHAT', 'SMS'], team: 0 },
  { name: 'Jordan Rivera', inboxes: ['EMAIL', 'CHAT'], team: 0 },
  { name: 'Priya Natarajan', inboxes: ['CHAT', 'SMS'], team: 0 },
  { name: 'Marcus Johnson', inboxes: ['EMAIL'], team: 0 },
  { name: 'Sofia Rossi', inboxes: ['EMAIL', 'SMS'], team: 1 },
  { name: 'Kenji Watanabe', inboxes: ['CHAT'], team: 1 },
  { name: 'Amara Okafor', inboxes: ['EMAIL', 'CHAT', 'SMS'], team: 1 },
  { name: 'Lucas Moreau', inboxes: ['EMAIL'], team: 2 },
  { name: 'Hannah Schmidt', inboxes: ['EMAIL', 'SMS'], team: 2 },
  { name: 'Diego Alvarez', inboxes: ['CHAT', 'SMS'], team: 2 },
];

export const DEMO_TEAMS = [
  { name: 'Tier 1', description: 'First line: every channel, every question' },
  { name: 'Tier 2', description: 'Escalations and the tricky ones' },
  { name: 'Billing Specialists', description: 'Refunds, invoices and payment problems' },
];

/** Two levels: the parents are the areas, the children the questions agents actually tag. */
export const DEMO_TOPICS: { name: string; children: string[] }[] = [
  { name: 'Orders', children: ['Where is my order', 'Change an order', 'Cancel an order'] },
  { name: 'Returns', children: ['Start a return', 'Damaged item', 'Exchange'] },
  { name: 'Billing', children: ['Refund status', 'Double charge', 'Invoice request'] },
  { name: 'Account', children: ['Password reset', 'Update details', 'Close account'] },
  { name: 'Product', children: ['Sizing', 'Availability', 'Care instructions'] },
];

export const DEMO_AUDIENCES = ['Customers', 'VIP', 'Wholesale'];

export const FIRST_NAMES = (
  'Olivia Liam Emma Noah Ava Elijah Sophia Mateo Isabella Lucas Mia Levi Amelia Ethan Harper James ' +
  'Evelyn Benjamin Luna Henry Camila Sebastian Gianna Jack Aria Aiden Scarlett Owen Chloe Samuel Layla ' +
  'Wyatt Nora Julian Zoe Leo Riley Ezra Hazel Hudson Aurora Grayson Nova Isaac Ellie Kai Maya Yusuf ' +
  'Fatima Wei Mei Arjun Ananya Tomás Lucía Kwame Ama Sven Ingrid Rahul'
).split(' ');

export const LAST_NAMES = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez ' +
  'Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark ' +
  'Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams ' +
  'Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Kim Patel Singh Okafor Mensah Larsen ' +
  'Novak Kowalski Rossi Tanaka'
).split(' ');

export const CITIES = (
  'Portland, OR|Austin, TX|Denver, CO|Chicago, IL|Brooklyn, NY|Oakland, CA|Seattle, WA|Atlanta, GA|' +
  'Madison, WI|Raleigh, NC|Boston, MA|Phoenix, AZ'
).split('|');

/** A customer's opening message and its subject; `{first}` in agent text becomes the customer's first name. */
export const ISSUES: { subject: string; opener: string; reply: string }[] = [
  {
    subject: 'Where is my order?',
    opener: "Hi, I ordered a week ago and the tracking page hasn't changed in three days. Can you check on it?",
    reply:
      'Hi {first}, thanks for reaching out! The carrier had a delay at the hub; your package is moving again and should arrive by Thursday.',
  },
  {
    subject: 'Wrong size delivered',
    opener: 'The jacket I received is a medium but I ordered a large. How do I swap it?',
    reply: "Sorry about that, {first}! I've sent a prepaid return label to your email and reserved a large for you.",
  },
  {
    subject: 'Charged twice',
    opener: 'I see two charges for the same order on my card statement. Please help.',
    reply:
      "Hi {first}, you're right, the second charge was a duplicate authorization. I've voided it; it disappears within 3 business days.",
  },
  {
    subject: 'Refund status',
    opener: "I returned my boots two weeks ago and haven't seen the refund yet.",
    reply:
      'Thanks for your patience, {first}. The warehouse received the boots yesterday and the refund has been issued today.',
  },
  {
    subject: 'Cancel my order',
    opener: 'Can I still cancel the order I placed this morning? I ordered the wrong color.',
    reply: "Done, {first}! The order was cancelled before it shipped, so you won't be charged.",
  },
  {
    subject: 'Password reset not arriving',
    opener: 'I keep requesting a password reset but the email never shows up.',
    reply: 'Hi {first}, your address had a typo on file. I fixed it and sent a fresh reset link.',
  },
  {
    subject: 'Item arrived damaged',
    opener: 'My mug arrived in pieces. The box was crushed. Attaching a photo.',
    reply:
      "Oh no, I'm sorry {first}! A replacement ships today at no cost, and there's no need to send the broken one back.",
  },
  {
    subject: 'Is this back in stock?',
    opener: 'Will the green wool sweater be back in stock in size small?',
    reply: "Good news, {first}: we restock on the 15th. I've added you to the notification list.",
  },
  {
    subject: 'Change shipping address',
    opener: "I'm moving this weekend. Can you change the delivery address on my order?",
    reply: "No problem, {first}. I've updated the address; the new tracking link is in your inbox.",
  },
  {
    subject: 'Invoice for my company',
    opener: 'I need an invoice with our company VAT number for last month’s order.',
    reply: 'Hi {first}, the invoice with your VAT number is attached to this message.',
  },
  {
    subject: 'How do I wash this?',
    opener: 'Can the linen shirt go in the dryer or will it shrink?',
    reply: 'Great question, {first}! Cold wash and hang to dry; a low tumble is fine but may shrink it slightly.',
  },
  {
    subject: 'Promo code not working',
    opener: "The code from your newsletter says it's expired but the email says it's valid until Sunday.",
    reply: "Sorry for the trouble, {first}. I've applied the discount to your order manually.",
  },
];

export const FOLLOW_UPS = [
  'Thanks! One more question: do you ship to Canada?',
  'Perfect, thank you. Will I get an email when it ships?',
  "Great, that's really helpful. Can I also change the gift message?",
  'Okay, thanks. How long does that usually take?',
  "Thanks for the quick answer! I'll keep an eye out.",
  'Appreciate it. Is there anything else I need to do?',
];

export const CLOSINGS = [
  "You're welcome, {first}! Yes, and you'll get an email as soon as it's on its way. Have a great day!",
  'Happy to help, {first}. Nothing else needed on your side. Take care!',
  'Anytime, {first}! Usually 2–3 business days. Let us know if anything else comes up.',
  'Of course, {first}. All set on our end. Enjoy!',
];

export const NOTES = [
  'Customer is a repeat buyer; offered free express shipping as a goodwill gesture.',
  'Checked with the warehouse: the parcel was scanned at the regional hub this morning.',
  'Escalated to Tier 2 because the carrier claim needs a supervisor.',
  'Refund approved by Billing. Follow up if it does not show within 5 days.',
  'Customer prefers SMS over email for updates.',
  'Possible fraud flag on the card; verified identity by phone, all good.',
];

export const TASKS = [
  'Call the customer back about the replacement shipment',
  'Confirm the refund landed and close the loop',
  'Send the corrected invoice with the VAT number',
  'Check the restock date and let the customer know',
  'Follow up with the carrier about the damaged parcel claim',
  'Verify the new shipping address before the order leaves the warehouse',
];

export const TASK_COMMENTS = [
  'Left a voicemail; will try again tomorrow morning.',
  'Carrier says the claim is approved.',
  'Customer confirmed by email, all good.',
];
