import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../ui/ui';
import { useShortcut } from '../shortcuts';
import { formatDateTime } from '../timeline/format';
import { displayStatus } from '../timeline/timeline-model';
import type { TTimelineConversation } from '../timeline/timeline-types';
import { TopicPicker } from '../topics/TopicPicker';
import { AssignPicker } from './AssignPicker';
import s from './ConversationBar.module.css';
import { isCustomerWaitingError, useConversationMutations } from './conversation-api';
import { Popover } from './Popover';

const STATUS_CLASS: Record<string, string | undefined> = {
  New: s.statusNew,
  OPEN: s.statusOpen,
  WAITING: s.statusWaiting,
  CLOSED: s.statusClosed,
};

/** The conversation being worked on: status, assignee, topics, and what the agent can do with it. */
export function ConversationBar({
  customerId,
  conversation,
}: {
  customerId: string;
  conversation: TTimelineConversation | null;
}) {
  const navigate = useNavigate();
  const conversationId = conversation?.id ?? null;
  const m = useConversationMutations(customerId, conversationId);
  const [picker, setPicker] = useState<'assign' | 'topics' | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; next: boolean } | null>(null);
  const closed = conversation?.status === 'CLOSED';
  const appliedIds = useMemo(() => new Set((conversation?.topics ?? []).map((t) => t.id)), [conversation?.topics]);
  const busy = m.setStatus.isPending || m.closeAndNext.isPending || m.noReplyNeeded.isPending || m.assign.isPending;

  const close = useCallback(
    (force = false) => {
      if (!conversationId || closed) return;
      setRefusal(null);
      m.setStatus.mutate(
        { value: 'CLOSED', force },
        { onError: (error) => setRefusal({ message: error.message, next: false }) },
      );
    },
    [conversationId, closed, m.setStatus],
  );
  const closeAndNext = useCallback(
    (force = false) => {
      if (!conversationId || closed) return;
      setRefusal(null);
      m.closeAndNext.mutate(force, {
        onError: (error) => setRefusal({ message: error.message, next: true }),
        onSuccess: (next) => {
          if (next?.customerId)
            navigate(
              `/customers/${encodeURIComponent(next.customerId)}${next.conversationId ? `?conversation=${encodeURIComponent(next.conversationId)}` : ''}`,
            );
          else navigate('/inbox/mine');
        },
      });
    },
    [conversationId, closed, m.closeAndNext, navigate],
  );
  const reopen = () => {
    if (!conversationId) return;
    setRefusal(null);
    m.setStatus.mutate({ value: 'OPEN' }, { onError: (error) => setRefusal({ message: error.message, next: false }) });
  };
  const noReplyNeeded = () => {
    if (conversationId && !closed) m.noReplyNeeded.mutate();
  };

  const enabled = !!conversationId;
  useShortcut('c', () => close(), {
    description: 'Close conversation',
    scope: 'Conversation',
    enabled: enabled && !closed,
  });
  useShortcut('shift+c', () => closeAndNext(), {
    description: 'Close & Next',
    scope: 'Conversation',
    enabled: enabled && !closed,
  });
  useShortcut('t', () => setPicker('topics'), { description: 'Add or remove topics', scope: 'Conversation', enabled });
  useShortcut('e', noReplyNeeded, {
    description: 'No Reply Needed',
    scope: 'Conversation',
    enabled: enabled && !closed,
  });

  if (!conversation) {
    return (
      <div className={s.bar}>
        <div className={s.summary}>
          <span className={s.muted}>No conversation with this customer yet. Replies start a new one.</span>
        </div>
      </div>
    );
  }
  const status = displayStatus(conversation);

  return (
    <div className={s.bar}>
      <div className={s.summary}>
        <span className={`${s.status} ${STATUS_CLASS[status] ?? ''}`} data-testid="conversation-status">
          {status}
        </span>
        <div className={s.assigneeWrap}>
          <button
            type="button"
            className={s.assignee}
            data-testid="action-assign"
            onClick={() => setPicker(picker === 'assign' ? null : 'assign')}
            disabled={closed}
            title={closed ? 'Reopen the conversation to reassign it' : 'Assign or transfer'}
            aria-haspopup="dialog"
            aria-expanded={picker === 'assign'}
          >
            <span className={s.assigneeInbox}>{conversation.inboxName || 'No inbox'}</span>
            <span className={s.assigneeAgent}>{conversation.agentName || 'Unassigned'}</span>
            <span className={s.caret} aria-hidden="true">
              ▾
            </span>
          </button>
          <Popover open={picker === 'assign'} onClose={() => setPicker(null)} label="Assign conversation">
            <AssignPicker
              current={conversation}
              onPick={(assignee) => {
                setPicker(null);
                m.assign.mutate(assignee);
              }}
            />
          </Popover>
        </div>
        {conversation.dueAt && !closed && (
          <span className={s.muted} title="Due">
            Due {formatDateTime(conversation.dueAt)}
          </span>
        )}
        <div className={s.actions}>
          {closed ? (
            <Button data-testid="action-reopen" onClick={reopen} disabled={busy}>
              Reopen
            </Button>
          ) : (
            <>
              <Button
                data-testid="action-nrn"
                variant="ghost"
                onClick={noReplyNeeded}
                disabled={busy}
                title="No Reply Needed: the customer's last message needs no answer (e)"
              >
                No Reply Needed
              </Button>
              <Button data-testid="action-close" onClick={() => close()} disabled={busy} title="Close (c)">
                Close
              </Button>
              <Button
                data-testid="action-close-next"
                variant="primary"
                onClick={() => closeAndNext()}
                disabled={busy}
                title="Close and take the next conversation (Shift+C)"
              >
                Close &amp; Next
              </Button>
            </>
          )}
        </div>
      </div>
      <div className={s.topicsRow}>
        <div className={s.topics} data-testid="conversation-topics">
          {(conversation.topics ?? []).map((t) => (
            <span key={t.id} className={s.chip}>
              {t.name}
              <button
                type="button"
                className={s.chipRemove}
                aria-label={`Remove topic ${t.name}`}
                title={`Remove ${t.name}`}
                onClick={() => m.removeTopic.mutate(t.id)}
              >
                ×
              </button>
            </span>
          ))}
        </div>
        <div className={s.assigneeWrap}>
          <button
            type="button"
            className={s.addTopic}
            data-testid="action-topics"
            onClick={() => setPicker(picker === 'topics' ? null : 'topics')}
            aria-haspopup="dialog"
            aria-expanded={picker === 'topics'}
            title="Topics (t)"
          >
            {(conversation.topics ?? []).length ? '+ Topic' : '+ Add topic'}
          </button>
          <Popover open={picker === 'topics'} onClose={() => setPicker(null)} label="Topics">
            <TopicPicker
              appliedIds={appliedIds}
              busy={m.addTopic.isPending || m.removeTopic.isPending}
              onToggle={(topicId, apply) => (apply ? m.addTopic.mutate(topicId) : m.removeTopic.mutate(topicId))}
            />
          </Popover>
        </div>
      </div>
      {refusal && (
        <div className={s.refusal} role="alert">
          <span>{refusal.message}</span>
          {isCustomerWaitingError(refusal.message) && (
            <Button size="small" variant="danger" onClick={() => (refusal.next ? closeAndNext(true) : close(true))}>
              Close anyway
            </Button>
          )}
          {/topic/i.test(refusal.message) && (
            <Button size="small" onClick={() => setPicker('topics')}>
              Add a topic
            </Button>
          )}
          <button type="button" className={s.dismiss} onClick={() => setRefusal(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
    </div>
  );
}
