import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Badge, Button, EmptyState } from '../../../ui/ui';
import s from '../settings.module.css';
import { QueryState, SectionHeader } from '../shared/FormBits';
import type { TWebhook } from '../shared/settings-types';
import { toastError, useSettingsMutation } from '../shared/use-settings-mutation';
import { DeliveryLogModal } from './DeliveryLogModal';
import { WebhookFormModal } from './WebhookFormModal';
import { summarizeEvents } from './webhook-events';

/** Webhooks (spec 14.1): at most 20, created disabled, a PING on enabling, auto-disabled after the last retry. */
export default function WebhooksSection() {
  const webhooks = useQuery({
    queryKey: qk.settings('webhooks'),
    queryFn: () => api.get<TWebhook[]>('/api/v1/webhooks'),
  });
  const [editing, setEditing] = useState<TWebhook | 'new' | null>(null);
  const [log, setLog] = useState<TWebhook | null>(null);
  const setEnabled = useSettingsMutation(
    'webhooks',
    (vars: { webhook: TWebhook; enabled: boolean }) =>
      api.patch(`/api/v1/webhooks/${vars.webhook.id}`, { enabled: vars.enabled }),
    { success: 'Webhook updated' },
  );
  const remove = useSettingsMutation('webhooks', (webhook: TWebhook) => api.delete(`/api/v1/webhooks/${webhook.id}`), {
    success: 'Webhook deleted',
  });
  return (
    <>
      <SectionHeader
        title="Webhooks"
        description="Hearth POSTs events to your HTTPS endpoint. Enabling sends a PING that must get a 2xx reply."
        actions={
          <Button variant="primary" onClick={() => setEditing('new')} data-testid="webhook-create">
            New webhook
          </Button>
        }
      />
      <QueryState isLoading={webhooks.isLoading} error={webhooks.error} />
      {webhooks.data ? (
        <div className={s.card}>
          <table className={s.table}>
            <thead>
              <tr>
                <th>Name / URL</th>
                <th>Events</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {webhooks.data.map((webhook) => (
                <tr key={webhook.id} data-testid="webhook-row">
                  <td>
                    <div>{webhook.name || <span className={s.muted}>Unnamed</span>}</div>
                    <div className={`${s.mono} ${s.muted}`}>{webhook.url}</div>
                  </td>
                  <td className={s.small} style={{ maxWidth: 260 }}>
                    {summarizeEvents(webhook.events)}
                  </td>
                  <td>
                    {webhook.enabled ? (
                      <Badge tone="ok">Enabled</Badge>
                    ) : webhook.disabledAtDueToRetryLimit ? (
                      <Badge
                        tone="danger"
                        title={`Disabled ${new Date(webhook.disabledAtDueToRetryLimit).toLocaleString()} after the last retry failed`}
                      >
                        Auto-disabled
                      </Badge>
                    ) : (
                      <Badge>Disabled</Badge>
                    )}
                  </td>
                  <td>
                    <div className={s.actions}>
                      <Button size="small" onClick={() => setLog(webhook)}>
                        Delivery log
                      </Button>
                      <Button size="small" onClick={() => setEditing(webhook)}>
                        Edit
                      </Button>
                      <Button
                        size="small"
                        variant={webhook.enabled ? 'default' : 'primary'}
                        disabled={setEnabled.isPending}
                        data-testid="webhook-toggle"
                        onClick={() =>
                          setEnabled.mutate({ webhook, enabled: !webhook.enabled }, { onError: toastError })
                        }
                      >
                        {webhook.enabled ? 'Disable' : webhook.disabledAtDueToRetryLimit ? 'Re-enable' : 'Enable'}
                      </Button>
                      {webhook.enabled ? null : (
                        <Button
                          size="small"
                          variant="danger"
                          disabled={remove.isPending}
                          onClick={() => {
                            if (window.confirm('Delete this webhook?')) remove.mutate(webhook, { onError: toastError });
                          }}
                        >
                          Delete
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {webhooks.data.length === 0 ? <EmptyState>No webhooks yet.</EmptyState> : null}
        </div>
      ) : null}
      {webhooks.data?.some((w) => w.disabledAtDueToRetryLimit && !w.enabled) ? (
        <p className={`${s.muted} ${s.small}`}>
          An auto-disabled webhook failed every retry of a delivery. Check its delivery log, fix the receiver, then
          re-enable it.
        </p>
      ) : null}
      {editing ? (
        <WebhookFormModal webhook={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      {log ? <DeliveryLogModal webhook={log} onClose={() => setLog(null)} /> : null}
    </>
  );
}
