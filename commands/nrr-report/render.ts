import { formatMoneyShort } from '../../core/money.ts';
import { formatPercent } from '../../render/percent.ts';
import { formatTable } from '../../render/table.ts';
import type { NrrReportData } from './command.ts';

const cents = (amount: number) => Math.round(amount * 100);
const TOP = 5;
const MONTHS_SHOWN = 12;

/** Terminal text for the NRR report: headline, bands, bridge (top 5 per step), last 12 months. Pure. */
export function renderNrrReport(data: NrrReportData): string {
  const book = data.scope.book === 'csm' ? `${data.scope.csm}'s book` : 'whole portfolio';
  const segment = data.scope.segment ? `, ${data.scope.segment} only` : '';
  const t12 = data.headline.trailing_12;
  const product = data.product ? `, product ${data.product}` : '';
  const lines = [`NRR report — ${book}${segment}${product}, ${data.month}`, ''];
  if (t12) {
    lines.push(
      `Trailing 12 months (${t12.base_month} → ${data.month}): NRR ${formatPercent(t12.nrr.value)}  GRR ${formatPercent(t12.grr.value)}  logo retention ${formatPercent(t12.logo_retention.value)}  expansion ${formatPercent(t12.expansion_rate.value)}`,
      `Bands for ${data.bands.segment}: good ${formatPercent(data.bands.good, 0)}, great ${formatPercent(data.bands.great, 0)}, world-class ${formatPercent(data.bands.world_class, 0)} — this is ${data.bands.rating}.`,
    );
  } else {
    lines.push('Trailing-12 NRR needs 13 months of revenue data; only monthly figures are available.');
  }
  if (data.headline.monthly)
    lines.push(
      `This month: NRR ${formatPercent(data.headline.monthly.nrr.value)}, GRR ${formatPercent(data.headline.monthly.grr.value)}`,
    );
  const bridge = data.bridge;
  if (bridge) {
    const step = (
      label: string,
      sign: string,
      amount: number,
      accounts: NrrReportData['bridge'] extends infer B
        ? B extends { expansion: infer L }
          ? L
          : never
        : never,
    ) => {
      const top = accounts.slice(0, TOP).map((a) => `${a.name} ${formatMoneyShort(cents(a.amount))}`);
      const more = accounts.length > TOP ? ` and ${accounts.length - TOP} more` : '';
      return `  ${sign} ${label.padEnd(11)} ${formatMoneyShort(cents(amount)).padStart(8)}${top.length > 0 ? `   ${top.join(', ')}${more}` : ''}`;
    };
    lines.push(
      '',
      `MRR bridge of the accounts paying in ${bridge.from_month}:`,
      `    start       ${formatMoneyShort(cents(bridge.start_mrr)).padStart(8)}`,
      step('expansion', '+', bridge.expansion_mrr, bridge.expansion),
      step('contraction', '−', bridge.contraction_mrr, bridge.contraction),
      step('churn', '−', bridge.churn_mrr, bridge.churn),
      `  = now         ${formatMoneyShort(cents(bridge.end_mrr)).padStart(8)}`,
    );
  }
  const recent = (data.monthly as Record<string, unknown>[]).slice(-MONTHS_SHOWN);
  if (recent.length > 0) {
    const value = (row: Record<string, unknown>, key: string) =>
      formatPercent((row[key] as { value: number | null }).value);
    lines.push(
      '',
      formatTable(
        ['Month', 'Start MRR', 'New', 'Expansion', 'Contraction', 'Churn', 'End MRR', 'NRR', 'GRR'],
        recent.map((row) => [
          String(row.month),
          ...['starting_mrr', 'new_mrr', 'expansion_mrr', 'contraction_mrr', 'churn_mrr', 'ending_mrr'].map(
            (k) => formatMoneyShort(cents(row[k] as number)),
          ),
          value(row, 'nrr'),
          value(row, 'grr'),
        ]),
        ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
      ),
    );
  }
  return lines.join('\n');
}
