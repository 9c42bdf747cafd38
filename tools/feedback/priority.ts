import type { FeedbackLoopSettings } from '../../knowledge/feedback-loop.ts';
import type { ThemeId } from '../../knowledge/feedback-themes.ts';

export interface RequestCluster {
  canonicalId: string;
  theme: ThemeId;
  /** Every source item of the request (the canonical one included), with its account. */
  items: { feedbackId: string; accountId: string }[];
  /** Effort to deliver, 1 (small) … 5 (large), when product has set it. */
  effort: number | null;
}

export interface RankedRequest extends RequestCluster {
  accounts: number;
  arrCents: number;
  impact: number;
  score: number;
}

/**
 * Ranks canonical requests by the priority score: demand (unique accounts, each counted once
 * however often it asked), revenue (ARR of those accounts, once each), and impact by theme, each
 * scaled to the largest request; effort, when set, divides the score (RICE-style). Pure.
 */
export function rankRequests(
  clusters: readonly RequestCluster[],
  arrByAccount: ReadonlyMap<string, number>,
  settings: FeedbackLoopSettings,
): RankedRequest[] {
  const base = clusters.map((c) => {
    const accounts = new Set(c.items.map((i) => i.accountId));
    const arrCents = [...accounts].reduce((n, id) => n + (arrByAccount.get(id) ?? 0), 0);
    return {
      ...c,
      accounts: accounts.size,
      arrCents,
      impact: settings.priority.impact_by_theme[c.theme] ?? 0.5,
    };
  });
  const maxAccounts = Math.max(1, ...base.map((b) => b.accounts));
  const maxArr = Math.max(1, ...base.map((b) => b.arrCents));
  const w = settings.priority.weights;
  return base
    .map((b) => {
      const raw =
        w.demand * (b.accounts / maxAccounts) + w.revenue * (b.arrCents / maxArr) + w.impact * b.impact;
      const score = (100 * raw) / (b.effort && b.effort > 0 ? b.effort : 1);
      return { ...b, score: Math.round(score * 10) / 10 };
    })
    .sort(
      (a, b) => b.score - a.score || b.accounts - a.accounts || a.canonicalId.localeCompare(b.canonicalId),
    );
}
