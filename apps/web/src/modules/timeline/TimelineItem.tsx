import { memo, useMemo, useState } from 'react';
import { channelLabel, formatBytes, formatDateTime, formatDuration, formatTime } from './format';
import { foldedBody } from './html-body';
import { Icon } from './Icon';
import s from './Timeline.module.css';
import type { TAttachment, TParty, TTimelineItem } from './timeline-types';

export interface TPeople {
  customerName: string;
  agentName: (id: string | undefined) => string | undefined;
  topicName: (id: string) => string;
}

const BUBBLE_TYPES = new Set([
  'CHAT_MESSAGE',
  'SMS',
  'WHATSAPP',
  'FACEBOOK_MESSAGE',
  'INSTAGRAM_DIRECT',
  'TWITTER',
  'CUSTOM_CHANNEL',
  'VOICE_AI_MESSAGE',
]);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function partyName(party: TParty | undefined, people: TPeople): string {
  if (!party) return '';
  switch (party.type) {
    case 'CUSTOMER':
      return people.customerName;
    case 'AGENT':
      return people.agentName(party.id) ?? 'Agent';
    case 'API':
      return people.agentName(party.id) ?? 'API';
    case 'AUTOMATION':
      return 'Automation';
    case 'SYSTEM':
      return party.id === 'SIDEKICK_V2' ? 'Gladly AI' : 'System';
    case 'INTERNAL':
    case 'EXTERNAL':
      return party.id ?? 'Participant';
    default:
      return party.type;
  }
}

/** One timeline row for one item; `data-item-type` is the content type (stable for the e2e tests). */
export const TimelineItem = memo(function TimelineItem({ item, people }: { item: TTimelineItem; people: TPeople }) {
  const type = item.content?.type ?? 'UNKNOWN';
  return (
    <div className={s.itemRow} data-testid="timeline-item" data-item-type={type} data-item-id={item.id}>
      <ItemBody item={item} type={type} people={people} />
    </div>
  );
});

function ItemBody({ item, type, people }: { item: TTimelineItem; type: string; people: TPeople }) {
  if (BUBBLE_TYPES.has(type)) return <Bubble item={item} people={people} />;
  switch (type) {
    case 'EMAIL':
      return <EmailCard item={item} people={people} />;
    case 'CONVERSATION_NOTE':
      return <NoteCard item={item} people={people} />;
    case 'CONVERSATION_STATUS_CHANGE':
      return <StatusLine item={item} people={people} />;
    case 'TOPIC_CHANGE':
      return <TopicLine item={item} people={people} />;
    case 'CUSTOMER_ACTIVITY':
      return <ActivityCard item={item} />;
    case 'PHONE_CALL':
    case 'VOICEMAIL':
      return <CallCard item={item} people={people} />;
    case 'TASK':
      return (
        <SystemLine time={item.timestamp}>
          Task: <span className={s.systemStrong}>{str(item.content.body) || 'untitled'}</span>
        </SystemLine>
      );
    default:
      return (
        <SystemLine time={item.timestamp}>
          {partyName(item.initiator, people)} · an item of type <code>{type}</code> that this desktop cannot show
        </SystemLine>
      );
  }
}

function SystemLine({ time, children }: { time: string; children: React.ReactNode }) {
  return (
    <div className={s.systemLine}>
      <span className={s.systemRule} />
      <span className={s.systemText}>
        {children}
        <span className={s.systemTime}> · {formatDateTime(time)}</span>
      </span>
      <span className={s.systemRule} />
    </div>
  );
}

function StatusLine({ item, people }: { item: TTimelineItem; people: TPeople }) {
  const status = str(item.content.status);
  const who = partyName(item.initiator, people);
  const verb = status === 'CLOSED' ? 'closed' : status === 'OPEN' ? 'reopened' : `set to ${status.toLowerCase()}`;
  return (
    <SystemLine time={item.timestamp}>
      Conversation {verb}
      {who ? ` by ${who}` : ''}
    </SystemLine>
  );
}

function TopicLine({ item, people }: { item: TTimelineItem; people: TPeople }) {
  const added = list(item.content.addedTopicIds).map(people.topicName);
  const removed = list(item.content.removedTopicIds).map(people.topicName);
  const who = partyName(item.initiator, people);
  return (
    <SystemLine time={item.timestamp}>
      {who ? `${who} ` : ''}
      {added.length > 0 && (
        <>
          added <span className={s.systemStrong}>{added.join(', ')}</span>
        </>
      )}
      {added.length > 0 && removed.length > 0 && ' and '}
      {removed.length > 0 && (
        <>
          removed <span className={s.systemStrong}>{removed.join(', ')}</span>
        </>
      )}
      {!added.length && !removed.length && 'changed topics'}
    </SystemLine>
  );
}

function bubbleText(item: TTimelineItem): { text: string; files: { name: string; url?: string }[] } {
  const c = item.content;
  if (c.type === 'CUSTOM_CHANNEL') {
    const inner = (c.content ?? {}) as {
      text?: string;
      caption?: string;
      files?: { fileName?: string; url: string }[];
    };
    return {
      text: inner.text ?? inner.caption ?? '',
      files: (inner.files ?? []).map((f) => ({ name: f.fileName || f.url.split('/').pop() || 'file', url: f.url })),
    };
  }
  if (c.type === 'VOICE_AI_MESSAGE') return { text: str(c.body), files: [] };
  let text = str(c.content) || str(c.body);
  if (c.messageType === 'QUICK_REPLY_RESPONSE') {
    const data = (c.messageData ?? {}) as {
      selectedOptionId?: string;
      quickReplyRequest?: { options?: { id: string; label: string }[] };
    };
    const label = data.quickReplyRequest?.options?.find((o) => o.id === data.selectedOptionId)?.label;
    if (label && !text) text = label;
  }
  return { text, files: [] };
}

function Bubble({ item, people }: { item: TTimelineItem; people: TPeople }) {
  const inbound = item.initiator?.type === 'CUSTOMER';
  const { text, files } = bubbleText(item);
  const options =
    item.content.messageType === 'QUICK_REPLY_REQUEST'
      ? (((item.content.messageData ?? {}) as { options?: { id: string; label: string }[] }).options ?? [])
      : [];
  const status = (item.content.status ?? null) as { value?: string } | string | null;
  const statusText = typeof status === 'string' ? status : status?.value;
  return (
    <div className={`${s.bubbleRow} ${inbound ? s.inbound : s.outbound}`}>
      <div className={`${s.bubble} ${inbound ? s.bubbleCustomer : s.bubbleAgent}`}>
        {text && <div className={s.bubbleText}>{text}</div>}
        {options.length > 0 && (
          <div className={s.quickReplies}>
            {options.map((o) => (
              <span key={o.id} className={s.quickReply}>
                {o.label}
              </span>
            ))}
          </div>
        )}
        {files.map((f) => (
          <a key={f.name + (f.url ?? '')} href={f.url} target="_blank" rel="noopener noreferrer" className={s.fileLink}>
            <Icon name="clip" size={12} /> {f.name}
          </a>
        ))}
        <Attachments item={item} />
        {!text && !files.length && !options.length && <div className={s.muted}>(empty message)</div>}
      </div>
      <div className={s.bubbleMeta}>
        {partyName(item.initiator, people)} · {channelLabel(item.content.type)} · {formatTime(item.timestamp)}
        {statusText && statusText !== 'SENT' && statusText !== 'DELIVERED' ? ` · ${statusText.toLowerCase()}` : ''}
      </div>
    </div>
  );
}

/** Sanitized HTML (second, client-side pass) with quoted text folded behind "…". */
export function HtmlBody({ html, text, testId }: { html?: string | null; text?: string; testId?: string }) {
  const parts = useMemo(() => foldedBody(html, text), [html, text]);
  const [open, setOpen] = useState(false);
  return (
    <div className={s.htmlBody} data-testid={testId}>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server and again by DOMPurify */}
      <div dangerouslySetInnerHTML={{ __html: parts.visible }} />
      {parts.quoted !== null &&
        (open ? (
          <>
            <button type="button" className={s.foldButton} onClick={() => setOpen(false)} title="Hide quoted text">
              Hide quoted text
            </button>
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the server and again by DOMPurify */}
            <div className={s.quoted} dangerouslySetInnerHTML={{ __html: parts.quoted }} />
          </>
        ) : (
          <button
            type="button"
            className={s.foldButton}
            onClick={() => setOpen(true)}
            title="Show quoted text"
            aria-label="Show quoted text"
          >
            •••
          </button>
        ))}
    </div>
  );
}

function Attachments({ item }: { item: TTimelineItem }) {
  const attachments = (Array.isArray(item.content.attachments) ? item.content.attachments : []) as TAttachment[];
  if (!attachments.length) return null;
  return (
    <ul className={s.attachments}>
      {attachments.map((a) => (
        <li key={a.id}>
          <a
            href={`/api/v1/conversation-items/${encodeURIComponent(item.id)}/attachments/${encodeURIComponent(a.id)}`}
            target="_blank"
            rel="noopener noreferrer"
            className={s.attachment}
          >
            <Icon name="clip" size={12} /> {a.filename || 'attachment'}
            {a.fileSize !== undefined && <span className={s.muted}> {formatBytes(a.fileSize)}</span>}
          </a>
        </li>
      ))}
    </ul>
  );
}

function EmailCard({ item, people }: { item: TTimelineItem; people: TPeople }) {
  const c = item.content;
  const inbound = item.initiator?.type !== 'AGENT' && item.initiator?.type !== 'API';
  const to = list(c.to);
  const cc = list(c.cc);
  const failed = c.deliveryError as { detail?: string } | undefined;
  return (
    <article className={`${s.card} ${s.email} ${inbound ? s.emailIn : s.emailOut}`}>
      <header className={s.cardHeader}>
        <div className={s.emailSubject}>{str(c.subject) || '(no subject)'}</div>
        <div className={s.cardTime}>{formatDateTime(item.timestamp)}</div>
      </header>
      <dl className={s.emailMeta}>
        <dt>From</dt>
        <dd>
          {partyName(item.initiator, people)}
          {str(c.from) && str(c.from) !== partyName(item.initiator, people) && (
            <span className={s.muted}> &lt;{str(c.from)}&gt;</span>
          )}
        </dd>
        {to.length > 0 && (
          <>
            <dt>To</dt>
            <dd>{to.join(', ')}</dd>
          </>
        )}
        {cc.length > 0 && (
          <>
            <dt>Cc</dt>
            <dd>{cc.join(', ')}</dd>
          </>
        )}
      </dl>
      <HtmlBody html={item.html} text={str(c.content)} testId="email-body" />
      <Attachments item={item} />
      {failed && <div className={s.deliveryError}>Not delivered: {failed.detail ?? 'the relay refused it'}</div>}
    </article>
  );
}

function NoteCard({ item, people }: { item: TTimelineItem; people: TPeople }) {
  return (
    <article className={`${s.card} ${s.note}`}>
      <header className={s.cardHeader}>
        <div className={s.noteLabel}>
          <Icon name="lock" size={12} /> Internal note · {partyName(item.initiator, people)}
        </div>
        <div className={s.cardTime}>{formatDateTime(item.timestamp)}</div>
      </header>
      <HtmlBody html={item.html} text={str(item.content.body)} />
      <Attachments item={item} />
    </article>
  );
}

function ActivityCard({ item }: { item: TTimelineItem }) {
  const c = item.content;
  const [open, setOpen] = useState(c.expandByDefault === true);
  const link = c.link as { url?: string; text?: string } | undefined;
  const safeLink = link?.url && /^https?:\/\//i.test(link.url) ? link.url : undefined;
  return (
    <article className={`${s.card} ${s.activity}`}>
      <button type="button" className={s.activityHeader} onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        <Icon name={c.activityType === 'EMAIL' ? 'mail' : 'activity'} />
        <span className={s.activityType}>{str(c.activityType).toLowerCase() || 'activity'}</span>
        <span className={s.activityTitle}>{str(c.title) || 'Customer activity'}</span>
        {str(c.sourceName) && <span className={s.muted}>{str(c.sourceName)}</span>}
        <span className={s.cardTime}>{formatDateTime(item.timestamp)}</span>
        <Icon name={open ? 'chevronDown' : 'chevronRight'} className={s.chevron} />
      </button>
      {open && (
        <div className={s.activityBody}>
          {str(c.body) && <HtmlBody html={str(c.body)} />}
          {safeLink && (
            <a href={safeLink} target="_blank" rel="noopener noreferrer nofollow">
              {link?.text || safeLink}
            </a>
          )}
        </div>
      )}
    </article>
  );
}

function CallCard({ item, people }: { item: TTimelineItem; people: TPeople }) {
  const c = item.content;
  const voicemail = c.type === 'VOICEMAIL';
  const summary = (c.recordingSummary ?? null) as { status?: string; summary?: string } | null;
  const duration = formatDuration(c.recordingDuration);
  const url = str(c.recordingUrl) || str(c.recordingURL);
  const inbound = item.initiator?.type === 'CUSTOMER';
  return (
    <article className={`${s.card} ${s.call}`}>
      <header className={s.cardHeader}>
        <div className={s.callTitle}>
          <Icon name={voicemail ? 'voicemail' : 'phone'} />{' '}
          {voicemail ? 'Voicemail' : inbound ? 'Inbound call' : 'Outbound call'}
          {!voicemail && (str(c.from) || str(c.to)) && (
            <span className={s.muted}>
              {' '}
              {str(c.from)} → {str(c.to)}
            </span>
          )}
          {!voicemail && item.responder && (
            <span className={s.muted}> · answered by {partyName(item.responder, people)}</span>
          )}
        </div>
        <div className={s.cardTime}>{formatDateTime(item.timestamp)}</div>
      </header>
      <div className={s.callMeta}>
        {duration && <span>Duration {duration}</span>}
        {url && c.recordingStatus !== 'DELETED' && (
          <a href={url} target="_blank" rel="noopener noreferrer">
            Recording
          </a>
        )}
        {c.recordingStatus === 'DELETED' && <span className={s.muted}>Recording deleted</span>}
      </div>
      {summary?.summary && summary.status === 'READY' && <p className={s.callSummary}>{summary.summary}</p>}
    </article>
  );
}
