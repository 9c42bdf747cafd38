import type { DisagreeScoreData } from './command.ts';

export function renderDisagreeScore(data: DisagreeScoreData, accountName: string): string {
  return `Noted: you disagree with ${accountName}'s ${data.score}/100 (${data.tier}) score as of ${data.as_of}: ${data.reason_text}. Disagreements feed the health model's calibration.`;
}
