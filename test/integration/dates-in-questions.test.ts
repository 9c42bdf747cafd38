import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsData } from '../../commands/accounts/command.ts';
import { parseWithRules } from '../../commands/parse/rules.ts';
import { intentRules } from '../../commands/registry.ts';
import { ask } from '../../commands/router.ts';
import { loadConfig } from '../../core/config.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

/** What the rules understand of a question on a pinned day, with the team's fiscal year. */
function understood(text: string, today: string, fiscalYearStart = 1) {
  const rules = intentRules();
  const parsed = parseWithRules(
    text,
    rules.map((r) => r.intent),
    { today, fiscalYearStart, rules },
  );
  const { renewal_from, renewal_to, as_of } = parsed.args as Record<string, string | undefined>;
  return { intent: parsed.intent, window: renewal_from ? [renewal_from, renewal_to] : null, as_of };
}

const window = (from: string, to: string) => ({ intent: 'accounts', window: [from, to], as_of: undefined });

describe('dates as people mean them, on a pinned day', () => {
  it('in December: January is next January, next quarter is the next calendar quarter', () => {
    const today = '2026-12-15';
    expect(understood('which accounts renew in january?', today)).toEqual(window('2027-01-01', '2027-01-31'));
    expect(understood('renewals next quarter', today)).toEqual(window('2027-01-01', '2027-03-31'));
    expect(understood('renewals in Q1', today)).toEqual(window('2027-01-01', '2027-03-31'));
    // The month that is not over yet is the one meant.
    expect(understood('who is renewing in december', today)).toEqual(window('2026-12-01', '2026-12-31'));
    // An as-of date stays a date when the words say so.
    expect(understood('portfolio review as of january 2026', today)).toMatchObject({
      intent: 'portfolio_review',
      as_of: '2026-01',
      window: null,
    });
  });

  it('in March: January is the next one, and March itself is still ahead', () => {
    const today = '2027-03-10';
    expect(understood('enterprise accounts renewing in January', today)).toEqual(
      window('2028-01-01', '2028-01-31'),
    );
    expect(understood('accounts due in march', today)).toEqual(window('2027-03-01', '2027-03-31'));
    expect(understood('renewals next quarter', today)).toEqual(window('2027-04-01', '2027-06-30'));
    expect(understood('what is renewing this quarter', today)).toEqual(window('2027-01-01', '2027-03-31'));
  });

  it('on the last day of a quarter: this quarter is the one ending today, next quarter starts tomorrow', () => {
    const today = '2026-09-30';
    expect(understood('renewing this quarter', today)).toEqual(window('2026-07-01', '2026-09-30'));
    expect(understood('renewals next quarter', today)).toEqual(window('2026-10-01', '2026-12-31'));
    expect(understood('accounts renewing in the next 90 days', today)).toEqual(
      window('2026-09-30', '2026-12-29'),
    );
    expect(understood('accounts renewing next month', today)).toEqual(window('2026-10-01', '2026-10-31'));
  });

  it('with a fiscal year starting in February: quarters follow the team’s calendar', () => {
    // FY quarters: Feb–Apr, May–Jul, Aug–Oct, Nov–Jan.
    expect(understood('renewals next quarter', '2026-12-15', 2)).toEqual(window('2027-02-01', '2027-04-30'));
    expect(understood('renewing this quarter', '2026-12-15', 2)).toEqual(window('2026-11-01', '2027-01-31'));
    expect(understood('renewals in q1', '2026-12-15', 2)).toEqual(window('2027-02-01', '2027-04-30'));
    expect(understood('renewals in q3', '2027-03-10', 2)).toEqual(window('2027-08-01', '2027-10-31'));
    // The last day of a fiscal quarter.
    expect(understood('renewals next quarter', '2027-01-31', 2)).toEqual(window('2027-02-01', '2027-04-30'));
    expect(understood('renewing this quarter', '2027-01-31', 2)).toEqual(window('2026-11-01', '2027-01-31'));
    // A month is a month, whatever the fiscal year.
    expect(understood('which accounts renew in january?', '2026-12-15', 2)).toEqual(
      window('2027-01-01', '2027-01-31'),
    );
  });
});

describe('the answer states the window it used', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openDemoStore('2026-11-24');
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  it('lists only accounts renewing in the fiscal quarter asked, and says which dates', async () => {
    const ctx = testContext(store.db, '2026-12-15', {
      config: loadConfig({ CSE_FISCAL_YEAR_START: 'february' }),
    });
    const answer = await ask(ctx, 'which accounts renew next quarter?');
    expect(answer.intent).toBe('accounts');
    const data = answer.data as AccountsData;
    expect(data.understood).toContain('renewing 2027-02-01 to 2027-04-30');
    const [row] = await store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM accounts
        WHERE status = 'active' AND renewal_date BETWEEN '2027-02-01' AND '2027-04-30'`,
    );
    expect(data.total).toBe(row?.n);
    expect(data.total).toBeGreaterThan(0);
    expect(data.accounts.every((a) => a.renewal_date !== null && a.renewal_date >= '2027-02-01')).toBe(true);
    expect(data.accounts.every((a) => (a.renewal_date ?? '') <= '2027-04-30')).toBe(true);
  });
});
