import { toIso } from '../../lib/time.js';
import type { TBusinessHoursRow } from './business-hours.repository.js';
import type { TOfficeHours } from './business-hours.schemas.js';

/** Business hours object (API spec 4.10); office hours are stored already normalized, so they go out as stored. */
export function presentBusinessHours(row: TBusinessHoursRow) {
  return {
    id: row.id,
    version: row.version,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    name: row.name,
    primary: row.is_primary,
    officeHours: row.office_hours as unknown as TOfficeHours,
  };
}
