import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { qk } from '../lib/query-keys';
import s from '../modules/search/SearchPage.module.css';
import {
  contactsOf,
  customerLabel,
  fetchSearch,
  hrefForConversationHit,
  safeSnippetHtml,
} from '../modules/search/search-api';
import { useDebounced } from '../modules/search/useDebounced';
import { channelLabel, formatDateTime } from '../modules/timeline/format';
import { Avatar, Button, Spinner } from '../ui/ui';

const SEARCH_LIMIT = 50;

/** /search?q= — every customer and conversation message matching the words, best first. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  // Typing here refines the results as you go; the URL follows so the page can be shared and reloaded.
  const typed = useDebounced(text.trim(), 250);
  useEffect(() => {
    if (typed !== q) setParams(typed ? { q: typed } : {}, { replace: true });
  }, [typed, q, setParams]);

  const results = useQuery({
    queryKey: qk.search(q),
    queryFn: () => fetchSearch(q, SEARCH_LIMIT),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    document.title = q ? `“${q}” · Search · Hearth` : 'Search · Hearth';
  }, [q]);

  const customers = results.data?.customers ?? [];
  const conversations = results.data?.conversations ?? [];

  return (
    <div className={s.page}>
      <form
        className={s.form}
        aria-label="Search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(text.trim() ? { q: text.trim() } : {});
        }}
      >
        <input
          className={s.input}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Search customers and conversations"
          aria-label="Search"
          // biome-ignore lint/a11y/noAutofocus: the search page exists to be typed into
          autoFocus={!q}
        />
        <Button type="submit" variant="primary">
          Search
        </Button>
      </form>

      {!q && <div className={s.empty}>Search by name, email, phone number or words from a conversation.</div>}
      {q && results.isPending && (
        <div className={s.empty}>
          <Spinner label="Searching" />
        </div>
      )}
      {q && results.isError && <div className={s.empty}>Search failed: {results.error.message}</div>}
      {q && results.data && (
        <>
          <div className={s.summary}>
            {customers.length + conversations.length === 0
              ? `Nothing matches “${q}”.`
              : `${customers.length}${customers.length >= SEARCH_LIMIT ? '+' : ''} customer${customers.length === 1 ? '' : 's'} and ${conversations.length}${conversations.length >= SEARCH_LIMIT ? '+' : ''} message${conversations.length === 1 ? '' : 's'} match “${q}”.`}
          </div>
          {customers.length > 0 && (
            <section className={s.section}>
              <h2 className={s.sectionTitle}>Customers</h2>
              <ul className={s.list}>
                {customers.map((c) => (
                  <li key={c.id}>
                    <Link
                      to={`/customers/${encodeURIComponent(c.id)}`}
                      className={s.result}
                      data-testid="search-result"
                      data-customer-id={c.id}
                    >
                      <Avatar name={customerLabel(c)} size={32} />
                      <div className={s.resultBody}>
                        <div className={s.title}>{customerLabel(c)}</div>
                        <div className={s.sub}>{contactsOf(c).slice(0, 4).join(' · ')}</div>
                      </div>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {conversations.length > 0 && (
            <section className={s.section}>
              <h2 className={s.sectionTitle}>Conversations</h2>
              <ul className={s.list}>
                {conversations.map((hit) => (
                  <li key={hit.itemId}>
                    <Link
                      to={hrefForConversationHit(hit)}
                      className={s.result}
                      data-testid="search-result"
                      data-customer-id={hit.customerId}
                      data-conversation-id={hit.conversationId ?? undefined}
                    >
                      <div className={s.resultBody}>
                        <div>
                          <span className={s.title}>{hit.customerName || 'Customer'}</span>
                          {hit.channel && <span className={s.channel}>{channelLabel(hit.channel)}</span>}
                          <span className={s.sub}> · {formatDateTime(hit.occurredAt)}</span>
                        </div>
                        <div
                          className={s.snippet}
                          // biome-ignore lint/security/noDangerouslySetInnerHtml: safeSnippetHtml leaves only <mark>
                          dangerouslySetInnerHTML={{ __html: safeSnippetHtml(hit.snippet) }}
                        />
                      </div>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
