import type { ChurnModelFit } from '../../tools/backtest/churn-model.ts';
import type { Queryable } from '../db.ts';

export interface StoredChurnModel {
  model_id: string;
  fitted_at: string;
  fitted_by: string;
  horizon_days: number;
  model: ChurnModelFit['model'];
  validation: ChurnModelFit['validation'] & {
    train: ChurnModelFit['train'];
    /** The renewal forecast's track record computed with the fit (facts/forecast-track-record), when it was. */
    track_record?: StoredTrackRecord;
    /** How often accounts with an expansion signal grew within 90 days, measured with the fit (facts/expansion-at-renewal). */
    expansion_rate?: StoredExpansionRate;
  };
}

/** An expansion rate as stored with a model. */
export interface StoredExpansionRate {
  observations: number;
  expanded: number;
  rate: number | null;
  uplift: number | null;
}

/** A track record as stored with a model: its quarters in cents, and why any are missing. */
export interface StoredTrackRecord {
  computed_at: string;
  quarters: {
    quarter: string;
    from: string;
    to: string;
    accounts: number;
    dueCents: number;
    expectedCents: number;
    p10Cents: number;
    p50Cents: number;
    p90Cents: number;
    actualCents: number;
    inside: boolean;
  }[];
  note: string | null;
}

/** Stores a fitted churn model under a new id (CM-0001, CM-0002, …) and returns the id. */
export async function saveChurnModel(
  db: Queryable,
  fit: ChurnModelFit,
  meta: {
    fittedAt: string;
    fittedBy: string;
    horizonDays: number;
    trackRecord?: StoredTrackRecord;
    expansionRate?: StoredExpansionRate;
  },
): Promise<string> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM churn_models');
  const id = `CM-${String((row?.n ?? 0) + 1).padStart(4, '0')}`;
  await db.query(
    `INSERT INTO churn_models (model_id, fitted_at, fitted_by, horizon_days, model, validation)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      id,
      meta.fittedAt,
      meta.fittedBy,
      meta.horizonDays,
      fit.model,
      {
        ...fit.validation,
        train: fit.train,
        ...(meta.trackRecord ? { track_record: meta.trackRecord } : {}),
        ...(meta.expansionRate ? { expansion_rate: meta.expansionRate } : {}),
      },
    ],
  );
  return id;
}

/** The churn model fitted last, or null before the first `cse model fit`. */
export async function latestChurnModel(db: Queryable): Promise<StoredChurnModel | null> {
  const [row] = await db.query<StoredChurnModel>(
    'SELECT model_id, fitted_at, fitted_by, horizon_days, model, validation FROM churn_models ORDER BY fitted_at DESC, model_id DESC LIMIT 1',
  );
  return row ?? null;
}
