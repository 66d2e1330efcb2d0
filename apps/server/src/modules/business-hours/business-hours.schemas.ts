import { z } from 'zod';

// Requests are typed loosely (optional, nullable strings): blank names, missing time zones and bad times are
// judged by office-hours.ts so the error codes and details match Gladly's exactly (`name` blank is `invalid`).
const ZScheduleBlockInput = z.object({ start: z.string(), stop: z.string() });
const ZDayInput = z.array(ZScheduleBlockInput).nullish();

export const ZOfficeHoursInput = z.object({
  timezone: z.string().nullish(),
  monday: ZDayInput,
  tuesday: ZDayInput,
  wednesday: ZDayInput,
  thursday: ZDayInput,
  friday: ZDayInput,
  saturday: ZDayInput,
  sunday: ZDayInput,
  exceptions: z
    .array(
      z.object({
        name: z.string().nullish(),
        start: z.string().nullish(),
        stop: z.string().nullish(),
        scheduleBlocks: z.array(ZScheduleBlockInput).nullish(),
      }),
    )
    .nullish(),
});
export type TOfficeHoursInput = z.infer<typeof ZOfficeHoursInput>;

export const ZBusinessHoursCreate = z.object({
  name: z.string().nullish(),
  primary: z.boolean().nullish(),
  officeHours: ZOfficeHoursInput.nullish(),
});
export type TBusinessHoursCreate = z.infer<typeof ZBusinessHoursCreate>;

export const ZBusinessHoursReplace = ZBusinessHoursCreate.extend({
  version: z.number().int().describe('The version last read; the write is refused with 409 when it is stale'),
});
export type TBusinessHoursReplace = z.infer<typeof ZBusinessHoursReplace>;

export const ZBusinessHoursParams = z.object({ businessHoursId: z.string() });

const ZScheduleBlock = z.object({
  start: z.string().describe('HH:MM, local to the time zone'),
  stop: z.string().describe('HH:MM, after start'),
});

export const ZOfficeHours = z.object({
  timezone: z.string().describe('IANA time zone'),
  monday: z.array(ZScheduleBlock),
  tuesday: z.array(ZScheduleBlock),
  wednesday: z.array(ZScheduleBlock),
  thursday: z.array(ZScheduleBlock),
  friday: z.array(ZScheduleBlock),
  saturday: z.array(ZScheduleBlock),
  sunday: z.array(ZScheduleBlock),
  exceptions: z.array(
    z.object({
      name: z.string(),
      start: z.string(),
      stop: z.string(),
      scheduleBlocks: z.array(ZScheduleBlock).describe('Open hours on the exception; empty means closed all day'),
    }),
  ),
});
export type TOfficeHours = z.infer<typeof ZOfficeHours>;

export const ZBusinessHours = z.object({
  id: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  name: z.string(),
  primary: z.boolean(),
  officeHours: ZOfficeHours,
});
