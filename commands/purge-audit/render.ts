import type { z } from 'zod';
import type { PurgeAuditData } from './command.ts';

export function renderPurgeAudit(data: z.infer<typeof PurgeAuditData>): string {
  return `Purged ${data.deleted} audit entr${data.deleted === 1 ? 'y' : 'ies'} older than ${data.before.slice(0, 10)} (retention ${data.retention_days} days). The purge itself is in the log.`;
}
