import { expect } from 'vitest';
import type { TTestApp, TTestOrg } from '../helpers.js';

export const NINE_TO_FIVE = [{ start: '09:00', stop: '17:00' }];

export function createBusinessHoursVia(o: TTestOrg, body: Record<string, unknown>) {
  return o.request({ method: 'POST', url: '/api/v1/business-hours', body });
}

export async function createBusinessHoursOk(o: TTestOrg, body: Record<string, unknown>) {
  const res = await createBusinessHoursVia(o, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.data as { id: string; version: number; primary: boolean; name: string };
}

export function storedBusinessHours(t: TTestApp, o: TTestOrg) {
  return t.db.selectFrom('business_hours').selectAll().where('org_id', '=', o.org.id).orderBy('created_at').execute();
}
