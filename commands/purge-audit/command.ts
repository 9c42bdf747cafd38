import { z } from 'zod';
import { purgeAudit as purge } from '../../records/audit.ts';
import { defineCommand } from '../registry-types.ts';
import { renderPurgeAudit } from './render.ts';

export const PurgeAuditArgs = z
  .object({
    /** Entries older than this many days go; default the retention setting (CSE_AUDIT_RETENTION_DAYS). */
    older_than_days: z.coerce.number().int().min(30, 'keep at least 30 days').max(36_500).optional(),
  })
  .strict();

export const PurgeAuditData = z.object({
  before: z.string(),
  deleted: z.number().int(),
  retention_days: z.number(),
});

export const purgeAudit = defineCommand({
  intent: 'purge_audit',
  title: 'Purge the audit log',
  summary: 'Deletes audit entries older than the retention period; the purge itself is audited (admins only)',
  examples: [],
  triggers: null,
  render: renderPurgeAudit,
  account: 'none',
  access: { area: 'audit', write: true, target: 'none' },
  args: PurgeAuditArgs,
  result: PurgeAuditData,
  async run(ctx, args) {
    const days = args.older_than_days ?? ctx.config.CSE_AUDIT_RETENTION_DAYS;
    // The database's clock, not the process's: an injected clock (CSE_NOW) can never empty the log.
    const { deleted, before } = await purge(ctx.db, days);
    return {
      data: { before, deleted, retention_days: days },
      asOf: ctx.today,
      definitions: {
        retention: `audit entries are kept ${days} days (CSE_AUDIT_RETENTION_DAYS, at least 30) by the database's clock, then purged by this command (admins only) through the database function cse_purge_audit`,
      },
    };
  },
});
