import { describe, expect, it } from 'vitest';
import { voiceLines } from '../../commands/score/render.ts';
import { voiceContext, voiceSummary } from '../../tools/signals/voice-summary.ts';

const book = [
  { accountId: 'A1', name: 'Acme', csm: 'maya', segment: 'enterprise' },
  { accountId: 'A2', name: 'Globex', csm: 'maya', segment: 'smb' },
  { accountId: 'A3', name: 'Initech', csm: 'li', segment: null },
];
const sla = { enterprise: 4, smb: 24, default: 24 };
const NOW = '2026-11-24T12:00:00.000Z';

describe('the customer voice of a book', () => {
  it('lists who raised a risk this week, newest first, each once with its latest quote', () => {
    const v = voiceSummary(
      book,
      [
        {
          account_id: 'A1',
          kind: 'competitor',
          quote: 'trialling another tool',
          at: '2026-11-20T09:00:00.000Z',
        },
        { account_id: 'A1', kind: 'churn_intent', quote: 'we may not renew', at: '2026-11-22T09:00:00.000Z' },
        { account_id: 'A3', kind: 'budget', quote: 'budget is frozen', at: '2026-11-23T09:00:00.000Z' },
        { account_id: 'OTHER', kind: 'budget', quote: 'not this book', at: '2026-11-23T10:00:00.000Z' },
      ],
      [],
      sla,
      NOW,
    );
    expect(v.accounts.map((a) => [a.name, a.kinds.join('+'), a.quote])).toEqual([
      ['Initech', 'budget', 'budget is frozen'],
      ['Acme', 'churn_intent+competitor', 'we may not renew'],
    ]);
  });

  it('holds each CSM to the segment SLA; an open question counts only once its SLA has passed', () => {
    const q = (account_id: string, at: string, replied_at: string | null) => ({ account_id, at, replied_at });
    const v = voiceSummary(
      book,
      [],
      [
        q('A1', '2026-11-24T01:00:00.000Z', '2026-11-24T03:00:00.000Z'), // 2 h of 4: in SLA
        q('A1', '2026-11-23T01:00:00.000Z', '2026-11-23T09:00:00.000Z'), // 8 h of 4: late
        q('A1', '2026-11-24T06:00:00.000Z', null), // open 6 h of 4: past SLA
        q('A2', '2026-11-24T06:00:00.000Z', null), // open 6 h of 24: not yet counted
        q('A3', '2026-11-22T12:00:00.000Z', '2026-11-23T10:00:00.000Z'), // 22 h of 24 (default): in SLA
      ],
      sla,
      NOW,
    );
    expect(v.response_sla).toEqual([
      { csm: 'maya', questions: 3, within_sla: 1, late: 1, open_past_sla: 1, rate: 1 / 3 },
      { csm: 'li', questions: 1, within_sla: 1, late: 0, open_past_sla: 0, rate: 1 },
    ]);
  });

  it('gives the context beside a score: what was said in two windows and the median first response', () => {
    const said = [
      { kind: 'churn_intent', at: '2026-11-20T09:00:00.000Z' },
      { kind: 'praise', at: '2026-11-10T09:00:00.000Z' },
      { kind: 'bug', at: '2026-11-11T09:00:00.000Z' },
      { kind: 'praise', at: '2026-10-01T09:00:00.000Z' },
    ];
    const questions = [
      { account_id: 'A1', at: '2026-11-20T08:00:00.000Z', replied_at: '2026-11-20T10:00:00.000Z' },
      { account_id: 'A1', at: '2026-11-21T08:00:00.000Z', replied_at: '2026-11-21T14:00:00.000Z' },
      { account_id: 'A1', at: '2026-11-24T06:00:00.000Z', replied_at: null },
    ];
    const v = voiceContext(said, '2026-10-26T00:00:00.000Z', questions, 4, NOW, 30);
    expect(v).toEqual({
      window_days: 30,
      now: { risk: 1, praise: 1 },
      before: { risk: 0, praise: 1 },
      responsiveness: { questions: 3, median_hours: 6, sla_hours: 4 },
    });
    expect(voiceLines(v)).toEqual([
      '',
      'Beside the score (not part of it): customers said 1 risk signal and 1 praise in 30 days (the 30 before: 0 and 1); our median first response 6 h against a 4-hour SLA over 3 questions.',
    ]);
    expect(voiceContext([], '2026-10-26T00:00:00.000Z', [], 4, NOW, 30)).toBeNull();
    expect(voiceLines(null)).toEqual([]);
  });
});
