import { DISAGREEMENT_REASONS, type DisagreementReason } from '../../facts/health.ts';
import { ACTION, type DisagreeChoice, encodeDisagree } from '../actions.ts';
import { fitText, SLACK_LIMITS } from './slack-limits.ts';

/** The "Disagree" menu on a health score: one option per reason code. */
export function disagreeMenu(score: Omit<DisagreeChoice, 'reason'>) {
  return {
    type: 'static_select' as const,
    action_id: ACTION.disagree,
    placeholder: { type: 'plain_text' as const, text: 'Disagree…' },
    options: (Object.keys(DISAGREEMENT_REASONS) as DisagreementReason[]).map((reason) => ({
      text: {
        type: 'plain_text' as const,
        text: fitText(DISAGREEMENT_REASONS[reason], SLACK_LIMITS.optionText),
      },
      value: encodeDisagree({ ...score, reason }),
    })),
  };
}
