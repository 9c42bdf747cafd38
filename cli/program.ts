import { Command } from 'commander';
import { VERSION } from '../core/version.ts';
import { registerAlerts } from './commands/alerts.ts';
import { registerAsk } from './commands/ask.ts';
import { registerAudit } from './commands/audit.ts';
import { registerBacktest } from './commands/backtest.ts';
import { registerBench } from './commands/bench.ts';
import { registerChannels } from './commands/channels.ts';
import { registerChat } from './commands/chat.ts';
import { registerDemo } from './commands/demo.ts';
import { registerExport } from './commands/export.ts';
import { registerFeedback } from './commands/feedback.ts';
import { registerHealth } from './commands/health.ts';
import { registerImport } from './commands/import.ts';
import { registerModel } from './commands/model.ts';
import { registerParse } from './commands/parse.ts';
import type { RegisterCommand } from './commands/register.ts';
import { registerRun } from './commands/run.ts';
import { registerSchedule } from './commands/schedule.ts';
import { registerScore } from './commands/score.ts';
import { registerServe } from './commands/serve.ts';
import { registerSignals } from './commands/signals.ts';
import { registerStart } from './commands/start.ts';
import { registerSync } from './commands/sync.ts';
import { registerTick } from './commands/tick.ts';
import { registerWorker } from './commands/worker.ts';
import type { GlobalOptions } from './runtime.ts';

/** The sub-commands in the order `cse --help` lists them. */
const SUB_COMMANDS: readonly RegisterCommand[] = [
  registerStart,
  registerServe,
  registerChat,
  registerAsk,
  registerRun,
  registerParse,
  registerImport,
  registerExport,
  registerSync,
  registerDemo,
  registerWorker,
  registerTick,
  registerAlerts,
  registerSignals,
  registerChannels,
  registerSchedule,
  registerScore,
  registerBacktest,
  registerModel,
  registerHealth,
  registerFeedback,
  registerAudit,
  registerBench,
];

/** The `cse` program: names, options and help only; each sub-command loads its work when it runs. */
export function buildProgram(): Command {
  const program = new Command('cse')
    .description(
      'cs-engine: answers for Customer Success teams from your own data — in Slack or the terminal',
    )
    .version(VERSION)
    .option('--data-dir <dir>', 'folder of the embedded store (overrides CSE_DATA_DIR; default ./.cse)')
    .showHelpAfterError('(run cse --help for usage)')
    .addHelpText(
      'after',
      `\nExamples:\n  cse start                                 local chat on demo data (or Slack when tokens are set)\n  cse ask "portfolio review"\n  cse ask "how is Globex doing?"\n  cse run portfolio_review --as-of 2026-06 --json\n  cse import accounts accounts.csv\n  cse demo --accounts 500 --seed 7 --replace\n\nAnswers: ask in words, or cse run <intent>; cse run help lists every command with an example.\n\nExit codes: 0 ok, 2 bad input (reason on stderr), 1 internal failure.`,
    );
  const globals = () => program.opts<GlobalOptions>();
  for (const register of SUB_COMMANDS) register(program, globals);
  return program;
}
