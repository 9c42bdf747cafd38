import type { z } from 'zod';
import type { AuditLogData } from '../commands/audit-log.ts';
import type { DisagreeScoreData } from '../commands/disagree-score.ts';
import type { PurgeAuditData } from '../commands/purge-audit.ts';
import { formatTable } from './table.ts';

const cut = (text: string | null, n: number) =>
  text === null ? '' : text.length > n ? `${text.slice(0, n - 1)}…` : text;

export function renderAuditLog(data: AuditLogData): string {
  if (data.entries.length === 0) return 'Audit log: no entries match.';
  return [
    `Audit log: ${data.entries.length} entr${data.entries.length === 1 ? 'y' : 'ies'}, newest first`,
    '',
    formatTable(
      ['At (UTC)', 'Actor', 'Role', 'Surface', 'Command', 'Account', 'Outcome', 'Asked / told'],
      data.entries.map((e) => [
        e.at.slice(0, 19).replace('T', ' '),
        e.actor,
        e.role ?? '',
        e.surface,
        e.intent ?? '',
        e.account_id ?? '',
        e.outcome === 'ok' ? 'ok' : (e.error_code ?? 'error'),
        cut(e.outcome === 'ok' ? e.text : (e.detail ?? e.text), 60),
      ]),
    ),
  ].join('\n');
}

export function renderPurgeAudit(data: z.infer<typeof PurgeAuditData>): string {
  return `Purged ${data.deleted} audit entr${data.deleted === 1 ? 'y' : 'ies'} older than ${data.before.slice(0, 10)} (retention ${data.retention_days} days). The purge itself is in the log.`;
}

export function renderDisagreeScore(data: DisagreeScoreData, accountName: string): string {
  return `Noted: you disagree with ${accountName}'s ${data.score}/100 (${data.tier}) score as of ${data.as_of}: ${data.reason_text}. Disagreements feed the health model's calibration.`;
}
