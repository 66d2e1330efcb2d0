import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '../../../lib/api-client';
import { qk } from '../../../lib/query-keys';
import { Badge, Button, EmptyState } from '../../../ui/ui';
import s from '../settings.module.css';
import { QueryState, SectionHeader } from '../shared/FormBits';
import type { TTopic } from '../shared/settings-types';
import { toastError, useSettingsMutation } from '../shared/use-settings-mutation';
import { DESKTOP_TOPICS_KEY, TopicFormModal, type TTopicEdit } from './TopicFormModal';
import { buildTopicTree } from './topic-tree';

/** Topics as a tree: add children, rename, disable (Gladly's archive; topics are never deleted, spec 7.1). */
export default function TopicsSection() {
  const topics = useQuery({
    queryKey: qk.settings('topics'),
    queryFn: () => api.get<TTopic[]>('/api/internal/topics'),
  });
  const rows = useMemo(() => buildTopicTree(topics.data ?? []), [topics.data]);
  const [edit, setEdit] = useState<TTopicEdit | null>(null);
  const setDisabled = useSettingsMutation(
    'topics',
    (topic: TTopic) => api.patch(`/api/internal/topics/${topic.id}`, { name: topic.name, disabled: !topic.disabled }),
    { alsoInvalidate: [DESKTOP_TOPICS_KEY] },
  );
  return (
    <>
      <SectionHeader
        title="Topics"
        description="Labels agents and rules apply to conversations. Nest them 2–3 levels deep; include an “Other”."
        actions={
          <Button
            variant="primary"
            onClick={() => setEdit({ mode: 'create', parent: null })}
            data-testid="topic-create"
          >
            New topic
          </Button>
        }
      />
      <QueryState isLoading={topics.isLoading} error={topics.error} />
      {topics.data ? (
        <div className={s.card}>
          <table className={s.table}>
            <thead>
              <tr>
                <th>Topic</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map(({ topic, depth, childCount, inactive }) => (
                <tr key={topic.id} className={inactive ? s.disabledRow : ''} data-testid="topic-row" data-depth={depth}>
                  <td>
                    <span className={s.treeName} style={{ paddingLeft: depth * 24 }}>
                      {depth > 0 ? <span className={s.treeGuide}>└</span> : null}
                      <span>{topic.name}</span>
                      {childCount > 0 ? <span className={`${s.muted} ${s.small}`}>({childCount})</span> : null}
                    </span>
                  </td>
                  <td>
                    {topic.disabled ? (
                      <Badge>Disabled</Badge>
                    ) : inactive ? (
                      <Badge title="A parent topic is disabled">Parent disabled</Badge>
                    ) : (
                      <Badge tone="ok">Enabled</Badge>
                    )}
                  </td>
                  <td>
                    <div className={s.actions}>
                      <Button size="small" onClick={() => setEdit({ mode: 'create', parent: topic })}>
                        Add child
                      </Button>
                      <Button size="small" onClick={() => setEdit({ mode: 'rename', topic })}>
                        Rename
                      </Button>
                      <Button
                        size="small"
                        variant={topic.disabled ? 'default' : 'danger'}
                        disabled={setDisabled.isPending}
                        onClick={() => setDisabled.mutate(topic, { onError: toastError })}
                      >
                        {topic.disabled ? 'Enable' : 'Disable'}
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 ? <EmptyState>No topics yet.</EmptyState> : null}
        </div>
      ) : null}
      {edit ? <TopicFormModal edit={edit} onClose={() => setEdit(null)} /> : null}
    </>
  );
}
