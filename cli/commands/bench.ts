import { Option } from 'commander';
import { positiveInt } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

export const BENCH_SUITES = [
  'store',
  'reports',
  'slack',
  'feedback',
  'daily',
  'connectors',
  'signals',
] as const;

export interface BenchOptions {
  items: number;
  stored: number;
  queries: number;
  suite: string;
  accounts: number;
  months: number;
  runs: number;
  repetitions: number;
  records: number;
  messages: number;
  json?: boolean;
}

export const registerBench: RegisterCommand = (program, globals) => {
  program
    .command('bench')
    .description(
      'benchmarks on the configured store: start-up, demo, import throughput; report and account-answer latency p50/p95; Slack ack and answer latency; the daily scheduled run; connector sync throughput and resume after a kill, against local fakes of each API; customer-channel back-fill and signal detection throughput',
    )
    .addOption(
      new Option('--suite <name>', 'what to measure').choices([...BENCH_SUITES, 'all']).default('all'),
    )
    .addOption(
      new Option('--accounts <n>', 'size of the large demo')
        .argParser(positiveInt('--accounts', 100_000))
        .default(10_000),
    )
    .addOption(
      new Option('--months <n>', 'months of history for the report suite')
        .argParser(positiveInt('--months', 60))
        .default(36),
    )
    .addOption(
      new Option('--runs <n>', 'store suite: repetitions (medians reported)')
        .argParser(positiveInt('--runs', 20))
        .default(3),
    )
    .addOption(
      new Option('--repetitions <n>', 'report suite: timed runs per command')
        .argParser(positiveInt('--repetitions', 1000))
        .default(20),
    )
    .addOption(
      new Option(
        '--records <n>',
        'connectors suite: Stripe subscriptions and HubSpot companies, contacts and deals each (Zendesk tickets and product events: twice as many)',
      )
        .argParser(positiveInt('--records', 100_000))
        .default(5000),
    )
    .addOption(
      new Option('--items <n>', 'feedback suite: items through the whole loop')
        .argParser(positiveInt('--items', 100_000))
        .default(2000),
    )
    .addOption(
      new Option('--stored <n>', 'feedback suite: stored items for the kNN figure')
        .argParser(positiveInt('--stored', 1_000_000))
        .default(100_000),
    )
    .addOption(
      new Option('--queries <n>', 'feedback suite: kNN queries timed')
        .argParser(positiveInt('--queries', 10_000))
        .default(200),
    )
    .addOption(
      new Option(
        '--messages <n>',
        'signals suite: channel messages back-filled (a tenth as many stored live)',
      )
        .argParser(positiveInt('--messages', 1_000_000))
        .default(10_000),
    )
    .option('--json', 'print the report as JSON')
    .action(async (options: BenchOptions) => (await import('../actions/bench.ts')).bench(globals(), options));
};
