import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Badge, Button, EmptyState } from '../../../ui/ui';
import s from '../settings.module.css';
import { QueryState, SectionHeader } from '../shared/FormBits';
import type { TBoost, TInbox, TTopic } from '../shared/settings-types';
import { toastError, useSettingsMutation } from '../shared/use-settings-mutation';
import { BoostFormModal } from './BoostFormModal';
import { describeCondition, sizeLabel } from './boost-conditions';

/** People Match priority boosts (spec 5.6): messaging and email only; points of matching boosts add up. */
export default function BoostsSection() {
  const boosts = useQuery({
    queryKey: qk.settings('boosts'),
    queryFn: () => api.get<TBoost[]>('/api/internal/routing-boosts'),
  });
  const inboxes = useQuery({
    queryKey: qk.settings('inboxes'),
    queryFn: () => api.get<TInbox[]>('/api/internal/inboxes'),
  });
  const topics = useQuery({
    queryKey: qk.settings('topics'),
    queryFn: () => api.get<TTopic[]>('/api/internal/topics'),
  });
  const names = {
    inbox: (id: string) => inboxes.data?.find((i) => i.id === id)?.name ?? id,
    topic: (id: string) => topics.data?.find((t) => t.id === id)?.name ?? id,
  };
  const [editing, setEditing] = useState<TBoost | 'new' | null>(null);
  const patch = useSettingsMutation('boosts', (vars: { boost: TBoost; enabled: boolean }) =>
    api.patch(`/api/internal/routing-boosts/${vars.boost.id}`, { enabled: vars.enabled }),
  );
  const remove = useSettingsMutation(
    'boosts',
    (boost: TBoost) => api.delete(`/api/internal/routing-boosts/${boost.id}`),
    {
      success: 'Boost deleted',
    },
  );
  return (
    <>
      <SectionHeader
        title="People Match boosts"
        description="Raise the score of customer–agent pairs. The highest score is routed first; ties fall back to due date. Time-based boosts apply within about a minute."
        actions={
          <Button variant="primary" onClick={() => setEditing('new')} data-testid="boost-create">
            New boost
          </Button>
        }
      />
      <QueryState isLoading={boosts.isLoading} error={boosts.error} />
      {boosts.data ? (
        <div className={s.card}>
          <table className={s.table}>
            <thead>
              <tr>
                <th>Name</th>
                <th>Size</th>
                <th>Conditions</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {boosts.data.map((boost) => (
                <tr key={boost.id} className={boost.enabled ? '' : s.disabledRow} data-testid="boost-row">
                  <td>{boost.name}</td>
                  <td>
                    {sizeLabel(boost.points)} <span className={s.muted}>+{boost.points}</span>
                  </td>
                  <td className={s.small}>
                    {boost.conditions.length === 0
                      ? 'Every pair'
                      : boost.conditions.map((c, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: read-only list in stored order
                          <div key={i}>{describeCondition(c, names)}</div>
                        ))}
                  </td>
                  <td>{boost.enabled ? <Badge tone="ok">Enabled</Badge> : <Badge>Disabled</Badge>}</td>
                  <td>
                    <div className={s.actions}>
                      <Button size="small" onClick={() => setEditing(boost)}>
                        Edit
                      </Button>
                      <Button
                        size="small"
                        disabled={patch.isPending}
                        onClick={() => patch.mutate({ boost, enabled: !boost.enabled }, { onError: toastError })}
                      >
                        {boost.enabled ? 'Disable' : 'Enable'}
                      </Button>
                      <Button
                        size="small"
                        variant="danger"
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(`Delete ${boost.name}?`)) remove.mutate(boost, { onError: toastError });
                        }}
                      >
                        Delete
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {boosts.data.length === 0 ? <EmptyState>No boosts: matching falls back to due date.</EmptyState> : null}
        </div>
      ) : null}
      {editing ? <BoostFormModal boost={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
