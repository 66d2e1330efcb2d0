import { toIso } from '../../lib/time.js';

/** Custom attribute definition (API spec 4.6): the org-level definition behind a conversation's freeform topic. */
export function presentCustomAttribute(definition: {
  id: string;
  key: string;
  label: string;
  deactivated: boolean;
  created_at: Date;
  created_by: string;
}) {
  return {
    id: definition.id,
    key: definition.key,
    label: definition.label,
    deactivated: definition.deactivated,
    createdAt: toIso(definition.created_at),
    createdBy: definition.created_by,
  };
}
