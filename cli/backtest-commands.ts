import { userInfo } from 'node:os';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { operatorActor } from '../commands/context';
import { compareHealthModels, fitChurnModelOnSnapshots, readProposal } from '../commands/model-evidence';
import { run } from '../commands/router';
import type { ScoreBacktestData } from '../commands/score-backtest';
import { todayOn } from '../core/clock';
import { CseError, ErrorCode } from '../core/errors';
import { backtestSettings } from '../knowledge/backtest-settings';
import { healthModel } from '../knowledge/health-model';
import { saveChurnModel } from '../store/repositories/churn-models';
import { healthModelVersionExists, saveAcceptedHealthModel } from '../store/repositories/health-models';
import { isoDate } from './option-parsers';
import { renderAnswer } from './render/answer';
import { renderChurnModelFit, renderProposal } from './render/model-evidence';
import { disagreementLines } from './render/score-backtest';
import { auditedWrite, commandContext, type GlobalOptions, withRuntime } from './runtime';

const print = (text: string) => process.stdout.write(`${text}\n`);

function horizonDays(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 7 || n > 730)
    throw new InvalidArgumentError('must be a whole number of days from 7 to 730');
  return n;
}

/** `cse backtest`, `cse model fit` and `cse health propose`: the evidence behind the score. */
export function registerBacktestCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('backtest')
    .description(
      'does the health score predict churn? scores at each monthly cutoff against churn or contraction within the horizon: tier rates, AUC, deciles, calibration, signals, data quality, disagreements',
    )
    .addOption(new Option('--from <date>', 'first snapshot day to use as a cutoff').argParser(isoDate))
    .addOption(
      new Option('--to <date>', 'last snapshot day to use as a cutoff (default: today)').argParser(isoDate),
    )
    .addOption(
      new Option('--horizon <days>', 'days after a cutoff in which a loss counts (default 90)').argParser(
        horizonDays,
      ),
    )
    .option('--segment <segment>', 'one segment only')
    .option('--csm <user>', "one CSM's book")
    .option('--disagreements', 'only the Disagree calibration report')
    .option('--as <user>', 'as this team member (their book and rights)')
    .option('--json', 'the DESIGN §12 fields, with one observation per account and cutoff')
    .addHelpText(
      'after',
      '\nNeeds point-in-time snapshots: cse score --all --from <a year ago> --to <today> --every week back-fills them from dated history.\nIn words: cse ask "how good is our health score?"',
    )
    .action(
      async (options: {
        from?: string;
        to?: string;
        horizon?: number;
        segment?: string;
        csm?: string;
        disagreements?: boolean;
        as?: string;
        json?: boolean;
      }) => {
        await withRuntime(globals(), async (rt) => {
          const answer = await run(await commandContext(rt, options.as, 'cli'), 'score_backtest', {
            ...(options.from ? { from: options.from } : {}),
            ...(options.to ? { to: options.to } : {}),
            ...(options.horizon ? { horizon: options.horizon } : {}),
            ...(options.segment ? { segment: options.segment } : {}),
            ...(options.csm ? { csm: options.csm } : {}),
          });
          const data = answer.data as ScoreBacktestData;
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
      },
    );

  const model = program.command('model').description('the learned churn model');
  model
    .command('fit')
    .description(
      'fits a regularised logistic regression on the point-in-time health inputs, validated out of time, beside the rule-based score; stores it for churn_risk',
    )
    .option('--json', 'print the fit as JSON')
    .action(async (options: { json?: boolean }) => {
      await withRuntime(globals(), async (rt) => {
        const today = todayOn(rt.clock);
        const settings = backtestSettings();
        const { fit, id } = await auditedWrite(
          rt,
          { intent: 'model_fit', text: 'cse model fit', args: { as_of: today } },
          async () => {
            const fit = await fitChurnModelOnSnapshots(rt.db, today, settings);
            const id = await saveChurnModel(rt.db, fit, {
              fittedAt: rt.clock.now().toISOString(),
              fittedBy: operatorActor(`local:${userInfo().username}`).id,
              horizonDays: settings.outcome.horizon_days,
            });
            return { fit, id };
          },
        );
        if (options.json) print(JSON.stringify({ model_id: id, ...fit }, null, 2));
        else print(renderChurnModelFit(fit, id, settings));
      });
    });

  const health = program
    .command('health')
    .description('the health model: propose and accept new weights with evidence');
  health
    .command('propose')
    .description(
      'backtests the current and a proposed health model side by side; --accept records the proposal as the model in use if its AUC is not worse',
    )
    .argument(
      '<model.json>',
      'a health model, or only the keys to change (e.g. weights) with a new model_version',
    )
    .option(
      '--accept',
      'record the proposal as a new model version (refused if the AUC drops by more than the tolerance)',
    )
    .option('--force', 'accept even though the AUC drops by more than the tolerance')
    .option('--reason <text>', 'why (required with --accept; kept in the audit log)')
    .option('--json', 'print the comparison as JSON')
    .action(
      async (
        file: string,
        options: { accept?: boolean; force?: boolean; reason?: string; json?: boolean },
      ) => {
        if (options.accept && !options.reason?.trim())
          throw new CseError(ErrorCode.BadInput, '--accept needs --reason "<why>"', {
            hint: 'Say why the weights change, e.g. --reason "usage carries the signal in our backtest"',
          });
        await withRuntime(globals(), async (rt) => {
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
                reason: options.reason as string,
                accepted_at: rt.clock.now().toISOString(),
              });
            },
          );
          print(
            `Accepted: health model ${proposed.model_version} replaces ${current.model_version}. Scores from now on name ${proposed.model_version}; restart cse serve and cse worker to use it there.`,
          );
        });
      },
    );
}
