import { Option } from 'commander';
import { horizonDays, isoDate } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

export interface BacktestOptions {
  from?: string;
  to?: string;
  horizon?: number;
  segment?: string;
  csm?: string;
  disagreements?: boolean;
  signal?: string;
  as?: string;
  json?: boolean;
}

export const registerBacktest: RegisterCommand = (program, globals) => {
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
    .addOption(
      new Option(
        '--signal <name>',
        'does a customer signal add to the score? customer_voice (what they said) or responsiveness (how fast we answered), with and without it',
      ).choices(['customer_voice', 'responsiveness']),
    )
    .option('--as <user>', 'as this team member (their book and rights)')
    .option('--json', 'the DESIGN §12 fields, with one observation per account and cutoff')
    .addHelpText(
      'after',
      '\nNeeds point-in-time snapshots: cse score --all --from <a year ago> --to <today> --every week back-fills them from dated history.\nIn words: cse ask "how good is our health score?"',
    )
    .action(async (options: BacktestOptions) =>
      (await import('../actions/evidence.ts')).backtest(globals(), options),
    );
};
