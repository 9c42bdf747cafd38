import { describe, expect, it } from 'vitest';
import type { ParsedIntent } from '../../commands/intent.ts';
import { combineReadings } from '../../commands/parse/combine-readings.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { storedIntentModel } from '../../knowledge/intent-model.ts';
import { lexicalFeatures } from '../../tools/intent/intent-features.ts';

const thresholds = { accept: 0.75, close: 0.1, override: 0.9 };
const takesAccount = (intent: string) => ['score', 'churn_risk', 'save_play'].includes(intent);
const rules = (over: Partial<ParsedIntent>): ParsedIntent => ({
  text: 't',
  intent: 'unknown',
  accountMention: null,
  args: {},
  via: 'rules',
  confidence: 0,
  reading: { probe: 'xacctx plan', mention: 'acme', args: { as_of: '2026-06' } },
  ...over,
});
const ranked = (...pairs: [string, number][]) =>
  pairs.map(([intent, probability]) => ({ intent, probability }));

describe('the rules and the intent model together', () => {
  it('keeps a whole-phrase reading of the rules whatever the model says', () => {
    const sure = rules({ intent: 'score', confidence: 0.95, accountMention: 'acme' });
    expect(combineReadings(sure, ranked(['churn_risk', 0.99]), thresholds, takesAccount)).toBe(sure);
  });

  it('lets a sure model overrule a trigger reading, and keeps the trigger below the override level', () => {
    const trigger = rules({ intent: 'score', confidence: 0.9 });
    const over = combineReadings(trigger, ranked(['churn_risk', 0.93]), thresholds, takesAccount);
    expect([over.intent, over.via, over.accountMention, over.args]).toEqual([
      'churn_risk',
      'model',
      'acme',
      { as_of: '2026-06' },
    ]);
    expect(combineReadings(trigger, ranked(['churn_risk', 0.85]), thresholds, takesAccount)).toBe(trigger);
  });

  it('takes the model’s sure reading where the rules found nothing, with no account for a book question', () => {
    const taken = combineReadings(
      rules({}),
      ranked(['portfolio_review', 0.8], ['score', 0.1]),
      thresholds,
      takesAccount,
    );
    expect([taken.intent, taken.accountMention, taken.confidence]).toEqual(['portfolio_review', null, 0.8]);
    const out = combineReadings(rules({}), ranked(['unknown', 0.9]), thresholds, takesAccount);
    expect([out.intent, out.readings]).toEqual(['unknown', undefined]);
  });

  it('asks back with up to three close in-scope readings, best first, and gives up only when none is close', () => {
    const asked = combineReadings(
      rules({}),
      ranked(
        ['save_play', 0.4],
        ['unknown', 0.2],
        ['score', 0.2],
        ['churn_risk', 0.12],
        ['help', 0.11],
        ['alerts', 0.05],
      ),
      thresholds,
      takesAccount,
    );
    expect(asked.intent).toBe('unknown');
    expect(asked.readings?.map((r) => [r.intent, r.accountMention, r.probability])).toEqual([
      ['save_play', 'acme', 0.4],
      ['score', 'acme', 0.2],
      ['churn_risk', 'acme', 0.12],
    ]);
    const nothing = combineReadings(
      rules({}),
      ranked(['unknown', 0.5], ['score', 0.05]),
      thresholds,
      takesAccount,
    );
    expect(nothing.readings).toBeUndefined();
  });

  it('reads words, word pairs, first and last words and letter triples, with numbers as 0', () => {
    expect(lexicalFeatures('churn xacctx 30')).toEqual([
      'w:churn',
      'c:<ch',
      'c:chu',
      'c:hur',
      'c:urn',
      'c:rn>',
      'w:xacctx',
      'b:churn xacctx',
      'w:0',
      'b:xacctx 0',
      's:churn',
      'e:0',
      'n:3',
    ]);
  });

  it('ships a model for every question a person can type, and out of scope', () => {
    const model = storedIntentModel();
    const questions = COMMANDS.filter((c) => c.examples.length > 0).map((c) => c.intent);
    expect([...model.intents].sort()).toEqual([...questions, 'unknown'].sort());
    expect(model.thresholds.close).toBeLessThan(model.thresholds.accept);
  });
});
