import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, detailsMessage, PAGE_BLOCKS } from '../../bot/render/answer-message.ts';
import { messageProblems } from '../../bot/render/slack-limits.ts';
import { run } from '../../commands/router.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';
let store: TestStore;
beforeAll(async () => {
  store = await openDemoStore(AS_OF);
});
afterAll(async () => store.cleanup());

const ACCOUNT_INTENTS = [
  'score',
  'churn_risk',
  'expansion_opportunities',
  'save_play',
  'renewal_prep',
  'qbr_prep',
  'success_plan',
  'onboarding_plan',
  'winback_plan',
];
const ACCOUNTS = [
  'Acme Corp',
  'Globex',
  'Initech',
  'Hooli',
  'Umbrella Health',
  'Soylent Foods',
  'Wonka Labs',
  'Tyrell Systems',
];

describe('every answer on the demo portfolio fits Slack', () => {
  it('summaries and every details page stay within Block Kit limits, for each intent and scripted account', async () => {
    const ctx = testContext(store.db, AS_OF);
    const answers = [
      ...(await Promise.all(
        ['portfolio_review', 'nrr_report', 'cohort_analysis', 'help'].map((i) => run(ctx, i, {})),
      )),
    ];
    for (const intent of ACCOUNT_INTENTS)
      for (const account of ACCOUNTS) answers.push(await run(ctx, intent, { account }));
    answers.push(await run(ctx, 'draft_email', { account: 'Initech', kind: 'qbr_follow_up' }));
    let pages = 0;
    for (const answer of answers) {
      const first = answerMessage(answer);
      expect(messageProblems(first), `${answer.intent} ${answer.account?.name ?? ''}`).toEqual([]);
      expect(first.text.length).toBeGreaterThan(0);
      const hasDetails = JSON.stringify(first.blocks).includes('"Show details"');
      if (!hasDetails) continue;
      for (let page = 1; page <= 5; page++) {
        const msg = detailsMessage(answer, page);
        expect(messageProblems(msg), `${answer.intent} page ${page}`).toEqual([]);
        pages++;
        if (!JSON.stringify(msg.blocks).includes('Show more')) break;
      }
    }
    expect(answers.length).toBe(4 + ACCOUNT_INTENTS.length * ACCOUNTS.length + 1);
    expect(pages).toBeGreaterThan(0);
    expect(PAGE_BLOCKS).toBeLessThanOrEqual(45);
  });

  it('keeps the QBR agenda in the first message and offers the follow-up email', async () => {
    const answer = await run(testContext(store.db, AS_OF), 'qbr_prep', { account: 'Initech' });
    const first = answerMessage(answer);
    expect(first.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: expect.stringMatching(/^Initech QBR prep — enterprise/) },
    });
    const text = JSON.stringify(first.blocks);
    expect(text).toContain('Agenda (60 minutes)');
    expect(text).toContain('"Draft email"');
    expect(text).toContain('qbr_follow_up');
  });
});
