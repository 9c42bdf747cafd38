import { describe, expect, it } from 'vitest';
import { AccountLexicon } from '../../commands/parse/account-lexicon.ts';
import { asOfInWords } from '../../commands/parse/dates-in-words.ts';
import { parseWithRules } from '../../commands/parse/rules.ts';
import { availableIntents, intentRules } from '../../commands/registry.ts';
import { redactPii } from '../../llm/redact.ts';

const TODAY = '2026-11-24';
const accounts = new AccountLexicon([
  { name: 'Acme Corp', domain: 'acmecorp.example' },
  { name: 'Umbrella Health', domain: null },
  { name: 'Ember Health', domain: null },
  { name: 'Ember Foods', domain: null },
  { name: 'Globex', domain: 'globex.example' },
]);
const parse = (text: string) =>
  parseWithRules(text, availableIntents(), { today: TODAY, accounts, rules: intentRules() });

describe('dates in words', () => {
  it.each([
    ['score acme as of 2026-06-30', '2026-06-30'],
    ['nrr as of 2026-09', '2026-09'],
    ['portfolio review as of march', '2026-03'],
    ['nrr for june 2025', '2025-06'],
    ['nrr as of december', '2025-12'],
    ['grr last quarter', '2026-09'],
    ['mrr bridge for last month', '2026-10'],
    ['logo retention last year', '2025-12'],
    ['score acme end of q2', '2026-06'],
    ['score acme end of q4', '2025-12'],
    ['cohorts as of q1 2026', '2026-03'],
    ['score acme yesterday', '2026-11-23'],
    ['score acme last week', '2026-11-17'],
    ['score acme two weeks ago', '2026-11-10'],
    ['score acme 30 days ago', '2026-10-25'],
    ['portfolio as of november', '2026-11-24'],
  ])('%s → %s', (text, asOf) => {
    expect(asOfInWords(text, TODAY)?.asOf).toBe(asOf);
  });

  it('leaves "may" the verb alone and names no date when there is none', () => {
    expect(asOfInWords('may i see the score for acme', TODAY)).toBeNull();
    expect(asOfInWords('qbr prep for globex tomorrow', TODAY)).toBeNull();
  });

  it('takes the date out of the account name', () => {
    expect(parse('health score acme corp as of last quarter')).toMatchObject({
      intent: 'score',
      accountMention: 'acme corp',
      args: { as_of: '2026-09' },
    });
  });
});

describe('rules parser on words', () => {
  it('finds the account name before reading the intent: "health" in a name is not a command', () => {
    expect(parse('win-back plan for umbrella health')).toMatchObject({
      intent: 'winback_plan',
      accountMention: 'umbrella health',
      confidence: 0.95,
    });
    expect(parse('how is ember health doing')).toMatchObject({
      intent: 'score',
      accountMention: 'ember health',
    });
    expect(parse('score umbrella health')).toMatchObject({
      intent: 'score',
      accountMention: 'umbrella health',
    });
  });

  it('corrects typos in command words, not in names, and says it is less sure', () => {
    expect(parse('scroe globex')).toMatchObject({
      intent: 'score',
      accountMention: 'globex',
      confidence: 0.85,
    });
    expect(parse('chrun risk for acme corp')).toMatchObject({
      intent: 'churn_risk',
      accountMention: 'acme corp',
    });
    expect(parse('qrb prep globex')).toMatchObject({ intent: 'qbr_prep', accountMention: 'globex' });
  });

  it('reads Slack mentions, /cs, polite words and extra words', () => {
    expect(
      parse('<@U0CSBOT> could you please do the renewal prep for Globex next week, thanks!'),
    ).toMatchObject({
      intent: 'renewal_prep',
      accountMention: 'globex',
    });
    expect(parse('/cs save play acmecorp.example')).toMatchObject({
      intent: 'save_play',
      accountMention: 'acmecorp.example',
    });
  });

  it('keeps an unknown name for the resolver to answer "did you mean", with lower confidence', () => {
    expect(parse('churn risk for globx')).toMatchObject({
      intent: 'churn_risk',
      accountMention: 'globx',
      confidence: 0.85,
    });
    expect(parse('qbr prep for bananas')).toMatchObject({
      intent: 'qbr_prep',
      accountMention: 'bananas',
      confidence: 0.7,
    });
  });

  it('treats weak words without an account as out of scope, and says what it can do', () => {
    for (const text of [
      "what's the score of the game",
      'save this file',
      'how do I grow tomatoes',
      'help me write a poem',
    ]) {
      expect(parse(text)).toMatchObject({ intent: 'unknown' });
    }
    expect(parse('tell me a joke')).toMatchObject({ intent: 'unknown', confidence: 0 });
  });

  it('reads the email kind for drafts', () => {
    expect(parse('draft win-back email 2 for globex')).toMatchObject({
      intent: 'draft_email',
      args: { kind: 'winback_2' },
    });
    expect(parse('write the qbr follow up email for acme')).toMatchObject({
      intent: 'draft_email',
      args: { kind: 'qbr_follow_up' },
    });
  });
});

describe('PII redaction', () => {
  it('removes emails, phone numbers and card numbers but keeps dates, amounts and ids', () => {
    expect(
      redactPii(
        'Mail ana.ruiz@acme.com or call +44 20 7946 0958 / (415) 555-0100; card 4111-1111-1111-1111. Renewal 2026-12-14, $12,400, ACC-00042, 38%.',
      ),
    ).toBe(
      'Mail [email] or call [phone] / [phone]; card [card number]. Renewal 2026-12-14, $12,400, ACC-00042, 38%.',
    );
  });
});

describe('edit distance', () => {
  it('counts inserts, deletes, substitutions and swaps, and stops early past a bound', async () => {
    const { editDistance } = await import('../../tools/text/edit-distance.ts');
    expect(editDistance('initech', 'initehc')).toBe(1);
    expect(editDistance('initech', 'intiehc')).toBe(2);
    expect(editDistance('scroe', 'score')).toBe(1);
    expect(editDistance('acme crop', 'acme corp')).toBe(1);
    expect(editDistance('globex', 'globx')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('northwind software', 'acme', 2)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
  });
});
