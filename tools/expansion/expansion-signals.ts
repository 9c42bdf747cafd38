import { addDays } from '../../core/calendar.ts';
import type { ExpansionConfig, ExpansionPlay, ExpansionSignalId } from '../../knowledge/expansion-config.ts';
import { daysToTermRenewal } from '../renewal/term-renewal.ts';
import type { AccountRiskData } from '../risk/account-risk-data.ts';

/** One expansion signal: whether it is present, with evidence, its heat and the play it points to. */
export interface ExpansionSignal {
  id: ExpansionSignalId;
  label: string;
  present: boolean;
  heat: 'hot' | 'warm';
  play: ExpansionPlay;
  evidence: string[];
}

const day = (ts: string) => ts.slice(0, 10);

/** Latest seats in use (seats_active, else MAU) over seats purchased, or null when unknown. */
export function seatUtilisation(
  data: AccountRiskData,
): { used: number; purchased: number; share: number } | null {
  const latest = [...data.usage].reverse().find((u) => u.mau !== null);
  if (!latest || !data.seatsPurchased) return null;
  const used = latest.mau as number;
  return { used, purchased: data.seatsPurchased, share: used / data.seatsPurchased };
}

export function expansionSignals(
  data: AccountRiskData,
  healthScoreValue: number | null,
  config: ExpansionConfig,
): ExpansionSignal[] {
  return (Object.keys(config.signals) as ExpansionSignalId[]).map((id) => {
    const cfg = config.signals[id];
    let evidence: string[] = [];
    if (id === 'seats_over_80_percent') {
      const seats = seatUtilisation(data);
      if (seats && seats.share > (cfg.utilisation_above ?? 0.8))
        evidence = [`${seats.used} of ${seats.purchased} seats in use (${Math.round(seats.share * 100)}%)`];
    } else if (id === 'high_health_near_renewal') {
      const days = daysToTermRenewal(data, data.asOf);
      if (
        days !== null &&
        days >= 0 &&
        days <= (cfg.renewal_within_days ?? 120) &&
        healthScoreValue !== null &&
        healthScoreValue >= (cfg.min_score ?? 70)
      ) {
        evidence = [`health ${healthScoreValue} with renewal in ${days} days (${data.renewalDate})`];
      }
    } else {
      const from = addDays(data.asOf, -((cfg.window_days ?? 90) - 1));
      evidence = data.events
        .filter((e) => e.type === id && day(e.at) >= from && day(e.at) <= data.asOf)
        .map((e) => `${day(e.at)}: ${e.details ?? cfg.label}`);
    }
    return { id, label: cfg.label, present: evidence.length > 0, heat: cfg.heat, play: cfg.play, evidence };
  });
}
