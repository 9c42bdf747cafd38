import { PAGE_SIZE } from '../../commands/accounts/render.ts';
import type { Answer } from '../../commands/router.ts';
import { ACTION, encodeValue, type ListCsvValue, type RerunValue } from '../actions.ts';
import type { ButtonSpec } from './slack-limits.ts';

const rerun = (text: string, value: RerunValue): ButtonSpec => ({
  text,
  actionId: `${ACTION.rerun}:${value.intent}:${String(value.args.offset ?? '')}`,
  value: encodeValue(value),
});

/**
 * The buttons that go on from an answer, each run again through the router by whoever clicks:
 * a list's next page and its CSV; a glance's score, churn risk, QBR prep and renewal prep, for
 * the same day.
 */
export function nextButtons(answer: Answer): ButtonSpec[] {
  if (answer.intent === 'accounts') {
    const data = answer.data;
    // The list as asked; each button sets where it starts.
    const { offset: _shown, ...args } = answer.args;
    const shownTo = data.offset + Math.min(PAGE_SIZE, data.accounts.length);
    const buttons: ButtonSpec[] = [];
    if (shownTo < data.total)
      buttons.push(
        rerun(`Show more (${shownTo + 1}–${Math.min(shownTo + PAGE_SIZE, data.total)} of ${data.total})`, {
          intent: 'accounts',
          args: { ...args, offset: shownTo },
          account: null,
        }),
      );
    if (data.total > 0) {
      const value: ListCsvValue = { args };
      buttons.push({
        text: `CSV (${data.total} accounts)`,
        actionId: ACTION.listCsv,
        value: encodeValue(value),
      });
    }
    return buttons;
  }
  if (answer.intent === 'account_glance' && answer.account) {
    const account = answer.account.id;
    return answer.data.next.map((n) =>
      rerun(n.label, { intent: n.intent, args: { as_of: answer.provenance.as_of }, account }),
    );
  }
  return [];
}
