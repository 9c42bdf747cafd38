import type { DraftEmailData } from './command.ts';

/** Terminal text for an email draft: recipient, subject, body, and how it was written. Pure. */
export function renderDraftEmail(data: DraftEmailData, accountName: string): string {
  const how =
    data.via === 'llm'
      ? 'written by the model from the facts; every figure checked against them'
      : data.grounding.fallback_reason
        ? `template (the model was not used: ${data.grounding.fallback_reason})`
        : 'template from knowledge/emails (no model configured)';
  const lines = [
    `${accountName} — ${data.kind.replaceAll('_', ' ')} email draft (${how})`,
    `To: ${data.to ? `${data.to.name}${data.to.email ? ` <${data.to.email}>` : ''}` : 'no contact on record'}`,
    `Subject: ${data.subject}`,
    '',
    data.body,
  ];
  for (const r of data.grounding.rejected)
    lines.push('', `Rejected model draft ${r.attempt}: stated ${r.ungrounded.join(', ')}, not in the facts`);
  lines.push('', `Facts from: ${data.source}`);
  return lines.join('\n');
}
