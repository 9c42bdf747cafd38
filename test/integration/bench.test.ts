import { describe, expect, it } from 'vitest';
import { percentile } from '../../bench/report-bench.ts';
import { runCli } from '../helpers/run-cli.ts';

const storeEnv: Record<string, string> = process.env.DATABASE_URL
  ? { DATABASE_URL: process.env.DATABASE_URL }
  : {};

describe('cse bench', () => {
  it('takes nearest-rank percentiles', () => {
    const sample = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(sample, 50)).toBe(5);
    expect(percentile(sample, 95)).toBe(10);
    expect(percentile([42], 95)).toBe(42);
  });

  it('measures the store and the reports on a small portfolio and reports JSON', async () => {
    const { code, stdout, stderr } = await runCli(
      [
        'bench',
        '--accounts',
        '40',
        '--months',
        '14',
        '--runs',
        '1',
        '--repetitions',
        '3',
        '--items',
        '60',
        '--stored',
        '300',
        '--queries',
        '10',
        '--records',
        '40',
        '--json',
      ],
      storeEnv,
    );
    expect(stderr).toContain('timing nrr_report × 3');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.driver).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    expect(report.store.map((f: { name: string }) => f.name)).toEqual([
      'cold start',
      'warm reopen',
      'demo 200 accounts',
      'demo 40 accounts',
      'revenue import, new rows',
      'revenue import, unchanged rows',
    ]);
    expect(report.reports.map((r: { command: string; runs: number }) => [r.command, r.runs])).toEqual([
      ['nrr_report', 3],
      ['cohort_analysis', 3],
      ['portfolio_review', 3],
      ['accounts (the whole book, lowest health first)', 3],
      ['accounts --tier at-risk,critical --renewal-within 90', 3],
      ['accounts --score-max 50 --arr-min 50000 --no-touch-days 60 --sort renewal', 3],
      ['movers', 3],
      ['renewal_forecast', 3],
      ['renewal_forecast --track-record', 3],
      // Every command about one account that reads (writes are not benchmarked).
      ['signals', 3],
      ['account_feedback', 3],
      ['draft_email', 3],
      ['winback_plan', 3],
      ['onboarding_plan', 3],
      ['qbr_prep', 3],
      ['success_plan', 3],
      ['renewal_prep', 3],
      ['save_play', 3],
      ['expansion_opportunities', 3],
      ['churn_risk', 3],
      ['score', 3],
      ['account_glance', 3],
      [expect.stringMatching(/^score --all \(\d+ accounts\)$/), 1],
    ]);
    for (const r of report.reports) expect(r.p95_ms).toBeGreaterThanOrEqual(r.p50_ms);
    expect(report.slack.map((s: { command: string; runs: number }) => [s.command, s.runs])).toEqual([
      ['score', 3],
      ['portfolio_review', 3],
    ]);
    for (const s of report.slack) expect(s.ack_p99_ms).toBeGreaterThanOrEqual(s.ack_p50_ms);
    expect(report.feedback.loop.items).toBe(60);
    expect(report.feedback.loop.items_per_second).toBeGreaterThan(0);
    expect(report.feedback.knn).toMatchObject({ stored: 300, queries: 10, ef_search: 100 });
    expect(report.feedback.knn.p95_ms).toBeGreaterThanOrEqual(report.feedback.knn.p50_ms);
    expect(
      report.connectors.map(
        (c: { source: string; rows: number; resume: { rows_stored: number; exactly_once: boolean } }) => [
          c.source,
          c.rows,
          c.resume.rows_stored,
          c.resume.exactly_once,
        ],
      ),
    ).toEqual([
      ['stripe (subscriptions → MRR rows)', 40, 40, true],
      ['stripe invoices (+ past months from lines)', 40, 40, true],
      ['hubspot (companies, contacts, deals)', 120, 120, true],
      ['zendesk (tickets)', 80, 80, true],
      ['product events (track calls in batches of 500)', 80, 80, true],
    ]);
    // A benchmark of real work: it shares the machine with the rest of the suite.
  }, 240_000);
});
