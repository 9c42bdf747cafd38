import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cohortEntry,
  distributionShape,
  monthlyEntry,
  movementEntry,
  pipelineShape,
  trailingEntry,
} from '../../commands/metrics-shapes.ts';
import { cohortTable } from '../../tools/metrics/cohorts.ts';
import { healthDistribution } from '../../tools/metrics/health-distribution.ts';
import { accountMovements, monthlyMovements } from '../../tools/metrics/movements.ts';
import { buildMrrGrid, type MrrFact } from '../../tools/metrics/mrr-grid.ts';
import { renewalPipeline } from '../../tools/metrics/renewal-pipeline.ts';
import { trailingRetention } from '../../tools/metrics/trailing-retention.ts';

// The worked example of METRICS.md (reproduced in test/fixtures/metrics/example1_baseline).
const DIR = join(import.meta.dirname, '..', 'fixtures', 'metrics', 'example1_baseline');
const csv = (file: string) =>
  readFileSync(join(DIR, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));
const facts: MrrFact[] = csv('mrr.csv').map(([accountId, month, mrr]) => ({
  accountId: accountId as string,
  month: month as string,
  mrrCents: Math.round(Number(mrr) * 100),
}));
const accounts = csv('accounts.csv').map(([accountId, contractTerm, renewalDate, tier]) => ({
  accountId: accountId as string,
  contractTerm: contractTerm || null,
  renewalDate: renewalDate || null,
  tier: tier || null,
}));
const grid = buildMrrGrid(facts);
const lastIndex = grid.months.length - 1;
const currentMrr = (id: string) => grid.series.get(id)?.[lastIndex] ?? 0;

describe('METRICS.md worked example (example1_baseline)', () => {
  it('builds the continuous month grid', () => {
    expect(grid.months).toEqual(expected.months);
  });

  it('reproduces every monthly roll-forward entry exactly', () => {
    expect(monthlyMovements(grid).map(monthlyEntry)).toEqual(expected.monthly);
  });

  it('reproduces every trailing-12 entry, alternatives included', () => {
    expect(trailingRetention(grid).map(trailingEntry)).toEqual(expected.trailing_12);
  });

  it('reproduces the cohort tables', () => {
    expect(cohortTable(grid).map(cohortEntry)).toEqual(expected.cohorts);
  });

  it('reproduces the movements by account', () => {
    expect(accountMovements(grid).map(movementEntry)).toEqual(expected.movements_by_account);
  });

  it('reproduces the renewal pipeline and the health distribution', () => {
    const pipeline = renewalPipeline(
      accounts.map((a) => ({ ...a, mrrCents: currentMrr(a.accountId) })),
      expected.as_of,
    );
    expect(pipelineShape(pipeline)).toEqual(expected.renewal_pipeline);
    const distribution = healthDistribution(
      accounts.map((a) => ({ accountId: a.accountId, tier: a.tier, mrrCents: currentMrr(a.accountId) })),
    );
    expect(distributionShape(distribution)).toEqual(expected.health_distribution);
  });
});
