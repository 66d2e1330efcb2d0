import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Badge, Button, EmptyState, Modal } from '../../../ui/ui';
import s from '../settings.module.css';
import { QueryState } from '../shared/FormBits';
import type { TDeliveryAttempt, TWebhook } from '../shared/settings-types';
import { toastError, useSettingsMutation } from '../shared/use-settings-mutation';

const STATUS_TONE = { SUCCESS: 'ok', DEBUG: 'warn', ERROR: 'danger' } as const;
const STATUS_TITLE = {
  SUCCESS: 'Delivered',
  DEBUG: 'A failed attempt that did not disable the webhook',
  ERROR: 'The last retry failed and disabled the webhook',
} as const;

/** The last 100 delivery attempts, newest first, with request and response; any delivery can be sent again. */
export function DeliveryLogModal({ webhook, onClose }: { webhook: TWebhook; onClose: () => void }) {
  const area = `webhooks/${webhook.id}/deliveries`;
  const attempts = useQuery({
    queryKey: qk.settings(area),
    queryFn: () => api.get<TDeliveryAttempt[]>(`/api/v1/webhooks/${webhook.id}/deliveries`),
  });
  const [open, setOpen] = useState<string | null>(null);
  const redeliver = useSettingsMutation(
    area,
    (attempt: TDeliveryAttempt) =>
      api.post(`/api/v1/webhooks/${webhook.id}/deliveries/${attempt.deliveryId}/redeliver`),
    { success: 'Queued for redelivery; it appears here in a few seconds' },
  );
  return (
    <Modal title={`Delivery log — ${webhook.name || webhook.url}`} onClose={onClose}>
      <div style={{ width: 'min(672px, 84vw)' }} data-testid="webhook-delivery-log">
        <div className={s.header} style={{ marginBottom: 8 }}>
          <p className={`${s.muted} ${s.small}`}>The last 100 attempts of the past month, newest first.</p>
          <Button size="small" onClick={() => attempts.refetch()}>
            Refresh
          </Button>
        </div>
        <QueryState isLoading={attempts.isLoading} error={attempts.error} />
        {attempts.data?.length === 0 ? <EmptyState>No deliveries yet.</EmptyState> : null}
        {attempts.data && attempts.data.length > 0 ? (
          <div className={s.card}>
            <table className={s.table}>
              <thead>
                <tr>
                  <th>Time</th>
                  <th>Event</th>
                  <th>Attempt</th>
                  <th>Status</th>
                  <th>Response</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {attempts.data.map((attempt) => (
                  <Fragment key={attempt.id}>
                    <tr data-testid="delivery-row">
                      <td className={s.small}>{new Date(attempt.attemptedAt).toLocaleString()}</td>
                      <td className={s.small}>{attempt.eventType}</td>
                      <td>{attempt.attempt}</td>
                      <td>
                        <Badge tone={STATUS_TONE[attempt.status]} title={STATUS_TITLE[attempt.status]}>
                          {attempt.status}
                        </Badge>
                      </td>
                      <td className={s.small}>
                        {attempt.response.status ?? <span className={s.muted}>{attempt.response.error ?? 'none'}</span>}{' '}
                        <span className={s.muted}>{attempt.response.durationMs} ms</span>
                      </td>
                      <td>
                        <div className={s.actions}>
                          <Button size="small" onClick={() => setOpen(open === attempt.id ? null : attempt.id)}>
                            {open === attempt.id ? 'Hide' : 'Details'}
                          </Button>
                          <Button
                            size="small"
                            disabled={redeliver.isPending}
                            onClick={() => redeliver.mutate(attempt, { onError: toastError })}
                          >
                            Redeliver
                          </Button>
                        </div>
                      </td>
                    </tr>
                    {open === attempt.id ? (
                      <tr>
                        <td colSpan={6}>
                          <AttemptDetails attempt={attempt} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </Modal>
  );
}

function AttemptDetails({ attempt }: { attempt: TDeliveryAttempt }) {
  const headers = (h: Record<string, string> | undefined) =>
    Object.entries(h ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n');
  return (
    <div>
      <div>
        <div className={s.labelText}>Request — POST {attempt.request.url}</div>
        <pre className={s.pre}>{headers(attempt.request.headers)}</pre>
        <pre className={s.pre}>{prettyJson(attempt.request.body)}</pre>
      </div>
      <div>
        <div className={s.labelText}>Response {attempt.response.status ?? ''}</div>
        {attempt.response.error ? <div className={s.errorBox}>{attempt.response.error}</div> : null}
        <pre className={s.pre}>{headers(attempt.response.headers) || '—'}</pre>
        <pre className={s.pre}>{attempt.response.body ? prettyJson(attempt.response.body) : '—'}</pre>
      </div>
    </div>
  );
}

/** JSON bodies indented for reading; anything else as received. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
