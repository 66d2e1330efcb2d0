import { useState } from 'react';
import { inputClass } from '../../../ui/ui';
import { splitList } from '../routing/boost-conditions';

/** A comma-separated list typed as text; the parsed list is reported on every keystroke, the text kept as typed. */
export function ListInput({
  value,
  onChange,
  label,
  placeholder,
}: {
  value: readonly string[];
  onChange: (next: string[]) => void;
  label: string;
  placeholder?: string;
}) {
  const [text, setText] = useState(value.join(', '));
  return (
    <input
      className={inputClass}
      aria-label={label}
      placeholder={placeholder}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(splitList(e.target.value));
      }}
    />
  );
}
