import { formatTable } from '../../render/table.ts';
import type { AuditLogData } from './command.ts';

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
