import { z } from 'zod';
import { BookScopeData } from '../book-scope.ts';

const Money = z.number().describe('currency major units (e.g. dollars), exact to the cent');
const GroupName = z.enum(['commit', 'best_case', 'at_risk']);

export const TrackQuarter = z.object({
  quarter: z.string(),
  from: z.string(),
  to: z.string(),
  /** Renewals due in the quarter as known at its start, and their ARR then. */
  accounts: z.number().int(),
  due: Money,
  expected: Money,
  p10: Money,
  p50: Money,
  p90: Money,
  /** ARR of those renewals that were kept through the quarter (not lost or contracted). */
  actual: Money,
  inside: z.boolean(),
});
export type TrackQuarter = z.infer<typeof TrackQuarter>;

export const TrackSummary = z.object({
  quarters: z.number().int(),
  /** Share of quarters whose actual fell inside P10–P90. */
  coverage: z.number(),
  /** Mean absolute error of P50, in currency and as a share of the ARR due. */
  p50_mae: Money,
  p50_mae_share: z.number(),
  /** The churn model stored with the track record (fitted with it), and when it was computed. */
  model_version: z.string(),
  computed_at: z.string(),
});

export const RenewalForecastData = z.object({
  as_of: z.string(),
  period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
  scope: BookScopeData,
  /** The churn model the probabilities come from, or null with the reason none can be used. */
  model: z.object({ id: z.string(), horizon_days: z.number().int() }).nullable(),
  withheld: z.string().nullable(),
  due: z.object({ accounts: z.number().int(), arr: Money }),
  expected: Money.nullable(),
  p10: Money.nullable(),
  p50: Money.nullable(),
  p90: Money.nullable(),
  groups: z.array(z.object({ group: GroupName, accounts: z.number().int(), arr: Money, expected: Money })),
  accounts: z.array(
    z.object({
      account_id: z.string(),
      name: z.string(),
      arr: Money,
      renewal_date: z.string(),
      probability: z.number(),
      group: GroupName,
      reasons: z.array(z.string()),
    }),
  ),
  moves: z.array(
    z.object({
      account_id: z.string(),
      name: z.string(),
      arr: Money,
      probability: z.number(),
      p50_gain: Money,
    }),
  ),
  /** Expansion expected at these renewals, apart from renewed ARR: from expansion signals and their own rate. */
  expansion: z
    .object({
      accounts: z.array(z.string()),
      expected: Money,
      /** On the book's history: account-days with a signal, how many grew within 90 days, and by how much. */
      observations: z.number().int(),
      expanded: z.number().int(),
      rate: z.number().nullable(),
      uplift: z.number().nullable(),
    })
    .nullable(),
  apart: z.object({
    monthly: z.object({ accounts: z.number().int(), arr: Money }),
    no_renewal_date: z.object({ accounts: z.number().int(), arr: Money }),
  }),
  /** The team's past quarters replayed with the data known at each start (filled with --track-record). */
  track_record: z.array(TrackQuarter),
  track_summary: TrackSummary.nullable(),
  track_record_note: z.string().nullable(),
});
export type RenewalForecastData = z.infer<typeof RenewalForecastData>;
