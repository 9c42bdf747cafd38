import { formatMoney, formatMoneyShort } from '../../core/money.ts';
import { formatPercent } from '../../render/percent.ts';
import { formatTable } from '../../render/table.ts';
import { signalWords } from '../signal-rows.ts';
import type { PortfolioReviewData } from './command.ts';

const cents = (amount: number) => Math.round(amount * 100);
const MAX_NEXT_RENEWALS = 10;

/** Terminal text for a portfolio review. Pure. */
/** The quarter's renewal forecast in one line, with the command that shows it whole. */
function forecastLine(f: PortfolioReviewData['renewal_forecast']): string {
  if (!f) return 'Renewal forecast: not available.';
  const due = `${f.due_accounts} renewal${f.due_accounts === 1 ? '' : 's'} due (${formatMoneyShort(cents(f.due_arr))})`;
  if (f.expected === null)
    return `Renewal forecast ${f.period}: ${due}; no probabilities (${f.withheld ?? 'no churn model'}).`;
  return `Renewal forecast ${f.period}: ${due}, expected ${formatMoneyShort(cents(f.expected))}, P10–P90 ${formatMoneyShort(cents(f.p10 ?? 0))}–${formatMoneyShort(cents(f.p90 ?? 0))} (cse run renewal_forecast).`;
}

export function renderPortfolioReview(data: PortfolioReviewData): string {
  const book = data.scope.book === 'csm' ? `${data.scope.csm}'s book` : 'whole portfolio';
  const segment = data.scope.segment ? `, ${data.scope.segment} only` : '';
  const lines = [
    `Portfolio review — ${book}${segment}, as of ${data.as_of}${data.revenue_month ? ` (MRR of ${data.revenue_month})` : ''}`,
    '',
    `Active accounts: ${data.portfolio.total_accounts}    ARR: ${formatMoney(cents(data.portfolio.total_arr))}`,
    '',
    formatTable(
      ['Segment', 'Accounts', 'ARR'],
      data.portfolio.by_segment.map((s) => [s.segment, String(s.accounts), formatMoneyShort(cents(s.arr))]),
      ['left', 'right', 'right'],
    ),
    '',
    formatTable(
      ['Renewals', 'Accounts', 'ARR', 'At risk', 'On track'],
      [
        ['next 30 days', data.renewals.upcoming_30d],
        ['next 60 days', data.renewals.upcoming_60d],
        ['next 90 days', data.renewals.upcoming_90d],
        ['overdue', data.renewals.overdue],
      ].map(([label, w]) => {
        const window = w as { count: number; arr: number; at_risk: number; on_track: number };
        return [
          label as string,
          String(window.count),
          formatMoneyShort(cents(window.arr)),
          String(window.at_risk),
          String(window.on_track),
        ];
      }),
      ['left', 'right', 'right', 'right', 'right'],
    ),
    forecastLine(data.renewal_forecast),
    '',
    ...customerLines(data.customer),
    ...customerVoiceLines(data.customer_voice),
  ];
  const next = data.renewals.next_90d;
  if (next.length > 0) {
    lines.push(
      '',
      `Next renewals${next.length > MAX_NEXT_RENEWALS ? ` (first ${MAX_NEXT_RENEWALS} of ${next.length})` : ''}:`,
      formatTable(
        ['Date', 'In', 'Account', 'ARR', 'CSM'],
        next
          .slice(0, MAX_NEXT_RENEWALS)
          .map((r) => [
            r.renewal_date,
            `${r.days_to_renewal}d`,
            r.name,
            formatMoneyShort(cents(r.arr)),
            r.csm ?? '—',
          ]),
        ['left', 'right', 'left', 'right', 'left'],
      ),
    );
  }
  lines.push('', ...renderDashboard(data));
  if (data.portfolio.arr_source.declared > 0 || data.portfolio.arr_source.none > 0) {
    lines.push(
      '',
      `ARR from revenue rows for ${data.portfolio.arr_source.revenue} accounts, declared ARR for ${data.portfolio.arr_source.declared}, none for ${data.portfolio.arr_source.none}.`,
    );
  }
  return lines.join('\n');
}

const TOP = 5;

/** Retention, engagement, movers, at-risk concentration and the monthly review questions. */
function renderDashboard(data: PortfolioReviewData): string[] {
  const r = data.retention;
  const lines: string[] = [];
  if (r.net_retention) {
    lines.push(
      `Retention (trailing 12 to ${r.month}): NRR ${formatPercent(r.net_retention.value)}, GRR ${formatPercent(r.gross_retention?.value)}, logo ${formatPercent(r.logo_retention?.value)}, expansion ${formatPercent(data.expansion.expansion_rate?.value)}`,
    );
  }
  if (r.month) {
    lines.push(
      `${r.month} ARR movements: churned ${formatMoneyShort(cents(r.arr_churned_mtd))}, contracted ${formatMoneyShort(cents(r.arr_contracted_mtd))}, expanded ${formatMoneyShort(cents(data.expansion.arr_expanded_mtd))}`,
    );
  }
  const e = data.engagement;
  lines.push(
    e.avg_health_score === null
      ? `Health: ${e.missing ?? 'no scores'}`
      : `Health: average ${e.avg_health_score} over ${e.scored_accounts} accounts${e.health_score_trend ? ` (${e.health_score_trend.change >= 0 ? '+' : ''}${e.health_score_trend.change} vs a week ago)` : ''}`,
  );
  const levels = data.engagement_levels.levels.filter((l) => l.accounts > 0);
  if (levels.length > 0)
    lines.push(
      `Engagement: ${levels.map((l) => `${l.label} ${l.accounts} (renewal odds ${l.renewal_odds})`).join(', ')}${data.engagement_levels.no_usage > 0 ? `; ${data.engagement_levels.no_usage} without usage data` : ''}`,
    );
  if (data.movers.length > 0) {
    lines.push('', 'Tier changes this week:');
    for (const m of data.movers.slice(0, TOP))
      lines.push(
        `  ${m.direction === 'down' ? '▼' : '▲'} ${m.name}: ${m.from} → ${m.to}${m.why.length > 0 ? ` (${m.why.join('; ')})` : ''}`,
      );
  }
  const risky = data.csm_at_risk.filter((b) => b.at_risk_accounts > 0).slice(0, TOP);
  if (risky.length > 0) {
    lines.push(
      '',
      formatTable(
        ['CSM', 'Accounts', 'At risk', 'At-risk ARR', 'Share'],
        risky.map((b) => [
          b.csm,
          String(b.accounts),
          String(b.at_risk_accounts),
          formatMoneyShort(cents(b.at_risk_arr)),
          formatPercent(b.at_risk_arr_share.value, 0),
        ]),
        ['left', 'right', 'right', 'right', 'right'],
      ),
    );
  }
  const q = data.review_questions;
  lines.push('', 'Monthly review:');
  lines.push(
    q.top_churn_reason
      ? `  #1 churn reason (90 days): ${q.top_churn_reason.reason} — ${q.top_churn_reason.accounts} account(s), ${formatMoneyShort(cents(q.top_churn_reason.arr))}`
      : '  No churn in the last 90 days.',
  );
  const single = q.top_accounts_threading.filter((t) => !t.multi_threaded);
  lines.push(
    single.length === 0
      ? `  All ${q.top_accounts_threading.length} largest accounts are multi-threaded.`
      : `  Not multi-threaded among the ${q.top_accounts_threading.length} largest: ${single.map((t) => `${t.name} (${t.detail})`).join(', ')}`,
  );
  lines.push(
    q.expansion_pipeline.accounts === 0
      ? '  No expansion signals in the last 90 days.'
      : `  Expansion pipeline: ${q.expansion_pipeline.accounts} account(s), ${formatMoneyShort(cents(q.expansion_pipeline.arr))} ARR — ${q.expansion_pipeline.top
          .slice(0, TOP)
          .map((c) => `${c.name} (${c.signals.join(', ')})`)
          .join('; ')}`,
  );
  return lines;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Who raised a risk in their own words this week, and each CSM's response SLA in customer channels. Pure. */
export function customerVoiceLines(v: PortfolioReviewData['customer_voice']): string[] {
  const said =
    v.accounts.length === 0
      ? [
          `  No customer raised churn intent, a competitor, budget or a champion leaving in the last ${v.days} days.`,
        ]
      : v.accounts
          .slice(0, TOP)
          .map(
            (a) =>
              `  ${a.name} (${a.kinds.map(signalWords).join(', ')}${a.csm ? `; ${a.csm}` : ''}): “${a.quote}”`,
          );
  const sla =
    v.response_sla.length === 0
      ? []
      : [
          '',
          formatTable(
            ['CSM', 'Questions', 'In SLA', 'Late', 'Open past SLA', 'Met'],
            v.response_sla.map((r) => [
              r.csm,
              String(r.questions),
              String(r.within_sla),
              String(r.late),
              String(r.open_past_sla),
              r.rate === null ? 'n/a' : formatPercent(r.rate, 0),
            ]),
            ['left', 'right', 'right', 'right', 'right', 'right'],
          ),
        ];
  return ['', `Customer voice, last ${v.days} days:`, ...said, ...sla];
}

/** The customer side of the weekly dashboard: NPS, CSAT, QBRs this quarter, onboarding. Pure. */
export function customerLines(c: PortfolioReviewData['customer']): string[] {
  const nps = c.nps
    ? `${c.nps.score >= 0 ? '+' : ''}${c.nps.score} from ${plural(c.nps.responses, 'response')} (${plural(c.nps.promoters, 'promoter')}, ${plural(c.nps.passives, 'passive')}, ${plural(c.nps.detractors, 'detractor')})`
    : 'no responses';
  const csat = c.csat ? `${c.csat.average} of 5 from ${plural(c.csat.responses, 'rating')}` : 'no ratings';
  const o = c.onboarding;
  const ttfv =
    o.avg_ttfv_days === null
      ? 'none has reached first value yet'
      : `time to first value ${o.avg_ttfv_days} days${o.avg_target_days === null ? '' : ` (target ${o.avg_target_days})`}, ${o.on_target} of ${o.reached_value} on target`;
  const completion =
    o.completion_rate === null
      ? 'none finished yet'
      : `${Math.round(o.completion_rate * 100)}% (${o.completed} of ${o.finished} reached first value within the window)`;
  return [
    `NPS (${c.window_days} days): ${nps} · CSAT: ${csat}`,
    `QBRs since ${c.qbrs_this_quarter.quarter_start}: ${c.qbrs_this_quarter.qbrs}${c.qbrs_this_quarter.qbrs ? ` (${plural(c.qbrs_this_quarter.accounts, 'account')})` : ''} · Onboarding: ${o.active} active, ${ttfv}; completion: ${completion}`,
  ];
}
