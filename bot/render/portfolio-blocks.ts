import type { PortfolioReviewData } from '../../commands/portfolio-review/command.ts';
import { formatAmountShort } from '../../core/money.ts';
import { formatPercent } from '../../render/percent.ts';
import { type Block, escapeMrkdwn, fields, section } from './slack-limits.ts';

/** The first view of a portfolio review: totals, renewals by window, retention, health by tier. */
export function portfolioHeadline(data: PortfolioReviewData): Block[] {
  const r = data.renewals;
  const window = (name: string, w: { count: number; arr: number; at_risk: number }) =>
    `*Renewals ${name}*\n${w.count} accounts · ${formatAmountShort(w.arr)} · ${w.at_risk} at risk`;
  const items = [
    `*Active accounts*\n${data.portfolio.total_accounts.toLocaleString('en-US')}`,
    `*ARR*\n${formatAmountShort(data.portfolio.total_arr)}`,
    window('in 30 days', r.upcoming_30d),
    window('in 90 days', r.upcoming_90d),
  ];
  if (data.retention)
    items.push(
      `*NRR (trailing 12)*\n${formatPercent(data.retention.net_retention?.value)}`,
      `*GRR (trailing 12)*\n${formatPercent(data.retention.gross_retention?.value)}`,
    );
  if (data.engagement?.avg_health_score !== null && data.engagement?.avg_health_score !== undefined)
    items.push(`*Average health*\n${data.engagement.avg_health_score}`);
  if (data.customer?.nps)
    items.push(
      `*NPS (${data.customer.window_days} days)*\n${data.customer.nps.score} from ${data.customer.nps.responses} responses`,
    );
  const blocks: Block[] = [fields(items)];
  const tiers = Object.entries(data.portfolio.health_distribution);
  if (tiers.length > 0)
    blocks.push(
      section(
        `*By health tier:* ${tiers.map(([tier, t]) => `${escapeMrkdwn(tier)} ${t.count} (${formatAmountShort(t.arr)})`).join(' · ')}`,
      ),
    );
  const next = r.next_90d.slice(0, 5);
  if (next.length > 0)
    blocks.push(
      section(
        `*Next renewals*\n${next.map((n) => `• ${n.renewal_date} · ${escapeMrkdwn(n.name)} · ${formatAmountShort(n.arr)} (in ${n.days_to_renewal}d)`).join('\n')}`,
      ),
    );
  return blocks;
}
