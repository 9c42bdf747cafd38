import { describe, expect, it } from 'vitest';
import { parseOptionTokens, reproduceLine, usageOf } from '../../commands/command-args.ts';
import { normaliseMessage } from '../../commands/parse/normalise.ts';
import { parseWithRules } from '../../commands/parse/rules.ts';
import { PortfolioReviewArgs } from '../../commands/portfolio-review/command.ts';
import { intentRules } from '../../commands/registry.ts';
import { parseMessage } from '../../commands/router.ts';

const INTENTS = ['portfolio_review', 'help'] as const;

describe('rules parser', () => {
  it.each([
    ['portfolio review', 'portfolio_review', 0.95],
    ['<@U0BOT> Portfolio Review!', 'portfolio_review', 0.95],
    ['/cs portfolio', 'portfolio_review', 0.95],
    ['can you give me a portfolio overview please', 'portfolio_review', 0.9],
    ['how is my book looking?', 'portfolio_review', 0.9],
    ['what renewals are coming up', 'portfolio_review', 0.9],
    ['help', 'help', 0.95],
    ['what can you do?', 'help', 0.95],
    ['could you help with something', 'help', 0.9],
    ['help me with the portfolio', 'portfolio_review', 0.9],
    ['book me a flight', 'unknown', 0],
    ['tell me a joke', 'unknown', 0],
  ])('%s → %s', (text, intent, confidence) => {
    const parsed = parseWithRules(text, [...INTENTS], { today: '2026-11-24', rules: intentRules(INTENTS) });
    expect(parsed).toMatchObject({ intent, confidence, via: 'rules', text });
  });

  it.each([
    ['QBR prep for Initech', 'qbr_prep', 'initech'],
    ['prep me for the Globex QBR', 'qbr_prep', 'globex'],
    ['quarterly business review for Acme Corp', 'qbr_prep', 'acme corp'],
    ['hooli qbr', 'qbr_prep', 'hooli'],
    ['success plan for Initech', 'success_plan', 'initech'],
    ["what are Acme's goals?", 'success_plan', 'acme'],
    ['success plan for Soylent Foods and save', 'success_plan', 'soylent foods'],
  ])('%s → %s about %s', (text, intent, mention) => {
    expect(parseMessage(text, { today: '2026-11-24' })).toMatchObject({ intent, accountMention: mention });
  });

  it('reads --save from "and save" only for the success plan', () => {
    expect(parseMessage('success plan for Hooli and save', { today: '2026-11-24' }).args).toEqual({
      save: true,
    });
    expect(parseMessage('success plan for Hooli', { today: '2026-11-24' }).args).toEqual({});
  });

  it('routes only to intents that exist', () => {
    expect(
      parseWithRules('portfolio review', ['help'], { today: '2026-11-24', rules: intentRules(['help']) })
        .intent,
    ).toBe('unknown');
  });

  it('reads segment, scope and as-of from words', () => {
    expect(
      parseMessage('portfolio review for mid market as of 2026-06', { today: '2026-11-24' }).args,
    ).toEqual({
      segment: 'mid-market',
      as_of: '2026-06',
    });
    expect(parseMessage("how's my book", { today: '2026-11-24' }).args).toEqual({ scope: 'mine' });
    expect(parseMessage('whole team portfolio, enterprise', { today: '2026-11-24' }).args).toEqual({
      segment: 'enterprise',
      scope: 'team',
    });
  });

  it('normalises Slack markup and punctuation', () => {
    expect(normaliseMessage('<@U123|bot>  Portfolio   Review?? <!here>')).toBe('portfolio review');
  });
});

describe('command options', () => {
  it('parses --name value, --name=value and reproduces the line', () => {
    const args = parseOptionTokens(['--as-of', '2026-06', '--segment=smb'], PortfolioReviewArgs);
    expect(args).toEqual({ as_of: '2026-06', segment: 'smb' });
    expect(reproduceLine('portfolio_review', args, null)).toBe(
      'cse run portfolio_review --as-of 2026-06 --segment smb',
    );
    expect(reproduceLine('score', { as_of: '2026-06' }, "O'Brien & Co")).toBe(
      "cse run score --account 'O'\\''Brien & Co' --as-of 2026-06",
    );
  });

  it('rejects unknown options and missing values with the usage', () => {
    expect(() => parseOptionTokens(['--colour', 'red'], PortfolioReviewArgs)).toThrow(
      /Unknown option --colour/,
    );
    expect(() => parseOptionTokens(['--segment'], PortfolioReviewArgs)).toThrow(/--segment needs a value/);
    expect(() => parseOptionTokens(['smb'], PortfolioReviewArgs)).toThrow(/Unexpected argument 'smb'/);
    expect(usageOf(PortfolioReviewArgs)).toBe(
      '[--as-of <YYYY-MM[-DD]>] [--segment <enterprise|mid-market|smb|self-serve>] [--csm <value>] [--scope <mine|team>]',
    );
  });
});
