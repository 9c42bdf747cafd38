import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnswer } from '../../commands/answer-text.ts';
import type { CohortAnalysisData } from '../../commands/cohort-analysis/command.ts';
import type { NrrReportData } from '../../commands/nrr-report/command.ts';
import type { PortfolioReviewData } from '../../commands/portfolio-review/command.ts';
import { ask, run } from '../../commands/router.ts';
import { importFile } from '../../store/import/import-file.ts';
import { testContext } from '../helpers/command-context.ts';
import { openTestStore, type TestStore } from '../helpers/test-db.ts';

// METRICS.md's worked example, imported through the real importer.
const DIR = join(import.meta.dirname, '..', 'fixtures', 'metrics', 'example1_baseline');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));

let store: TestStore;
const context = () => testContext(store.db, '2026-11-24');

beforeAll(async () => {
  store = await openTestStore();
  await importFile(store.db, 'accounts', join(DIR, 'accounts.csv'));
  await importFile(store.db, 'revenue', join(DIR, 'mrr.csv'));
  await store.db.query(
    "UPDATE accounts SET segment = CASE WHEN account_id IN ('A01','A02','A03','A04') THEN 'enterprise' ELSE 'smb' END",
  );
});
afterAll(async () => store.cleanup());

describe(`revenue reports on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('nrr_report reproduces every monthly and trailing-12 entry of the worked example', async () => {
    const answer = await run(context(), 'nrr_report', { as_of: '2024-03' });
    const data = answer.data as NrrReportData;
    expect(data.monthly).toEqual(expected.monthly);
    expect(data.trailing_12).toEqual(expected.trailing_12);
    expect(data.as_of).toBe(expected.as_of);
    expect(answer.provenance.reproduce).toBe('cse run nrr_report --as-of 2024-03');
    expect(data.definition.version).toBe('METRICS.md v1');
    expect(data.definition.settings).toEqual({
      reactivation_window_months: null,
      include_monthly_renewals: false,
      quick_ratio: 'new_plus_expansion',
      cohort_cells: 'net',
    });
  });

  it('defaults to the latest revenue month and stops the series at an earlier as-of month', async () => {
    const latest = (await run(context(), 'nrr_report', {})).data as NrrReportData;
    expect(latest.month).toBe('2024-03');
    const january = (await run(context(), 'nrr_report', { as_of: '2024-01' })).data as NrrReportData;
    expect(january.monthly).toEqual(expected.monthly.slice(0, 12));
    expect(january.trailing_12).toEqual(expected.trailing_12.slice(0, 1));
    expect(january.headline.trailing_12?.nrr).toEqual({ num: 2700, den: 3450, value: 0.782609 });
  });

  it('explains the trailing-12 NRR with a bridge whose steps add up, accounts largest first', async () => {
    const data = (await run(context(), 'nrr_report', { as_of: '2024-03' })).data as NrrReportData;
    const t12 = expected.trailing_12[2];
    expect(data.headline.trailing_12).toMatchObject({ base_month: '2023-03', nrr: t12.nrr, grr: t12.grr });
    const bridge = data.bridge;
    expect(bridge).not.toBeNull();
    if (!bridge) return;
    expect(bridge.start_mrr + bridge.expansion_mrr - bridge.contraction_mrr - bridge.churn_mrr).toBe(
      bridge.end_mrr,
    );
    expect(bridge.start_mrr).toBe(t12.base_mrr);
    expect(bridge.end_mrr).toBe(t12.cohort_mrr_now);
    expect(bridge.churn.map((a) => [a.account_id, a.amount])).toEqual([
      ['A03', 800],
      ['A12', 400],
    ]);
    expect(bridge.expansion.map((a) => a.account_id)).toEqual(['A02', 'A04', 'A06']);
    expect(data.bands).toEqual({
      segment: 'all',
      good: 1,
      great: 1.1,
      world_class: 1.2,
      rating: 'below good',
    });
  });

  it('scopes the report to a segment and compares with that segment’s bands', async () => {
    const data = (await run(context(), 'nrr_report', { as_of: '2024-03', segment: 'enterprise' }))
      .data as NrrReportData;
    expect(data.scope.segment).toBe('enterprise');
    // Enterprise A01–A04: A01, A02, A03 paid in 2023-03 (500 + 300 + 800), A04 (1000) too.
    expect(data.headline.trailing_12?.nrr).toEqual({
      num: 500 + 600 + 0 + 1100,
      den: 500 + 300 + 800 + 1000,
      value: 0.846154,
    });
    expect(data.bands.segment).toBe('enterprise');
  });

  it('cohort_analysis reproduces the cohort tables and observes where customers drop off', async () => {
    const data = (await run(context(), 'cohort_analysis', { as_of: '2024-03', metric: 'logo' }))
      .data as CohortAnalysisData;
    expect(data.cohorts).toEqual(expected.cohorts);
    // Only A07 (cohort 2023-06) churns in its first year: month 4 → 5.
    expect(data.observations.steepest_drop).toEqual({
      from_k: 4,
      to_k: 5,
      average_drop: 0.25,
      diagnosis: 'mid-life',
    });
    expect(data.observations.sentences[0]).toContain('from month 4 to 5');
  });

  it('portfolio_review carries the renewal pipeline and health distribution of the worked example', async () => {
    const data = (await run(context(), 'portfolio_review', { as_of: '2024-03' })).data as PortfolioReviewData;
    expect(data.renewal_pipeline).toEqual(expected.renewal_pipeline);
    expect(data.health_distribution).toEqual(expected.health_distribution);
  });

  it('routes plain words to the reports and renders them for the terminal', async () => {
    const nrr = await ask(context(), 'what is our net revenue retention as of 2024-03?');
    expect(nrr.intent).toBe('nrr_report');
    const text = renderAnswer(nrr);
    expect(text).toContain('Trailing 12 months (2023-03 → 2024-03): NRR 82.8%  GRR 72.0%');
    expect(text).toContain('− churn');
    expect(text).toContain('A03 $800');
    const cohorts = await ask(context(), 'revenue cohort analysis as of 2024-03');
    expect(cohorts.args).toEqual({ as_of: '2024-03', metric: 'revenue' });
    expect(renderAnswer(cohorts)).toMatch(/2023-01\*\s+7\s+100%/);
  });

  it('says what to do when there is no revenue data in scope', async () => {
    const empty = await openTestStore();
    try {
      await expect(run(testContext(empty.db, '2026-11-24'), 'nrr_report', {})).rejects.toThrow(
        /no revenue data yet/,
      );
    } finally {
      await empty.cleanup();
    }
  });
});
