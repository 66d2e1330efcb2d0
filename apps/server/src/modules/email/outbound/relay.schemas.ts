import { z } from 'zod';

const ZHost = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, { error: 'host must be a host name or an IP address' });

/** PUT replaces the relay. `password` and `dkim.privateKey` are write-only: absent keeps the stored one, null clears. */
export const ZPutRelayBody = z.object({
  host: ZHost,
  port: z.number().int().min(1).max(65_535),
  tlsMode: z.enum(['NONE', 'STARTTLS', 'TLS']),
  username: z.string().max(500).nullish(),
  password: z.string().max(1000).nullish(),
  dkim: z
    .object({
      domain: z.string().trim().toLowerCase().min(1).max(253),
      selector: z
        .string()
        .trim()
        .min(1)
        .max(63)
        .regex(/^[A-Za-z0-9._-]+$/, { error: 'selector may hold only letters, digits, ".", "-" and "_"' }),
      privateKey: z.string().max(20_000).optional(),
    })
    .nullish(),
});
export type TPutRelayBody = z.infer<typeof ZPutRelayBody>;

export const ZRelay = z.object({
  host: z.string(),
  port: z.number().int(),
  tlsMode: z.enum(['NONE', 'STARTTLS', 'TLS']),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  dkim: z.object({ domain: z.string(), selector: z.string(), hasPrivateKey: z.boolean() }).nullable(),
  updatedAt: z.string(),
});
