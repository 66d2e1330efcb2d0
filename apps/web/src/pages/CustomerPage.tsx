import { useCallback, useEffect, useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Composer } from '../modules/composer/Composer';
import { ConversationBar } from '../modules/conversation-actions/ConversationBar';
import { useAgents } from '../modules/conversation-actions/directory';
import s from '../modules/customer/CustomerView.module.css';
import { customerDisplayName, ProfilePanel } from '../modules/customer/ProfilePanel';
import { Timeline } from '../modules/timeline/Timeline';
import type { TPeople } from '../modules/timeline/TimelineItem';
import { CustomerMovedError, useTimeline } from '../modules/timeline/timeline-api';
import { pickActiveConversation } from '../modules/timeline/timeline-model';
import { useTopics } from '../modules/topics/topics-api';
import { useViewing } from '../realtime';
import { Spinner } from '../ui/ui';

/** /customers/:customerId?conversation=<id> — the profile, the whole timeline, the conversation's actions. */
export function CustomerPage() {
  const { customerId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const requestedConversation = params.get('conversation');
  const { query, head, items } = useTimeline(customerId);
  const agents = useAgents();
  const topics = useTopics();

  // A merged customer: follow it to the profile it became.
  useEffect(() => {
    if (query.error instanceof CustomerMovedError)
      navigate(`/customers/${encodeURIComponent(query.error.newCustomerId)}${window.location.search}`, {
        replace: true,
      });
  }, [query.error, navigate]);

  const conversations = head?.conversations ?? [];
  const active = useMemo(
    () => pickActiveConversation(conversations, requestedConversation),
    [conversations, requestedConversation],
  );
  useViewing({ conversationIds: active ? [active.id] : [], customerIds: customerId ? [customerId] : [] });

  const selectConversation = useCallback(
    (id: string) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          next.set('conversation', id);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const agentNames = useMemo(() => new Map((agents.data ?? []).map((a) => [a.id, a.name])), [agents.data]);
  const topicNames = useMemo(() => new Map((topics.data ?? []).map((t) => [t.id, t.name])), [topics.data]);
  const customerName = customerDisplayName(head?.customer);
  const people = useMemo<TPeople>(
    () => ({
      customerName,
      agentName: (id) => (id ? agentNames.get(id) : undefined),
      topicName: (id) => topicNames.get(id) ?? 'a topic',
    }),
    [customerName, agentNames, topicNames],
  );
  const conversationHasEmail = useMemo(
    () => !!active && items.some((i) => i.conversationId === active.id && i.content?.type === 'EMAIL'),
    [items, active],
  );
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = query;
  const loadOlder = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);

  useEffect(() => {
    if (head?.customer) document.title = `${customerName} · Hearth`;
  }, [head?.customer, customerName]);

  if (query.isPending || query.error instanceof CustomerMovedError)
    return (
      <div className={s.page}>
        <div className={s.state}>
          <Spinner label="Loading customer" />
        </div>
      </div>
    );
  if (query.isError || !head)
    return (
      <div className={s.page}>
        <div className={s.state}>
          <h2>
            {query.error && 'status' in query.error && query.error.status === 404
              ? 'Customer not found'
              : 'Could not load this customer'}
          </h2>
          <p>{query.error?.message}</p>
          <Link to="/inbox/mine">Back to my conversations</Link>
        </div>
      </div>
    );

  return (
    <div className={s.page}>
      <ProfilePanel
        profile={head.customer}
        conversations={conversations}
        activeConversationId={active?.id ?? null}
        onSelectConversation={selectConversation}
      />
      <div className={s.centre}>
        <ConversationBar customerId={customerId} conversation={active} />
        <Timeline
          customerId={customerId}
          conversations={conversations}
          items={items}
          hasOlder={!!hasNextPage}
          loadingOlder={isFetchingNextPage}
          loadOlder={loadOlder}
          activeConversationId={active?.id ?? null}
          focusConversationId={requestedConversation}
          onSelectConversation={selectConversation}
          people={people}
        />
        <Composer
          customerId={customerId}
          conversationId={active?.id ?? null}
          reachableChannels={head.reachableChannels ?? []}
          lastUsedChannel={head.lastUsedChannel ?? null}
          conversationHasEmail={conversationHasEmail}
        />
      </div>
    </div>
  );
}
