import { describe, expect, it } from 'vitest';
import { AccountLexicon } from '../../commands/parse/account-lexicon.ts';
import { parseWithRules } from '../../commands/parse/rules.ts';
import { availableIntents, intentRules } from '../../commands/registry.ts';
import { AccountDirectory } from '../../commands/resolve-account.ts';
import { ErrorCode } from '../../core/errors.ts';

const NAMES: { account_id: string; name: string; domain: string | null; status: 'active' | 'churned' }[] = [
  { account_id: 'A1', name: 'Tyrell Systems', domain: 'tyrellsystems.example', status: 'active' },
  { account_id: 'A2', name: 'Apex Biotech', domain: 'apexbiotech.example', status: 'active' },
  { account_id: 'A3', name: 'Apex Media', domain: 'apexmedia.example', status: 'active' },
  { account_id: 'A4', name: 'Umbrella Health', domain: null, status: 'churned' },
  { account_id: 'A5', name: 'Globex', domain: 'globex.example', status: 'active' },
  { account_id: 'A6', name: 'Initech', domain: 'init-tech.example', status: 'active' },
];
const accounts = new AccountLexicon(NAMES);
const directory = new AccountDirectory(NAMES);
const parse = (text: string) =>
  parseWithRules(text, availableIntents(), { today: '2026-11-24', accounts, rules: intentRules() });

describe('everyday words for the commands', () => {
  it.each([
    ['intervention plan for tyrell', 'save_play'],
    ['get tyrell back on track', 'save_play'],
    ['how do we get umbrella back', 'winback_plan'],
    ['any early-warning signals for tyrell', 'churn_risk'],
    ['will tyrell renew or walk', 'churn_risk'],
    ['is tyrell in good shape', 'score'],
    ['write the qbr follow-up to globex', 'draft_email'],
    ['CS dashboard', 'portfolio_review'],
    ['weekly metrics', 'portfolio_review'],
    ['expansion vs churn this year', 'nrr_report'],
    ['top requets', 'top_requests'],
    ['feedbak sla', 'feedback_sla'],
    ['any early warnings today', 'alerts'],
  ])('reads "%s" as %s', (text, intent) => {
    expect(parse(text).intent).toBe(intent);
  });
});

describe('an account named by its first word', () => {
  it('takes the first word of a name out of the words around it', () => {
    expect(parse('cross-sell options at Tyrell')).toMatchObject({
      intent: 'expansion_opportunities',
      accountMention: 'tyrell',
    });
    expect(directory.resolve('tyrell')).toEqual({ id: 'A1', name: 'Tyrell Systems' });
  });

  it('asks back rather than pick between accounts that share the word', () => {
    const parsed = parse('quarterly review deck for apex');
    expect(parsed).toMatchObject({ intent: 'qbr_prep', accountMention: 'apex' });
    expect(() => directory.resolve('apex')).toThrow(
      expect.objectContaining({ code: ErrorCode.AccountAmbiguous }),
    );
  });
});

describe('an account named by its domain or misspelt', () => {
  it('keeps a domain whole, dashes and dots included', () => {
    expect(parse('churn risk for init-tech.example')).toMatchObject({
      intent: 'churn_risk',
      accountMention: 'init-tech.example',
    });
    expect(directory.resolve('init-tech.example')).toEqual({ id: 'A6', name: 'Initech' });
  });

  it('corrects two edits in a name of six letters or more, one in a shorter one', () => {
    expect(directory.resolve('Initek')).toEqual({ id: 'A6', name: 'Initech' });
    expect(directory.resolve('Tyrel Sistems')).toEqual({ id: 'A1', name: 'Tyrell Systems' });
    expect(() => directory.resolve('Glbx')).toThrow(
      expect.objectContaining({ code: ErrorCode.AccountNotFound }),
    );
  });
});
