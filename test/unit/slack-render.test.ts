import { describe, expect, it } from 'vitest';
import { decodeDisagree, decodeValue, encodeDisagree, PageValue } from '../../bot/actions.ts';
import { withoutLeadingMentions } from '../../bot/listeners/events/index.ts';
import { helpMessage, unknownMessage } from '../../bot/render/answer-message.ts';
import { errorMessage } from '../../bot/render/error-message.ts';
import { homeView } from '../../bot/render/home-view.ts';
import { fitText, messageProblems, SLACK_LIMITS } from '../../bot/render/slack-limits.ts';
import { chunkLines, textSections } from '../../bot/render/text-sections.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { bookOverview } from '../../tools/portfolio/book-overview.ts';
import { portfolioSummary } from '../../tools/portfolio/portfolio-summary.ts';

describe('Block Kit text within Slack limits', () => {
  it('cuts long text at a word and marks it', () => {
    expect(fitText('short', 10)).toBe('short');
    expect(fitText('renewal prep for the enterprise book', 20)).toBe('renewal prep for…');
  });

  it('splits a long table between rows and repeats its heading in every chunk', () => {
    const rows = Array.from(
      { length: 400 },
      (_, i) => `Account ${String(i).padStart(3, '0')}  $${i}k  healthy`,
    );
    const lines = ['Account      ARR  Tier', '───────────  ───  ────', ...rows];
    const chunks = chunkLines(lines, 2980);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.slice(0, 2)).toEqual(lines.slice(0, 2));
      expect(chunk.join('\n').length).toBeLessThanOrEqual(2980);
    }
    expect(chunks.flatMap((c) => c.slice(2))).toEqual(rows);
  });

  it('renders tables as code blocks and prose as text, escaping Slack control characters', () => {
    const blocks = textSections('Risk for A&B <Corp>\n\nName  ARR\n────  ───\nA&B   $1k');
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'Risk for A&amp;B &lt;Corp&gt;' } },
      { type: 'section', text: { type: 'mrkdwn', text: '```Name  ARR\n────  ───\nA&amp;B   $1k```' } },
    ]);
  });

  it('flags every limit a message breaks', () => {
    const tooMany = { text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' as const })) };
    expect(messageProblems(tooMany)).toEqual(['51 blocks (max 50)']);
    const longSection = {
      text: '',
      blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'x'.repeat(3001) } }],
    };
    expect(messageProblems(longSection)).toEqual(['no fallback text', 'block 0: section text 3001 chars']);
  });
});

describe('messages for help, out-of-scope questions and errors', () => {
  it('lists every command in help, within limits', () => {
    const commands = Array.from({ length: 14 }, (_, i) => ({
      intent: `intent_${i}`,
      title: `Command ${i}`,
      summary: 'A long summary of what this command answers, with enough words to matter. '.repeat(3),
      examples: [`example ${i}`],
      run: `cse run intent_${i}`,
      options: [],
    }));
    const groups = [
      { topic: 'accounts', title: 'Accounts', shown: true, commands: commands.slice(0, 7) },
      { topic: 'portfolio', title: 'Portfolio and revenue', shown: true, commands: commands.slice(7) },
      { topic: 'voice', title: 'Customer voice', shown: false, commands: [] },
    ];
    const msg = helpMessage({ topic: null, groups, commands, import_kinds: [] } as never);
    expect(messageProblems(msg)).toEqual([]);
    const text = JSON.stringify(msg.blocks);
    for (let i = 0; i < 14; i++) expect(text).toContain(`*Command ${i}*`);
    expect(text).toContain('say _“help voice”_');
  });

  it('answers out-of-scope questions with examples', () => {
    const msg = unknownMessage({
      message: 'I can\'t answer "book me a flight" yet. Here is what I can do:',
      suggestions: [{ intent: 'score', example: 'score Acme Corp' }],
      readings: [],
    });
    expect(msg.text).toBe('I can\'t answer "book me a flight" yet. Here is what I can do:');
    expect(msg.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '• _“score Acme Corp”_\n• _“help”_ for everything' },
    });
  });

  it('turns an ambiguous account into one "did you mean" button per candidate that re-asks the question', () => {
    const error = new CseError(
      ErrorCode.AccountAmbiguous,
      "'oak' matches several accounts: Oak Freight, Oak Studios",
      {
        hint: 'Say which one',
        details: { candidates: ['Oak Freight', 'Oak Studios'], question: { intent: 'qbr_prep', args: {} } },
      },
    );
    const msg = errorMessage(error);
    expect(msg.text).toBe("'oak' matches several accounts: Oak Freight, Oak Studios. Say which one");
    const actions = msg.blocks[1];
    if (actions?.type !== 'actions') throw new Error('no buttons');
    expect(
      actions.elements.map((e) => (e.type === 'button' ? [e.text.text, e.action_id, e.value] : null)),
    ).toEqual([
      [
        'Did you mean Oak Freight?',
        'cs_pick_account_oak_freight',
        '{"intent":"qbr_prep","args":{},"account":"Oak Freight"}',
      ],
      [
        'Did you mean Oak Studios?',
        'cs_pick_account_oak_studios',
        '{"intent":"qbr_prep","args":{},"account":"Oak Studios"}',
      ],
    ]);
    expect(errorMessage(new Error('boom')).text).toMatch(/^boom\. This is a bug or a system failure/);
  });

  it('rejects tampered button values', () => {
    expect(decodeValue(PageValue, '{"intent":"score","args":{},"account":null,"page":0}')).toBeNull();
    expect(decodeValue(PageValue, 'not json')).toBeNull();
    const choice = {
      reason: 'data_stale' as const,
      account: 'ACC-00001',
      as_of: '2026-11-24',
      score: 71,
      tier: 'healthy',
    };
    expect(decodeDisagree(encodeDisagree(choice))).toEqual(choice);
    expect(encodeDisagree(choice).length).toBeLessThanOrEqual(150);
    expect(decodeDisagree('make_it_praise|ACC-00001|2026-11-24|71|healthy')).toBeNull();
  });

  it('reads the question without the mention that addressed the bot', () => {
    expect(withoutLeadingMentions('<@U0BOT123> score Acme')).toBe('score Acme');
    expect(withoutLeadingMentions('<@U0BOT123|cse>, churn risk for <@U0OTHER>')).toBe(
      'churn risk for <@U0OTHER>',
    );
  });
});

describe('the App Home', () => {
  const account = (
    accountId: string,
    name: string,
    tier: string | null,
    renewalDate: string | null,
    arrCents: number,
    contractTerm = 'annual',
  ) => ({
    accountId,
    name,
    segment: 'mid-market',
    csm: 'grace@example.com',
    renewalDate,
    contractTerm,
    mrrCents: arrCents / 12,
    hasRevenue: true,
    declaredArrCents: null,
    healthTier: tier,
  });
  const summary = portfolioSummary(
    [
      account('A1', 'Acme', 'healthy', '2027-01-10', 12_000_000),
      account('A2', 'Globex', 'critical', '2026-12-04', 5_000_000),
      account('A3', 'Initech', 'at-risk', '2026-11-01', 900_000),
      account('A4', 'Hooli', null, null, 0),
      account('A5', 'Umbrella', 'critical', '2027-06-01', 120_000),
      // A monthly contract has no renewal event, so no renewal and no overdue alert.
      account('A6', 'Wonka', 'at-risk', '2026-11-30', 240_000, 'monthly'),
    ],
    '2026-11-24',
  );
  const overview = () => bookOverview(summary.accounts, summary.nextRenewals);

  it('groups the book worst tier first, with the renewals of the next 90 days', () => {
    const book = overview();
    expect(book.tiers.map((t) => [t.tier, t.count, t.arrCents])).toEqual([
      ['critical', 2, 5_120_000],
      ['at-risk', 2, 1_140_000],
      ['healthy', 1, 12_000_000],
      ['unscored', 1, 0],
    ]);
    expect(book.renewals.map((r) => [r.name, r.daysToRenewal])).toEqual([
      ['Globex', 10],
      ['Acme', 47],
    ]);
  });

  it('renders the book, alerts and renewals field by field', () => {
    const alerts = [
      {
        alert_id: 'AL-000004',
        name: 'Globex',
        severity: 'critical' as const,
        label: 'Champion left',
        reason: 'Champion left on 2026-11-03.',
      },
      {
        alert_id: 'AL-000009',
        name: 'Initech <x>',
        severity: 'medium' as const,
        label: 'Renewal step due',
        reason: 'The −45-day step is due.',
      },
    ];
    const view = homeView({ ...overview(), alerts, asOf: '2026-11-24', csm: 'grace' }, 'Grace');
    expect(view.type).toBe('home');
    expect(view.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: "Grace's book: 6 accounts · $183k ARR", emoji: true },
    });
    const texts = view.blocks
      .map((b) => (b.type === 'section' && b.text ? b.text.text : null))
      .filter(Boolean);
    expect(texts).toContain('*Open alerts* (2)');
    expect(texts).toContain(
      ':rotating_light: *Globex* — Champion left: Champion left on 2026-11-03. _(AL-000004)_\n:large_orange_diamond: *Initech &lt;x&gt;* — Renewal step due: The −45-day step is due. _(AL-000009)_',
    );
    expect(texts).toContain(
      '• 2026-12-04 (10d) · *Globex* · $50.0k · critical\n• 2027-01-10 (47d) · *Acme* · $120k · healthy',
    );
    expect(texts).toContain('*critical* — 2 accounts, $51.2k\nGlobex, Umbrella');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const b of view.blocks)
      if (b.type === 'section' && b.text)
        expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  });
});
