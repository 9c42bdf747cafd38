import { userInfo } from 'node:os';
import { renderAnswer } from '../../commands/answer-text.ts';
import { operatorActor } from '../../commands/context.ts';
import { run } from '../../commands/router.ts';
import { compareHealthModels, readProposal } from '../../commands/score-backtest/model-evidence.ts';
import { disagreementLines } from '../../commands/score-backtest/render.ts';
import { todayOn } from '../../core/clock.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { fitAndStoreChurnModel } from '../../jobs/refit-churn-model.ts';
import { backtestSettings } from '../../knowledge/backtest-settings.ts';
import { healthModel } from '../../knowledge/health-model.ts';
import { renderChurnModelFit, renderProposal, renderTrackRecord } from '../../render/model-evidence.ts';
import { healthModelVersionExists, saveAcceptedHealthModel } from '../../store/repositories/health-models.ts';
import type { BacktestOptions } from '../commands/backtest.ts';
import type { ProposeOptions } from '../commands/health.ts';
import { print } from '../output.ts';
import { auditedWrite, commandContext, type GlobalOptions, withRuntime } from '../runtime.ts';

/** `cse backtest`: the router's score_backtest, as text, JSON, or the Disagree report alone. */
export async function backtest(globals: GlobalOptions, options: BacktestOptions): Promise<void> {
  if (options.signal) return signalBacktest(globals, options);
  await withRuntime(globals, async (rt) => {
    const answer = await run(await commandContext(rt, options.as, 'cli'), 'score_backtest', {
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
      ...(options.horizon ? { horizon: options.horizon } : {}),
      ...(options.segment ? { segment: options.segment } : {}),
      ...(options.csm ? { csm: options.csm } : {}),
    });
    if (answer.intent !== 'score_backtest') {
      print(renderAnswer(answer));
      return;
    }
    const data = answer.data;
    if (options.json)
      print(
        JSON.stringify(
          options.disagreements
            ? {
                disagreements: data.disagreements,
                horizon_days: data.horizon_days,
                provenance: answer.provenance,
              }
            : { ...data, provenance: answer.provenance },
          null,
          2,
        ),
      );
    else if (options.disagreements)
      print(
        [
          `Disagreements with the health score (outcomes within ${data.horizon_days} days):`,
          ...disagreementLines(data).map((l) => `  • ${l}`),
        ].join('\n'),
      );
    else print(renderAnswer(answer));
  });
}

/** `cse backtest --signal customer_voice`: the signal beside the score and the churn model, through the router. */
async function signalBacktest(globals: GlobalOptions, options: BacktestOptions): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const answer = await run(await commandContext(rt, options.as, 'cli'), 'signal_backtest', {
      signal: options.signal,
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
      ...(options.horizon ? { horizon: options.horizon } : {}),
      ...(options.segment ? { segment: options.segment } : {}),
      ...(options.csm ? { csm: options.csm } : {}),
    });
    if (options.json) print(JSON.stringify({ ...answer.data, provenance: answer.provenance }, null, 2));
    else print(renderAnswer(answer));
  });
}

/** `cse model fit`: fits, validates out of time, stores and audits the churn model. */
export async function fitModel(globals: GlobalOptions, options: { json?: boolean }): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const today = todayOn(rt.clock);
    const settings = backtestSettings();
    const { fit, id, trackRecord } = await auditedWrite(
      rt,
      { intent: 'model_fit', text: 'cse model fit', args: { as_of: today } },
      async () => {
        const { fit, id, trackRecord } = await fitAndStoreChurnModel(
          rt.db,
          today,
          {
            fittedAt: rt.clock.now().toISOString(),
            fittedBy: operatorActor(`local:${userInfo().username}`).id,
            fiscalStart: rt.config.CSE_FISCAL_YEAR_START,
          },
          settings,
        );
        return { fit, id, trackRecord };
      },
    );
    if (options.json) print(JSON.stringify({ model_id: id, ...fit, track_record: trackRecord }, null, 2));
    else print(`${renderChurnModelFit(fit, id, settings)}\n\n${renderTrackRecord(trackRecord)}`);
  });
}

/** `cse health propose <model.json> [--accept --reason …] [--force]`. */
export async function propose(globals: GlobalOptions, file: string, options: ProposeOptions): Promise<void> {
  if (options.accept && !options.reason?.trim())
    throw new CseError(ErrorCode.BadInput, '--accept needs --reason "<why>"', {
      hint: 'Say why the weights change, e.g. --reason "usage carries the signal in our backtest"',
    });
  await withRuntime(globals, async (rt) => {
    const today = todayOn(rt.clock);
    const current = healthModel();
    const proposed = readProposal(file, current);
    const comparison = await compareHealthModels(rt.db, today, current, proposed);
    if (options.json) print(JSON.stringify(comparison, null, 2));
    else print(renderProposal(comparison));
    if (!options.accept) return;
    const evidence = {
      cutoffs: comparison.cutoffs,
      auc_before: comparison.current.report.auc.value,
      auc_after: comparison.proposed.report.auc.value,
      auc_change: comparison.auc_change,
      brier_before: comparison.current.report.brier,
      brier_after: comparison.proposed.report.brier,
      forced: comparison.verdict === 'worse',
    };
    await auditedWrite(
      rt,
      {
        intent: 'accept_health_model',
        text: 'cse health propose --accept',
        args: {
          model_version: proposed.model_version,
          replaces: current.model_version,
          reason: options.reason,
          ...evidence,
        },
      },
      // Inside the audited write, so a refusal is in the audit log with its reason.
      async () => {
        if (comparison.verdict === 'worse' && !options.force)
          throw new CseError(
            ErrorCode.BadInput,
            `Refused: ${proposed.model_version} ${comparison.auc_change === null ? 'has no AUC on this history' : `lowers the AUC by ${(-comparison.auc_change).toFixed(3)}, more than the ${comparison.max_auc_drop} allowed`}`,
            {
              hint: 'Keep the current model, change the proposal, or add --force with a --reason to accept it anyway',
            },
          );
        if (await healthModelVersionExists(rt.db, proposed.model_version))
          throw new CseError(
            ErrorCode.BadInput,
            `Model version ${proposed.model_version} was accepted before`,
            {
              hint: 'Give the proposal a new model_version',
            },
          );
        await saveAcceptedHealthModel(rt.db, {
          model_version: proposed.model_version,
          model: proposed,
          replaces: current.model_version,
          evidence,
          accepted_by: operatorActor(`local:${userInfo().username}`).id,
          reason: options.reason ?? '',
          accepted_at: rt.clock.now().toISOString(),
        });
      },
    );
    print(
      `Accepted: health model ${proposed.model_version} replaces ${current.model_version}. Scores from now on name ${proposed.model_version}; restart cse serve and cse worker to use it there.`,
    );
  });
}
