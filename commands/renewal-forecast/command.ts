import { z } from 'zod';
import { addMonths, monthEnd, monthOf } from '../../core/calendar.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { centsToAmount } from '../../core/money.ts';
import { expansionAtRenewal } from '../../facts/expansion-at-renewal.ts';
import { type ForecastInputs, forecastInputs } from '../../facts/renewal-forecast.ts';
import { quarterName, quarterStart, quarterWindow } from '../../tools/dates/fiscal.ts';
import { forecastGroup, renewalForecast } from '../../tools/forecast/renewal-forecast.ts';
import { trackSummary } from '../../tools/forecast/track-summary.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { BookScopeFields, bookFilter, bookScopeData, resolveBook } from '../book-scope.ts';
import { CalendarDay } from '../command-args.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderRenewalForecast } from './render.ts';
import { RenewalForecastData, type TrackQuarter } from './shape.ts';

const RenewalForecastArgs = z
  .object({
    ...BookScopeFields,
    from: CalendarDay.optional(),
    to: CalendarDay.optional(),
    as_of: AsOfArg.optional(),
    track_record: z.coerce.boolean().default(false),
  })
  .strict();

/** The period: the dates given, else the fiscal quarter of today; named like "2026-Q4" when it is a quarter. */
export function forecastPeriod(
  args: { from?: string; to?: string },
  today: string,
  fiscalStart = 1,
): { from: string; to: string; label: string } {
  const start = quarterStart(monthOf(args.from ?? today), fiscalStart);
  const quarter = quarterWindow(start);
  const from = args.from ?? quarter.from;
  const to = args.to ?? (args.from ? monthEnd(addMonths(monthOf(args.from), 2)) : quarter.to);
  if (from > to)
    throw new CseError(ErrorCode.BadInput, `--from ${from} is after --to ${to}`, {
      hint: 'Give the period start first, e.g. --from 2027-01-01 --to 2027-03-31',
    });
  const isQuarter = from === quarter.from && to === quarter.to;
  return { from, to, label: isQuarter ? quarterName(start, fiscalStart) : `${from} to ${to}` };
}

/**
 * The track record is the whole team's (its quarters' ARR across every book), so it is shown only
 * in a forecast of the team, which the router lets only leaders and admins ask for.
 */
function trackRecordData(stored: ForecastInputs['trackRecord'], full: boolean, teamBook: boolean) {
  if (!teamBook)
    return {
      track_record: [],
      track_summary: null,
      track_record_note: "kept for the whole team only: the team's renewal forecast shows it",
    };
  const quarters: TrackQuarter[] = (stored?.quarters ?? []).map((q) => ({
    quarter: q.quarter,
    from: q.from,
    to: q.to,
    accounts: q.accounts,
    due: centsToAmount(q.dueCents),
    expected: centsToAmount(q.expectedCents),
    p10: centsToAmount(q.p10Cents),
    p50: centsToAmount(q.p50Cents),
    p90: centsToAmount(q.p90Cents),
    actual: centsToAmount(q.actualCents),
    inside: q.inside,
  }));
  const summary = trackSummary(stored?.quarters ?? []);
  return {
    track_record: full ? quarters : [],
    track_summary: summary && {
      quarters: summary.quarters,
      coverage: summary.coverage,
      p50_mae: centsToAmount(summary.p50MaeCents),
      p50_mae_share: summary.p50MaeShare,
      model_version: stored?.modelId ?? '',
      computed_at: stored?.computed_at ?? '',
    },
    track_record_note: stored ? stored.note : 'not computed yet (cse model fit computes it with the model)',
  };
}

function forecastData(inputs: ForecastInputs) {
  const forecast = renewalForecast(inputs.due);
  const model = 'id' in inputs.model ? inputs.model : null;
  const priced = model !== null;
  return {
    model: model && { id: model.id, horizon_days: model.horizonDays },
    withheld: 'withheld' in inputs.model ? inputs.model.withheld : null,
    due: { accounts: inputs.dueTotal.accounts, arr: centsToAmount(inputs.dueTotal.arrCents) },
    expected: priced ? centsToAmount(forecast.expectedCents) : null,
    p10: priced ? centsToAmount(forecast.p10Cents) : null,
    p50: priced ? centsToAmount(forecast.p50Cents) : null,
    p90: priced ? centsToAmount(forecast.p90Cents) : null,
    groups: priced
      ? forecast.groups.map((g) => ({
          group: g.group,
          accounts: g.accounts,
          arr: centsToAmount(g.arrCents),
          expected: centsToAmount(g.expectedCents),
        }))
      : [],
    accounts: inputs.due.map((d) => ({
      account_id: d.accountId,
      name: d.name,
      arr: centsToAmount(d.arrCents),
      renewal_date: d.renewalDate,
      probability: Math.round(d.probability * 1000) / 1000,
      group: forecastGroup(d.probability),
      reasons: d.reasons,
    })),
    moves: forecast.moves.map((m) => ({
      account_id: m.accountId,
      name: m.name,
      arr: centsToAmount(m.arrCents),
      probability: Math.round(m.probability * 1000) / 1000,
      p50_gain: centsToAmount(m.p50GainCents),
    })),
    apart: {
      monthly: { accounts: inputs.apart.monthly.accounts, arr: centsToAmount(inputs.apart.monthly.arrCents) },
      no_renewal_date: {
        accounts: inputs.apart.noRenewalDate.accounts,
        arr: centsToAmount(inputs.apart.noRenewalDate.arrCents),
      },
    },
  };
}

export const renewalForecastCommand = defineCommand({
  intent: 'renewal_forecast',
  title: 'Renewal forecast',
  summary:
    "What will renew in a period (default: this quarter): every renewal due with its probability and reasons, commit / best case / at risk, P10 / P50 / P90 of renewed ARR, what moves it, and how past quarters' forecasts did",
  examples: [
    'renewal forecast',
    'what will renew this quarter?',
    'forecast for enterprise next quarter',
    "Q1 renewals forecast for Priya's book",
  ],
  triggers: {
    kind: 'book',
    exact: [/^(?:forecast|fcst|fcast|forecasts|the forecast)$/],
    patterns: strong(
      // A forecast word anywhere with a renewal word anywhere.
      /^(?=.*\b(?:renew\w*|rnwl)\b)(?=.*\b(?:forecast\w*|forcast|forecat|fcs?t|fcast|project(?:ed|ion)s?|predict\w*|outlook|land(?:ing)?)\b)/,
      // Renewals with a figure a forecast gives: a number, a range, commit or a case, a percentile, odds.
      /^(?=.*\b(?:renew\w*|rnwl)\b)(?=.*\b(?:number|range|commit|best case|worst case|base case|upside|downside|p ?(?:10|50|90)|median|weighted|risk (?:adjusted|weighted)|confiden\w*|likely|safe|count on|bank on|expect\w*|in the bag|locked in|come in|close)\b)/,
      /\bhow much\b.*\brenew\w*/,
      /\bwhat (?:will|would|is going to|s going to|do we (?:think|expect) (?:will )?|do we expect to) (?:my \w+ )?renews?\b/,
      /\b(?:my|our|team|enterprise|mid market|smb|self serve|q[1-4]|quarter(?:ly)?|next quarter|[a-z]+ s) (?:forecast|fcst)\b/,
      /\b(?:forecast|fcst) (?:q[1-4]|next quarter|this quarter|for (?:the )?(?:quarter|q[1-4]|enterprise|mid market|smb|self serve|my|our|the team|next quarter|this quarter))\b/,
      /\b(?:past|previous|earlier) (?:renewal )?forecasts?\b/,
      /\bforecast\w* (?:accuracy|history)\b/,
      /\btrack record\b/,
    ),
  },
  render: renderRenewalForecast,
  account: 'none',
  access: { area: 'book_reports', write: false, target: 'book' },
  args: RenewalForecastArgs,
  result: RenewalForecastData,
  async run(ctx, args) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const book = await resolveBook(ctx, args);
    const period = forecastPeriod(args, asOf, ctx.config?.CSE_FISCAL_YEAR_START);
    const inputs = await forecastInputs(ctx.db, asOf, period, bookFilter(book));
    const expansion =
      inputs.due.length > 0 ? await expansionAtRenewal(ctx.db, asOf, inputs.due, inputs.expansionRate) : null;
    const rate = inputs.expansionRate;
    return {
      data: {
        as_of: asOf,
        period,
        scope: bookScopeData(book),
        ...forecastData(inputs),
        expansion: expansion && {
          accounts: expansion.signalled,
          expected: centsToAmount(expansion.expectedCents),
          observations: rate?.observations ?? 0,
          expanded: rate?.expanded ?? 0,
          rate: rate?.rate ?? null,
          uplift: rate?.uplift ?? null,
        },
        ...trackRecordData(inputs.trackRecord, args.track_record, book.csm === null),
      },
      asOf,
      definitions: {
        renewal_probability: `1 − the churn model's probability of losing the account (or 10 %+ of its MRR) within ${'id' in inputs.model ? inputs.model.horizonDays : 90} days, read from its latest health snapshot and account facts on ${asOf}`,
        renewed_arr:
          'the ARR of renewals due in the period that renew; each renews on its own with its probability; P10 / P50 / P90 from the exact distribution on a grid of 10,000 steps',
        groups: 'commit: probability ≥ 0.8; at risk: below 0.5; best case: between',
        expansion:
          'renewals due with an expansion signal (usage limit, higher tier, API access, new team, funding, champion promoted) in the 90 days before; expected = ARR × the share of such accounts whose MRR grew within 90 days × their mean growth, over the 12 month-ends of history before the churn model was fitted (measured with it)',
        counted_apart:
          'monthly-term accounts renew every month and are not in the forecast; accounts without a renewal date cannot be placed in a period',
        track_record:
          'each past quarter forecast with the model fitted on outcomes known at its start, against the ARR kept through the quarter (team-wide, stored with the model by cse model fit)',
      },
    };
  },
});
