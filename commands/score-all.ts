import { healthModel } from '../knowledge/health-model';
import type { Db } from '../store/db';
import { healthData } from '../store/repositories/health-data';
import { healthScore } from '../tools/health/health-score';

export interface ScoreAllSummary {
  as_of: string;
  accounts: number;
  tiers: Record<string, number>;
  model_version: string;
  duration_ms: number;
}

const BATCH = 2_000;

/**
 * Scores every active account as of a day and stores one health snapshot each (replacing a
 * snapshot of the same day): set-based reads, one COPY and one upsert per batch, all in one
 * transaction per batch.
 */
export async function scoreAll(
  db: Db,
  asOf: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ScoreAllSummary> {
  const started = performance.now();
  const model = healthModel();
  const ids = (
    await db.query<{ account_id: string }>(
      "SELECT account_id FROM accounts WHERE status = 'active' ORDER BY account_id",
    )
  ).map((r) => r.account_id);
  const tiers: Record<string, number> = {};
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const scores = (await healthData(db, asOf, batch)).map((data) => ({
      accountId: data.accountId,
      health: healthScore(data, model),
    }));
    await db.transaction(async (tx) => {
      await tx.exec('CREATE TEMP TABLE _snapshots (LIKE health_snapshots INCLUDING DEFAULTS) ON COMMIT DROP');
      await tx.copyRows(
        '_snapshots',
        ['account_id', 'as_of', 'score', 'tier', 'dimensions', 'missing', 'model_version'],
        scores.map(({ accountId, health }) => [
          accountId,
          asOf,
          health.score,
          health.tier,
          health.dimensions,
          health.missing,
          health.modelVersion,
        ]),
      );
      await tx.query(
        `INSERT INTO health_snapshots (account_id, as_of, score, tier, dimensions, missing, model_version)
         SELECT account_id, as_of, score, tier, dimensions, missing, model_version FROM _snapshots
         ON CONFLICT (account_id, as_of) DO UPDATE SET score = EXCLUDED.score, tier = EXCLUDED.tier, dimensions = EXCLUDED.dimensions,
           missing = EXCLUDED.missing, model_version = EXCLUDED.model_version, computed_at = now()`,
      );
    });
    for (const { health } of scores) tiers[health.tier] = (tiers[health.tier] ?? 0) + 1;
    onProgress?.(Math.min(i + BATCH, ids.length), ids.length);
  }
  return {
    as_of: asOf,
    accounts: ids.length,
    tiers,
    model_version: model.model_version,
    duration_ms: Math.round(performance.now() - started),
  };
}
