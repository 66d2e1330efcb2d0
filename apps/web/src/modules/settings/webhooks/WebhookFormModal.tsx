import { type FormEvent, useState } from 'react';
import { api } from '../../../lib/api-client';
import { Button, Modal, TextField } from '../../../ui/ui';
import s from '../settings.module.css';
import { CheckList } from '../shared/CheckList';
import { FieldError, FormActions, FormErrors } from '../shared/FormBits';
import type { TWebhook } from '../shared/settings-types';
import { useSettingsMutation } from '../shared/use-settings-mutation';
import { EVENT_FAMILIES, eventFamily, SUBSCRIBABLE_EVENTS } from './webhook-events';

const FIELDS = ['name', 'url', 'events', 'credentials', 'enabled'];
const EVENT_OPTIONS = SUBSCRIBABLE_EVENTS.map((type) => ({ value: type, label: type }));

/**
 * Create or edit a webhook. New webhooks start disabled (spec 14.1); enabling or changing the URL of an enabled one
 * sends a PING that must get a 2xx, and the server's refusal is shown here. Credentials are write-only.
 */
export function WebhookFormModal({ webhook, onClose }: { webhook: TWebhook | null; onClose: () => void }) {
  const [name, setName] = useState(webhook?.name ?? '');
  const [url, setUrl] = useState(webhook?.url ?? 'https://');
  const [events, setEvents] = useState<string[]>(webhook?.events ?? []);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [realm, setRealm] = useState('');
  const [removeCredentials, setRemoveCredentials] = useState(false);
  const save = useSettingsMutation(
    'webhooks',
    () => {
      const credentials =
        username || password
          ? { username, password, ...(realm ? { realm } : {}) }
          : removeCredentials
            ? null
            : undefined;
      const body = { name, url, events, ...(credentials !== undefined ? { credentials } : {}) };
      return webhook ? api.patch(`/api/v1/webhooks/${webhook.id}`, body) : api.post('/api/v1/webhooks', body);
    },
    { success: webhook ? 'Webhook saved' : 'Webhook created (disabled until you enable it)', onSuccess: onClose },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  return (
    <Modal title={webhook ? `Edit ${webhook.name || 'webhook'}` : 'New webhook'} onClose={onClose}>
      <form onSubmit={submit} noValidate style={{ width: 'min(600px, 84vw)' }}>
        <FormErrors error={save.error} fields={FIELDS} />
        <TextField id="webhook-name" label="Name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <FieldError error={save.error} attr="name" />
        <TextField id="webhook-url" label="URL (HTTPS)" value={url} onChange={(e) => setUrl(e.target.value)} />
        <FieldError error={save.error} attr="url" />
        <div className={s.badges} style={{ marginBottom: 6 }}>
          {EVENT_FAMILIES.map((family) => {
            const members = SUBSCRIBABLE_EVENTS.filter((type) => eventFamily(type) === family);
            const all = members.every((type) => events.includes(type));
            return (
              <Button
                key={family}
                size="small"
                variant={all ? 'primary' : 'default'}
                title={all ? `Remove every ${family} event` : `Add every ${family} event`}
                onClick={() =>
                  setEvents(all ? events.filter((e) => !members.includes(e)) : [...new Set([...events, ...members])])
                }
              >
                {family}
              </Button>
            );
          })}
        </div>
        <CheckList
          label="Events"
          options={EVENT_OPTIONS}
          selected={events}
          onChange={setEvents}
          testId="webhook-events"
        />
        <FieldError error={save.error} attr="events" />
        <div className={s.labelText}>
          Basic credentials{' '}
          <span className={s.muted}>
            {webhook?.hasCredentials ? '(set; leave blank to keep them)' : '(optional; never shown again)'}
          </span>
        </div>
        <div className={s.formGrid}>
          <TextField
            id="webhook-username"
            label="Username"
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <TextField
            id="webhook-password"
            label="Password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <TextField
            id="webhook-realm"
            label="Realm (optional)"
            value={realm}
            onChange={(e) => setRealm(e.target.value)}
          />
        </div>
        <FieldError error={save.error} attr="credentials" />
        {webhook?.hasCredentials ? (
          <label className={s.checkRow}>
            <input
              type="checkbox"
              checked={removeCredentials}
              onChange={(e) => setRemoveCredentials(e.target.checked)}
            />
            Remove the stored credentials
          </label>
        ) : null}
        <FormActions onCancel={onClose} submitLabel={webhook ? 'Save' : 'Create webhook'} pending={save.isPending} />
      </form>
    </Modal>
  );
}
