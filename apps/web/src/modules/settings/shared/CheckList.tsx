import { useState } from 'react';
import { inputClass } from '../../../ui/ui';
import s from '../settings.module.css';

export interface TCheckOption {
  value: string;
  label: string;
  hint?: string;
}

/** A multi-select as a filterable list of checkboxes (members of an inbox, a webhook's events, …). */
export function CheckList({
  label,
  options,
  selected,
  onChange,
  testId,
}: {
  label: string;
  options: readonly TCheckOption[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
  testId?: string;
}) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = needle ? options.filter((o) => `${o.label} ${o.hint ?? ''}`.toLowerCase().includes(needle)) : options;
  const toggle = (value: string) =>
    onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  return (
    <div>
      <div className={s.labelText}>
        {label} <span className={s.muted}>({selected.length} selected)</span>
      </div>
      <div className={s.checkList} data-testid={testId}>
        {options.length > 8 ? (
          <input
            className={`${inputClass} ${s.checkListFilter}`}
            placeholder="Filter…"
            aria-label={`Filter ${label}`}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        ) : null}
        {shown.map((o) => (
          <label key={o.value}>
            <input type="checkbox" checked={selected.includes(o.value)} onChange={() => toggle(o.value)} />
            <span>{o.label}</span>
            {o.hint ? <span className={`${s.muted} ${s.small}`}>{o.hint}</span> : null}
          </label>
        ))}
        {shown.length === 0 ? <div className={`${s.muted} ${s.small}`}>Nothing matches.</div> : null}
      </div>
    </div>
  );
}
