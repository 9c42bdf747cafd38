import type { HealthModel } from '../../knowledge/health-model.ts';
import type { Queryable } from '../db.ts';

export interface AcceptedHealthModel {
  model_version: string;
  model: HealthModel;
  replaces: string;
  evidence: Record<string, unknown>;
  accepted_by: string;
  reason: string;
  accepted_at: string;
}

/** Records an accepted health model; its version must be new. */
export async function saveAcceptedHealthModel(db: Queryable, m: AcceptedHealthModel): Promise<void> {
  await db.query(
    `INSERT INTO health_models (model_version, model, replaces, evidence, accepted_by, reason, accepted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [m.model_version, m.model, m.replaces, m.evidence, m.accepted_by, m.reason, m.accepted_at],
  );
}

/** Whether a model version was accepted before. */
export async function healthModelVersionExists(db: Queryable, version: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM health_models WHERE model_version = $1', [version])).length > 0;
}

/**
 * The health model accepted last, as stored (the caller validates it against the schema in
 * knowledge/health-model.ts), or null when none was and the knowledge file is in use.
 */
export async function acceptedHealthModel(db: Queryable): Promise<unknown> {
  const [row] = await db.query<{ model: unknown }>(
    'SELECT model FROM health_models ORDER BY accepted_at DESC, model_version DESC LIMIT 1',
  );
  return row?.model ?? null;
}
