import type { ChurnModelFit } from '../../tools/backtest/churn-model.ts';
import type { Queryable } from '../db.ts';

export interface StoredChurnModel {
  model_id: string;
  fitted_at: string;
  fitted_by: string;
  horizon_days: number;
  model: ChurnModelFit['model'];
  validation: ChurnModelFit['validation'] & { train: ChurnModelFit['train'] };
}

/** Stores a fitted churn model under a new id (CM-0001, CM-0002, …) and returns the id. */
export async function saveChurnModel(
  db: Queryable,
  fit: ChurnModelFit,
  meta: { fittedAt: string; fittedBy: string; horizonDays: number },
): Promise<string> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM churn_models');
  const id = `CM-${String((row?.n ?? 0) + 1).padStart(4, '0')}`;
  await db.query(
    `INSERT INTO churn_models (model_id, fitted_at, fitted_by, horizon_days, model, validation)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, meta.fittedAt, meta.fittedBy, meta.horizonDays, fit.model, { ...fit.validation, train: fit.train }],
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
