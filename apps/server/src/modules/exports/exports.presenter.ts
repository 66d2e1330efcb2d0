import { toIso } from '../../lib/time.js';
import { presentAgent } from '../agents/agents.presenter.js';
import { presentItem } from '../items/items.presenter.js';

export function presentSchedule(schedule: {
  id: string;
  frequency: string;
  type: string;
  next_start_at: Date;
  updated_at: Date;
}) {
  return {
    id: schedule.id,
    frequency: schedule.frequency,
    type: schedule.type,
    nextStartAt: toIso(schedule.next_start_at),
    updatedAt: toIso(schedule.updated_at),
  };
}

export function presentJob(job: {
  id: string;
  schedule_id: string;
  status: string;
  start_at: Date;
  end_at: Date;
  files: string[];
  updated_at: Date;
}) {
  return {
    id: job.id,
    scheduleId: job.schedule_id,
    status: job.status,
    updatedAt: toIso(job.updated_at),
    parameters: { type: 'CONVERSATIONS', startAt: toIso(job.start_at), endAt: toIso(job.end_at) },
    files: job.files,
  };
}

// The lines of the export files (API spec 4.17): agents and items exactly as the REST API presents them.

export const presentAgentLine = presentAgent;

export const presentItemLine = presentItem;

/** Flat string arrays, unlike the REST profile's email and phone objects. */
export function presentCustomerLine(customer: {
  id: string;
  name: string;
  address: string;
  external_customer_id: string | null;
  external_customer_ids: Record<string, string> | null;
  emails: string[];
  phones: string[];
}) {
  const externalIds = customer.external_customer_ids ?? {};
  return {
    id: customer.id,
    name: customer.name,
    address: customer.address,
    emailAddresses: customer.emails,
    phoneNumbers: customer.phones,
    ...(customer.external_customer_id ? { externalCustomerId: customer.external_customer_id } : {}),
    ...(Object.keys(externalIds).length ? { externalCustomerIds: externalIds } : {}),
  };
}

export function presentTopicLine(topic: { id: string; name: string; disabled: boolean; parent_id: string | null }) {
  return {
    id: topic.id,
    name: topic.name,
    disabled: topic.disabled,
    ...(topic.parent_id ? { parentId: topic.parent_id } : {}),
  };
}
