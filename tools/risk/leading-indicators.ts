import { addDays, daysBetween } from '../../core/calendar.ts';
import type { ChurnCategory, ChurnRiskConfig, IndicatorId } from '../../knowledge/churn-risk-config.ts';
import { SIGNAL_WORDS, type SignalKind } from '../../knowledge/customer-signals.ts';
import { describeChange } from '../health/band-score.ts';
import { usageWindows } from '../health/product-usage.ts';
import { isPresent } from '../relationship/contact-present.ts';
import { hasTermRenewal } from '../renewal/term-renewal.ts';
import type { AccountRiskData } from './account-risk-data.ts';

/** One leading indicator: whether it fired, the evidence from the data, and what it usually means. */
export interface Indicator {
  id: IndicatorId;
  label: string;
  fired: boolean;
  evidence: string[];
  category: ChurnCategory;
  weight: number;
  leadTime: string;
  /** When the signal was first seen (ISO date), if it fired. */
  since: string | null;
  /**
   * The facts it fired on, without the figures that move every day (days to go, a changing
   * share): what "until the inputs change" compares. The evidence itself when nothing moves.
   */
  inputs: string[];
}

const day = (ts: string) => ts.slice(0, 10);
const mean = (values: number[]) =>
  values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;

function eventsOf(data: AccountRiskData, type: string, windowDays: number) {
  const from = addDays(data.asOf, -(windowDays - 1));
  return data.events.filter((e) => e.type === type && day(e.at) >= from && day(e.at) <= data.asOf);
}

/**
 * What the customer told us, as an indicator: fires on a signal of the `firing` kinds in the
 * window; the window's signals of the `supporting` kinds join its evidence (newest three quoted,
 * each with its date, side and link). The inputs are the texts, so a new one is news.
 */
function saidIndicator(
  data: AccountRiskData,
  windowDays: number,
  firing: readonly string[],
  supporting: readonly string[] = [],
) {
  const from = addDays(data.asOf, -(windowDays - 1));
  const said = data.signals.filter(
    (s) => [...firing, ...supporting].includes(s.kind) && day(s.at) >= from && day(s.at) <= data.asOf,
  );
  if (!said.some((s) => firing.includes(s.kind))) return null;
  const newest = [...said].reverse().slice(0, 3);
  return {
    evidence: newest.map(
      (s) =>
        `${day(s.at)} ${SIGNAL_WORDS[s.kind as SignalKind] ?? s.kind}, ${s.side === 'team' ? 'our note' : 'the customer'}: "${s.quote}"${s.link ? ` (${s.link})` : ''}`,
    ),
    since: day(said[0]?.at ?? data.asOf),
    inputs: [...new Set(said.map((s) => `${s.kind}:${s.source}:${s.source_id}`))].sort(),
  };
}

type Rule = (
  data: AccountRiskData,
  cfg: ChurnRiskConfig['indicators'][IndicatorId],
  all: ChurnRiskConfig,
) => { evidence: string[]; since: string | null; inputs?: string[] } | null;

const RULES: Record<IndicatorId, Rule> = {
  usage_decline: (data, cfg) => {
    const { recent, prior } = usageWindows(data);
    const inSeason = data.seasonalMonths.includes(Number(data.asOf.slice(5, 7)));
    for (const field of ['core_actions', 'wau'] as const) {
      const now = mean(recent.map((u) => u[field]).filter((v): v is number => v !== null));
      const before = mean(prior.map((u) => u[field]).filter((v): v is number => v !== null));
      if (now === null || before === null || before === 0 || inSeason) continue;
      if (now / before < (cfg.ratio_below ?? 0.7)) {
        return {
          evidence: [
            `${field === 'wau' ? 'weekly active users' : 'core actions'} ${describeChange(now / before)} vs the 4 weeks before`,
          ],
          since: recent[0]?.date ?? null,
          // Tenths of the ratio: a slide from -31% to -45% is new input, -31% to -33% is not.
          inputs: [`${field} below ${Math.ceil((now / before) * 10) / 10} of the month before`],
        };
      }
    }
    return null;
  },
  champion_left: (data, cfg) => {
    const from = addDays(data.asOf, -((cfg.window_days ?? 120) - 1));
    const left = data.contacts.filter(
      (c) => c.role === 'champion' && c.left_at !== null && c.left_at >= from && c.left_at <= data.asOf,
    );
    const events = eventsOf(data, 'champion_left', cfg.window_days ?? 120);
    if (left.length === 0 && events.length === 0) return null;
    const dates = [...left.map((c) => c.left_at as string), ...events.map((e) => day(e.at))].sort();
    return {
      evidence: [`champion left on ${dates[0]} (${daysBetween(dates[0] as string, data.asOf)} days ago)`],
      since: dates[0] ?? null,
      inputs: [`champion left on ${dates[0]}`],
    };
  },
  ticket_spike_then_silence: (data, cfg) => {
    const spike = cfg.spike_tickets ?? 3;
    const windowDays = cfg.spike_window_days ?? 14;
    const silence = cfg.silence_days ?? 21;
    const quietFrom = addDays(data.asOf, -(silence - 1));
    if (data.tickets90d.some((t) => day(t.opened_at) >= quietFrom)) return null;
    const dates = data.tickets90d.map((t) => day(t.opened_at)).sort();
    for (let i = 0; i < dates.length; i++) {
      const end = addDays(dates[i] as string, windowDays - 1);
      const inWindow = dates.filter((d) => d >= (dates[i] as string) && d <= end).length;
      if (inWindow >= spike) {
        return {
          evidence: [`${inWindow} tickets between ${dates[i]} and ${end}, none in the last ${silence} days`],
          since: dates[i] ?? null,
        };
      }
    }
    return null;
  },
  billing_page_visits: (data, cfg) => {
    const visits = eventsOf(data, 'billing_page_visit', cfg.window_days ?? 60);
    if (visits.length === 0) return null;
    const first = data.mrr[0];
    const last = data.mrr.at(-1);
    if (first && last && last.cents > first.cents) return null;
    return {
      evidence: [
        `${visits.length} billing-page visit${visits.length > 1 ? 's' : ''} since ${day(visits[0]?.at ?? '')}, no upgrade`,
      ],
      since: day(visits[0]?.at ?? ''),
    };
  },
  competitor_evaluation: (data, cfg) => {
    const evals = eventsOf(data, 'competitor_eval', cfg.window_days ?? 90);
    if (evals.length === 0) return null;
    return {
      evidence: evals.map((e) => `${day(e.at)}: ${e.details ?? 'competitor evaluation'}`),
      since: day(evals[0]?.at ?? ''),
    };
  },
  data_export: (data, cfg) => {
    const exports = eventsOf(data, 'data_export', cfg.window_days ?? 60);
    if (exports.length === 0) return null;
    return {
      evidence: [
        `${exports.length} data export${exports.length > 1 ? 's' : ''}, latest ${day(exports.at(-1)?.at ?? '')}`,
      ],
      since: day(exports[0]?.at ?? ''),
    };
  },
  non_renewal_signals: (data, cfg) => {
    if (!hasTermRenewal(data)) return null;
    const days = daysBetween(data.asOf, data.renewalDate);
    if (days < 0 || days > (cfg.renewal_within_days ?? 90)) return null;
    const evidence: string[] = [];
    const words = (cfg.churn_words ?? []).map((w) => w.toLowerCase());
    const said = data.feedback90d.filter((f) => words.some((w) => f.text.toLowerCase().includes(w)));
    if (said.length > 0)
      evidence.push(`customer said "${said[0]?.text.slice(0, 80)}" on ${day(said[0]?.created_at ?? '')}`);
    const touch = data.lastProactiveTouch ? daysBetween(day(data.lastProactiveTouch), data.asOf) : null;
    if (touch === null || touch > (cfg.no_touch_days ?? 45))
      evidence.push(touch === null ? 'no touchpoint on record' : `no touchpoint for ${touch} days`);
    if (evidence.length === 0) return null;
    return {
      evidence: [`renewal in ${days} days (${data.renewalDate})`, ...evidence],
      since: data.asOf,
      inputs: [
        `renewal ${data.renewalDate}`,
        said.length > 0 ? `said on ${day(said[0]?.created_at ?? '')}` : 'nothing said',
        `last touch ${data.lastProactiveTouch ? day(data.lastProactiveTouch) : 'none'}`,
      ],
    };
  },
  seat_removal: (data, cfg) => {
    const removed = eventsOf(data, 'seats_removed', cfg.window_days ?? 90);
    if (removed.length === 0) return null;
    return {
      evidence: removed.map((e) => `${day(e.at)}: ${e.details ?? 'seats removed'}`),
      since: day(removed[0]?.at ?? ''),
    };
  },
  no_login_after_day_3: (data) => {
    if (!data.contractStart) return null;
    const day3 = addDays(data.contractStart, 3);
    if (data.asOf < day3) return null;
    const logins = data.earlyUsage.filter(
      (u) => u.date <= addDays(data.contractStart as string, 30) && (u.dau ?? 0) > 0,
    );
    if (logins.length > 0) return null;
    return { evidence: [`no logins since the contract started on ${data.contractStart}`], since: day3 };
  },
  low_activation_day_30: (data, cfg) => {
    if (!data.contractStart || !data.seatsPurchased) return null;
    const day30 = addDays(data.contractStart, 30);
    if (data.asOf < day30) return null;
    const around = data.earlyUsage.filter((u) => u.date <= addDays(data.contractStart as string, 35));
    const active = Math.max(0, ...around.map((u) => u.seats_active ?? u.mau ?? 0));
    const share = active / data.seatsPurchased;
    if (share >= (cfg.activation_below ?? 0.5)) return null;
    return {
      evidence: [`${active} of ${data.seatsPurchased} seats active by day 30 (${Math.round(share * 100)}%)`],
      since: day30,
    };
  },
  kickoff_delayed: (data) => {
    const delayed = data.events.filter((e) => e.type === 'kickoff_delayed');
    return delayed.length === 0
      ? null
      : { evidence: [`kickoff postponed on ${day(delayed[0]?.at ?? '')}`], since: day(delayed[0]?.at ?? '') };
  },
  no_exec_sponsor: (data) => {
    const sponsor = data.contacts.some((c) => c.role === 'exec_sponsor' && isPresent(c, data.asOf));
    return sponsor ? null : { evidence: ['no exec sponsor among the contacts'], since: data.contractStart };
  },
  integration_failed: (data) => {
    const failed = data.events.filter((e) => e.type === 'integration_failed');
    return failed.length === 0
      ? null
      : {
          evidence: failed.map((e) => `${day(e.at)}: ${e.details ?? 'integration failed'}`),
          since: day(failed[0]?.at ?? ''),
        };
  },
  product_decline: (data, cfg, all) => {
    if (data.productUsage.length < 2) return null;
    // Each product through the one usage-decline rule, on its own rows and this indicator's ratio.
    const declining = data.productUsage.map((p) => ({
      product: p.product,
      hit: RULES.usage_decline(
        { ...data, usage: p.rows },
        { ...all.indicators.usage_decline, ratio_below: cfg.ratio_below },
        all,
      ),
    }));
    const falling = declining.filter((p) => p.hit);
    const holding = declining.filter((p) => !p.hit).map((p) => p.product);
    if (falling.length === 0 || holding.length === 0) return null;
    return {
      evidence: falling.map(
        (p) => `${p.product}: ${p.hit?.evidence[0]}, while ${holding.join(' and ')} held`,
      ),
      since: falling[0]?.hit?.since ?? null,
      inputs: falling.flatMap((p) => (p.hit?.inputs ?? []).map((i) => `${p.product} ${i}`)),
    };
  },
  // Churn intent fires it; a competitor or budget said in the same window is part of the story.
  said_may_not_renew: (data, cfg) =>
    saidIndicator(data, cfg.window_days ?? 90, ['churn_intent'], ['competitor', 'budget']),
  said_champion_leaving: (data, cfg) => saidIndicator(data, cfg.window_days ?? 120, ['champion_leaving']),
  acquired_by: (data, cfg) => {
    const acquired = eventsOf(data, 'acquired_by', cfg.window_days ?? 180);
    if (acquired.length === 0) return null;
    return {
      evidence: acquired.map((e) => `${day(e.at)}: ${e.details ?? 'the customer was acquired'}`),
      since: day(acquired[0]?.at ?? ''),
    };
  },
  champion_burnout: (data, cfg) => {
    const windowDays = cfg.window_days ?? 120;
    const from = addDays(data.asOf, -(windowDays - 1));
    const withContact = data.touchpoints180d.filter(
      (t) => t.contact_id !== null && day(t.at) >= from && day(t.at) <= data.asOf,
    );
    if (withContact.length < (cfg.min_touchpoints ?? 4)) return null;
    const months = cfg.months ?? 3;
    for (const champion of data.contacts.filter((c) => c.role === 'champion' && isPresent(c, data.asOf))) {
      const theirs = withContact.filter((t) => t.contact_id === champion.contact_id);
      if (theirs.length / withContact.length < (cfg.share_at_least ?? 0.8)) continue;
      // Carrying it for months: one of theirs in each of the last `months` 30-day spans.
      const everyMonth = Array.from({ length: months }, (_, k) => k).every((k) =>
        theirs.some(
          (t) => day(t.at) > addDays(data.asOf, -30 * (k + 1)) && day(t.at) <= addDays(data.asOf, -30 * k),
        ),
      );
      if (!everyMonth) continue;
      const others = data.contacts.filter(
        (c) =>
          c.contact_id !== champion.contact_id &&
          isPresent(c, data.asOf) &&
          c.last_engaged_at !== null &&
          c.last_engaged_at >= from &&
          c.last_engaged_at <= data.asOf,
      ).length;
      const who = champion.name ?? champion.contact_id ?? 'the champion';
      return {
        evidence: [
          `${who} (champion) was the contact on ${theirs.length} of ${withContact.length} touchpoints in ${windowDays} days, in each of the last ${months} months`,
          `${others} other contact(s) engaged in that time`,
        ],
        since: day(theirs[0]?.at ?? ''),
        inputs: [`${who} carries the relationship`, `${others} other contact(s) engaged`],
      };
    }
    return null;
  },
};

/** Whether the account is in its first N days (onboarding rules apply only then). */
export function inOnboarding(data: AccountRiskData, config: ChurnRiskConfig): boolean {
  if (!data.contractStart) return false;
  const age = daysBetween(data.contractStart, data.asOf);
  return age >= 0 && age <= config.onboarding_days;
}

/** Every leading indicator, fired or not, with its evidence. Onboarding ones only in the first 90 days. */
export function leadingIndicators(data: AccountRiskData, config: ChurnRiskConfig): Indicator[] {
  const onboarding = inOnboarding(data, config);
  return (Object.keys(RULES) as IndicatorId[])
    .filter((id) => onboarding || !config.indicators[id].onboarding)
    .map((id) => {
      const cfg = config.indicators[id];
      const hit = RULES[id](data, cfg, config);
      return {
        id,
        label: cfg.label,
        fired: hit !== null,
        evidence: hit?.evidence ?? [],
        category: cfg.category,
        weight: cfg.weight,
        leadTime: cfg.lead_time,
        since: hit?.since ?? null,
        inputs: hit?.inputs ?? hit?.evidence ?? [],
      };
    });
}
