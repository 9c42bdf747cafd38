import { formatPercent } from '../../render/percent.ts';
import { formatTable } from '../../render/table.ts';
import type { CohortAnalysisData } from './command.ts';

const MAX_COLUMNS = 13;

/** Terminal text for a cohort table (months 0–12) and its observations. Pure. */
export function renderCohortAnalysis(data: CohortAnalysisData): string {
  const book = data.scope.book === 'csm' ? `${data.scope.csm}'s book` : 'whole portfolio';
  const width = Math.min(MAX_COLUMNS, Math.max(0, ...data.cohorts.map((c) => c.cells.length)));
  const ks = Array.from({ length: width }, (_, k) => k);
  const rows = data.cohorts.map((c) => [
    `${c.cohort}${c.left_censored ? '*' : ''}`,
    String(c.size),
    ...ks.map((k) => {
      const cell = c.cells[k];
      if (!cell) return '';
      return formatPercent((data.metric === 'logo' ? cell.logo_retention : cell.revenue_retention).value, 0);
    }),
  ]);
  return [
    `Cohort analysis — ${data.metric} retention by signup month, ${book}${data.scope.segment ? `, ${data.scope.segment} only` : ''}, through ${data.month}`,
    '',
    formatTable(['Cohort', 'Size', ...ks.map((k) => `M${k}`)], rows, [
      'left',
      'right',
      ...ks.map(() => 'right' as const),
    ]),
    data.cohorts.some((c) => c.left_censored) ? '* already paying when the data starts (left-censored)' : '',
    '',
    ...data.observations.sentences.map((s) => `• ${s}`),
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
}
