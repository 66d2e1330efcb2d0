import type { ReactNode } from 'react';
import { Button } from '../../../ui/ui';
import s from '../settings.module.css';
import { fieldErrors, generalErrors } from './form-errors';

/** The server's messages that belong to no field of the form. */
export function FormErrors({ error, fields }: { error: unknown; fields: readonly string[] }) {
  const messages = generalErrors(error, fields);
  if (messages.length === 0) return null;
  return (
    <div className={s.errorBox} role="alert">
      {messages.map((m) => (
        <div key={m}>{m}</div>
      ))}
    </div>
  );
}

/** The server's messages for one field, under it. */
export function FieldError({ error, attr }: { error: unknown; attr: string }) {
  const messages = fieldErrors(error, attr);
  if (messages.length === 0) return null;
  return (
    <div className={s.fieldError} role="alert" data-testid={`field-error-${attr}`}>
      {messages.join('; ')}
    </div>
  );
}

export function FormActions({
  onCancel,
  submitLabel,
  pending,
  disabled,
}: {
  onCancel: () => void;
  submitLabel: string;
  pending: boolean;
  disabled?: boolean;
}) {
  return (
    <div className={s.formActions}>
      <Button onClick={onCancel}>Cancel</Button>
      <Button type="submit" variant="primary" disabled={pending || disabled}>
        {pending ? 'Saving…' : submitLabel}
      </Button>
    </div>
  );
}

export function SectionHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className={s.header}>
      <div>
        <h1>{title}</h1>
        {description ? <p>{description}</p> : null}
      </div>
      {actions ? <div className={s.actions}>{actions}</div> : null}
    </div>
  );
}

/** Loading and error states for a section's main query. */
export function QueryState({ isLoading, error }: { isLoading: boolean; error: unknown }) {
  if (isLoading) return <div className={s.muted}>Loading…</div>;
  if (error) {
    return (
      <div className={s.errorBox} role="alert">
        {error instanceof Error ? error.message : String(error)}
      </div>
    );
  }
  return null;
}
