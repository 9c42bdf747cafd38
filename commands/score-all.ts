import { healthModel } from '../knowledge/health-model';
import type { Db } from '../store/db';
import { healthData } from '../store/repositories/health-data';
import { activeAccountIds, saveHealthSnapshots } from '../store/repositories/health-snapshots';
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
  const ids = await activeAccountIds(db);
  const tiers: Record<string, number> = {};
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const scores = (await healthData(db, asOf, batch)).map((data) => ({
      accountId: data.accountId,
      health: healthScore(data, model),
    }));
    await saveHealthSnapshots(
      db,
      scores.map(({ accountId, health }) => ({
        account_id: accountId,
        as_of: asOf,
        score: health.score,
        tier: health.tier,
        dimensions: health.dimensions,
        missing: health.missing,
        model_version: health.modelVersion,
      })),
    );
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
