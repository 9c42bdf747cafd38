import { Option } from 'commander';
import { DEFAULT_DEMO_ACCOUNTS, DEFAULT_DEMO_SEED } from '../../demo/demo-defaults.ts';
import { isoDate, positiveInt } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

export const registerDemo: RegisterCommand = (program, globals) => {
  program
    .command('demo')
    .description('generate a realistic demo portfolio (deterministic for a seed and as-of date)')
    .addOption(
      new Option('--accounts <n>', 'number of accounts')
        .argParser(positiveInt('--accounts', 100_000))
        .default(DEFAULT_DEMO_ACCOUNTS),
    )
    .addOption(
      new Option('--seed <s>', 'random seed')
        .argParser(positiveInt('--seed', 2 ** 31))
        .default(DEFAULT_DEMO_SEED),
    )
    .addOption(
      new Option('--as-of <date>', "the demo's today, YYYY-MM-DD (default: today)").argParser(isoDate),
    )
    .option('--replace', 'clear the accounts already stored first')
    .option('--json', 'print the summary as JSON')
    .action(
      async (options: { accounts: number; seed: number; asOf?: string; replace?: boolean; json?: boolean }) =>
        (await import('../actions/load-data.ts')).loadDemoData(globals(), options),
    );
};
