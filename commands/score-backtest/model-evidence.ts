import { readFileSync } from 'node:fs';
import { CseError, ErrorCode } from '../../core/errors.ts';
import {
  EVERY_ACCOUNT,
  monthlyCutoffs,
  rescoredObservations,
  seededBacktest,
} from '../../facts/backtest-observations.ts';
import { type BacktestSettings, backtestSettings } from '../../knowledge/backtest-settings.ts';
import { HealthModel } from '../../knowledge/health-model.ts';
import type { Queryable } from '../../store/db.ts';
import type { ScoreBacktestReport } from '../../tools/backtest/score-backtest.ts';

export { fitChurnModelOnSnapshots } from '../../facts/churn-model-fit.ts';

/** Reads a proposed health model: a whole model, or a partial one (e.g. only `weights`) over the current. */
export function readProposal(path: string, current: HealthModel): HealthModel {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CseError(
      missing ? ErrorCode.FileNotFound : ErrorCode.BadInput,
      `${path}: ${(error as Error).message}`,
      {
        hint: 'Give a JSON file with the keys to change, e.g. {"model_version": "seed-3", "weights": {"default": {…}}}',
      },
    );
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new CseError(ErrorCode.BadInput, `${path}: must be a JSON object`);
  const proposal = { ...current, ...(raw as Record<string, unknown>) };
  if (!('model_version' in (raw as object)) || proposal.model_version === current.model_version)
    throw new CseError(
      ErrorCode.BadInput,
      `${path}: model_version must name a new version (the current one is ${current.model_version})`,
      {
        hint: `Add "model_version": "${current.model_version}-1" (or any new name) to the file`,
      },
    );
  const parsed = HealthModel.safeParse(proposal);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CseError(
      ErrorCode.BadInput,
      `${path}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? 'is invalid'}`,
      {
        hint: 'Fix the value named above; docs/trust-the-score.md shows a proposal file',
      },
    );
  }
  return parsed.data;
}

export interface ProposalComparison {
  cutoffs: string[];
  current: { model_version: string; report: ScoreBacktestReport };
  proposed: { model_version: string; report: ScoreBacktestReport };
  auc_change: number | null;
  max_auc_drop: number;
  verdict: 'better_or_equal' | 'worse_within_tolerance' | 'worse';
}

/** Backtests the current and a proposed model on the same accounts and cutoffs, each rescored from history. */
export async function compareHealthModels(
  db: Queryable,
  today: string,
  current: HealthModel,
  proposed: HealthModel,
  settings: BacktestSettings = backtestSettings(),
): Promise<ProposalComparison> {
  const cutoffs = await monthlyCutoffs(
    db,
    { from: '1900-01-01', to: today, today },
    settings.outcome.horizon_days,
  );
  const [before, after] = (
    await rescoredObservations(db, cutoffs.judged, EVERY_ACCOUNT, settings, today, [current, proposed])
  ).map((observations) => seededBacktest(observations, settings)) as [
    ScoreBacktestReport,
    ScoreBacktestReport,
  ];
  const change =
    before.auc.value !== null && after.auc.value !== null ? after.auc.value - before.auc.value : null;
  const drop = settings.proposals.max_auc_drop;
  return {
    cutoffs: cutoffs.judged,
    current: { model_version: current.model_version, report: before },
    proposed: { model_version: proposed.model_version, report: after },
    auc_change: change,
    max_auc_drop: drop,
    verdict:
      change === null || change < -drop ? 'worse' : change < 0 ? 'worse_within_tolerance' : 'better_or_equal',
  };
}
