/** Topic object (API spec 4.10); `parentId` only on nested topics. */
export function presentTopic(topic: { id: string; name: string; disabled: boolean; parent_id: string | null }) {
  return {
    id: topic.id,
    name: topic.name,
    disabled: topic.disabled,
    ...(topic.parent_id !== null ? { parentId: topic.parent_id } : {}),
  };
}
