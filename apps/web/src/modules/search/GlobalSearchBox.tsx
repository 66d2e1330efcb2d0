import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { qk } from '../../lib/query-keys';
import { Avatar } from '../../ui/ui';
import { channelLabel } from '../timeline/format';
import s from './GlobalSearchBox.module.css';
import {
  contactsOf,
  customerLabel,
  fetchSearch,
  hrefForConversationHit,
  safeSnippetHtml,
  type TSearchConversationHit,
  type TSearchCustomerHit,
} from './search-api';
import { useDebounced } from './useDebounced';

type TOption =
  | { kind: 'customer'; key: string; href: string; hit: TSearchCustomerHit }
  | { kind: 'conversation'; key: string; href: string; hit: TSearchConversationHit };

const DROPDOWN_LIMIT = 6;

/** The search box in the top bar: results as you type (debounced 150 ms), arrows to move, Enter to open. */
export function GlobalSearchBox() {
  const navigate = useNavigate();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const q = useDebounced(text.trim(), 150);

  const results = useQuery({
    queryKey: [...qk.search(q), 'dropdown'],
    queryFn: () => fetchSearch(q, DROPDOWN_LIMIT),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

  const options = useMemo<TOption[]>(() => {
    if (q.length < 2 || !results.data) return [];
    const customers: TOption[] = results.data.customers.slice(0, DROPDOWN_LIMIT).map((hit) => ({
      kind: 'customer',
      key: `c-${hit.id}`,
      href: `/customers/${encodeURIComponent(hit.id)}`,
      hit,
    }));
    const conversations: TOption[] = results.data.conversations.slice(0, DROPDOWN_LIMIT).map((hit) => ({
      kind: 'conversation',
      key: `i-${hit.itemId}`,
      href: hrefForConversationHit(hit),
      hit,
    }));
    return [...customers, ...conversations];
  }, [q, results.data]);

  const go = (href: string) => {
    setOpen(false);
    setActive(-1);
    inputRef.current?.blur();
    navigate(href);
  };

  const submit = () => {
    const chosen = active >= 0 ? options[active] : undefined;
    if (chosen) go(chosen.href);
    else if (text.trim()) go(`/search?q=${encodeURIComponent(text.trim())}`);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (options.length ? (i + 1) % options.length : -1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape') {
      if (open && text) setOpen(false);
      else {
        setText('');
        inputRef.current?.blur();
      }
    }
  };

  const showDropdown = open && text.trim().length >= 2 && q.length >= 2;
  const customerOptions = options.filter((o) => o.kind === 'customer');
  const conversationOptions = options.filter((o) => o.kind === 'conversation');

  const renderOption = (o: TOption) => {
    const index = options.indexOf(o);
    return (
      <div
        key={o.key}
        id={`${listId}-${index}`}
        role="option"
        tabIndex={-1}
        aria-selected={index === active}
        className={s.option}
        onMouseDown={(e) => e.preventDefault()}
        onMouseEnter={() => setActive(index)}
        onClick={() => go(o.href)}
        onKeyDown={undefined}
      >
        {o.kind === 'customer' ? (
          <>
            <Avatar name={customerLabel(o.hit)} size={24} />
            <div className={s.optionBody}>
              <div className={s.optionTitle}>{customerLabel(o.hit)}</div>
              <div className={s.optionSub}>{contactsOf(o.hit).slice(0, 2).join(' · ')}</div>
            </div>
          </>
        ) : (
          <div className={s.optionBody}>
            <div className={s.optionTitle}>
              {o.hit.customerName || 'Customer'}
              <span className={s.optionSub}>
                {' '}
                · {o.hit.channel ? `${channelLabel(o.hit.channel)} · ` : ''}
                {formatShortDate(o.hit.occurredAt)}
              </span>
            </div>
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: safeSnippetHtml leaves only <mark> tags */}
            <div className={s.optionSub} dangerouslySetInnerHTML={{ __html: safeSnippetHtml(o.hit.snippet) }} />
          </div>
        )}
      </div>
    );
  };

  return (
    <div className={s.wrap}>
      <input
        ref={inputRef}
        data-testid="global-search"
        className={s.input}
        type="search"
        placeholder="Search customers and conversations"
        aria-label="Search customers and conversations"
        role="combobox"
        aria-expanded={showDropdown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showDropdown && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {showDropdown && (
        <div className={s.dropdown} id={listId} role="listbox" aria-label="Search results">
          {results.isPending && <div className={s.empty}>Searching…</div>}
          {results.isError && <div className={s.empty}>Search failed: {results.error.message}</div>}
          {results.data && options.length === 0 && <div className={s.empty}>No matches for “{q}”.</div>}
          {customerOptions.length > 0 && <div className={s.section}>Customers</div>}
          {customerOptions.map(renderOption)}
          {conversationOptions.length > 0 && <div className={s.section}>Conversations</div>}
          {conversationOptions.map(renderOption)}
          <div className={s.footer}>
            <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · Enter with nothing selected shows all results
          </div>
        </div>
      )}
    </div>
  );
}

export function formatShortDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const now = new Date();
  const sameDay = d.toDateString() === now.toDateString();
  if (sameDay) return d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  const sameYear = d.getFullYear() === now.getFullYear();
  return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) });
}
