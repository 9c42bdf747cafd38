import { formatMoney } from '../../core/money.ts';
import type { AdvocatesData } from './command.ts';

/** The advocacy candidates as text: the ask, the evidence, the last ask, and the first drafts. */
export function renderAdvocates(data: AdvocatesData): string {
  const scope = data.scope.csm ? `${data.scope.csm}'s book` : 'the portfolio';
  const lines = [
    `Advocates in ${scope} as of ${data.as_of}: ${data.candidates.length} to ask (of ${data.accounts} active accounts: ${data.promoters} promoters, ${data.board_eligible} meet the advisory-board criteria).`,
  ];
  if (data.candidates.length === 0)
    lines.push(
      'Nobody fits yet: an ask needs a promoter (NPS 9–10) or an advisory-board candidate with no open P1/P2 tickets and no churn signs.',
    );
  for (const [k, c] of data.candidates.entries()) {
    lines.push(
      '',
      `${k + 1}. ${c.name} (${c.account_id}) — ask for ${c.ask_label}; ARR ${formatMoney(Math.round(c.arr * 100))}`,
    );
    for (const r of c.reasons) lines.push(`   - ${r}`);
    lines.push(
      `   - last ask: ${c.last_ask ? `${c.last_ask.at.slice(0, 10)} (${c.last_ask.topic})${c.cooling_down ? ' — too recent, wait before asking again' : ''}` : 'never'}`,
    );
    if (c.draft)
      lines.push(`   Draft — ${c.draft.subject}`, ...c.draft.body.split('\n').map((l) => `     ${l}`));
    lines.push(`   ${c.draft_command}`);
  }
  if (data.held_back.length > 0) {
    lines.push('', 'Held back:');
    for (const h of data.held_back) lines.push(`- ${h.name} (${h.account_id}): ${h.reasons.join('; ')}`);
  }
  lines.push('', `Rules: knowledge/advocacy/rules.json (${data.rules_version}).`);
  return lines.join('\n');
}
