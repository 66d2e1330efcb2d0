import { useEffect, useMemo, useState } from 'react';
import { Spinner } from '../../ui/ui';
import { moveActive } from '../conversation-actions/Popover';
import s from './TopicPicker.module.css';
import { topicRows } from './topic-tree';
import { useTopics } from './topics-api';

/**
 * Search box over the topic tree. Enter or a click toggles the highlighted topic; ancestors shown only for context
 * (they did not match the search) stay selectable. Each `topic-option`'s text is exactly the topic's name.
 */
export function TopicPicker({
  appliedIds,
  onToggle,
  busy,
}: {
  appliedIds: ReadonlySet<string>;
  onToggle: (topicId: string, apply: boolean) => void;
  busy?: boolean;
}) {
  const topics = useTopics();
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(-1);
  const rows = useMemo(() => topicRows(topics.data ?? [], search), [topics.data, search]);
  const toggle = (id: string) => onToggle(id, !appliedIds.has(id));
  // While searching, Enter applies the first real match (not an ancestor shown for context).
  const firstMatch = search ? rows.findIndex((r) => r.matches) : -1;
  useEffect(() => setActive(firstMatch), [firstMatch]);

  return (
    <div className={s.picker}>
      <input
        className={s.search}
        placeholder="Search topics"
        aria-label="Search topics"
        value={search}
        // biome-ignore lint/a11y/noAutofocus: the picker opens to be typed into
        autoFocus
        onChange={(e) => {
          setSearch(e.target.value);
        }}
        onKeyDown={(e) => {
          const next = moveActive(e.key, active, rows.length);
          if (next !== null) {
            e.preventDefault();
            setActive(next);
            document.getElementById(`topic-option-${next}`)?.scrollIntoView({ block: 'nearest' });
          } else if (e.key === 'Enter') {
            e.preventDefault();
            const row = rows[active];
            if (row) toggle(row.topic.id);
          }
        }}
      />
      <div className={s.list} role="listbox" aria-label="Topics" aria-multiselectable="true">
        {topics.isPending && (
          <div className={s.empty}>
            <Spinner label="Loading topics" />
          </div>
        )}
        {topics.isError && <div className={s.empty}>Could not load topics: {topics.error.message}</div>}
        {topics.data && rows.length === 0 && (
          <div className={s.empty}>{search ? `No topic matches “${search}”.` : 'No topics are defined yet.'}</div>
        )}
        {rows.map((row, i) => (
          <div
            key={row.topic.id}
            id={`topic-option-${i}`}
            data-testid="topic-option"
            role="option"
            tabIndex={-1}
            aria-selected={appliedIds.has(row.topic.id)}
            aria-disabled={busy}
            title={row.path}
            className={`${s.option} ${i === active ? s.active : ''} ${row.matches ? '' : s.context}`}
            style={{ paddingLeft: 12 + row.depth * 18 }}
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => toggle(row.topic.id)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') toggle(row.topic.id);
            }}
          >
            {row.topic.name}
          </div>
        ))}
      </div>
      <div className={s.hint}>↑ ↓ to move · Enter to add or remove · Esc to close</div>
    </div>
  );
}
