import { z } from 'zod';
import { findAudit } from '../../records/audit.ts';
import { defineCommand } from '../registry-types.ts';
import { renderAuditLog } from './render.ts';

export const AuditLogArgs = z
  .object({
    /** Only this actor's entries (a user id, 'local:<user>' or 'api'). */
    actor: z.string().trim().min(1).optional(),
    /** Entries at or after this date or date-time. */
    since: z
      .string()
      .refine(
        (v) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}/.test(v),
        'must be YYYY-MM-DD or an ISO date-time',
      )
      .optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
  })
  .strict();

export const AuditLogData = z.object({
  entries: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actor: z.string(),
      role: z.string().nullable(),
      surface: z.string(),
      channel: z.string().nullable(),
      text: z.string().nullable(),
      intent: z.string().nullable(),
      account_id: z.string().nullable(),
      args: z.record(z.string(), z.unknown()),
      outcome: z.string(),
      error_code: z.string().nullable(),
      detail: z.string().nullable(),
      duration_ms: z.number().nullable(),
    }),
  ),
});
export type AuditLogData = z.infer<typeof AuditLogData>;

export const auditLog = defineCommand({
  intent: 'audit_log',
  title: 'Audit log',
  summary: 'Who asked or changed what, where and when, with the outcome; refusals included (admins only)',
  examples: [],
  triggers: null,
  render: renderAuditLog,
  account: 'none',
  access: { area: 'audit', write: false, target: 'none' },
  args: AuditLogArgs,
  result: AuditLogData,
  async run(ctx, args) {
    const rows = await findAudit(ctx.db, {
      actor: args.actor ?? null,
      since: args.since ?? null,
      limit: args.limit,
    });
    const entries = rows.map((r) => ({
      ...r,
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      duration_ms: r.duration_ms === null ? null : Number(r.duration_ms),
    }));
    return {
      data: { entries },
      asOf: ctx.today,
      definitions: {
        audit:
          'append-only: the database refuses UPDATE and DELETE on it; only the retention purge removes entries, and is itself audited',
      },
    };
  },
});
