import { Option } from 'commander';
import { positiveInt } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

export const registerServe: RegisterCommand = (program, globals) => {
  program
    .command('serve')
    .description(
      'HTTP server: POST /v1/feedback and product events at /v1/track, /v1/identify, /v1/group, /v1/batch (CSE_API_TOKEN), /healthz, and the Slack receiver at /slack/events when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set; runs the daily scheduler (cse schedule): syncs of configured sources, usage rollup, snapshots, alerts',
    )
    .addOption(
      new Option('--port <n>', 'port to listen on (default: PORT or 3000)').argParser(
        positiveInt('--port', 65_535),
      ),
    )
    .action(async (options: { port?: number }) =>
      (await import('../actions/start.ts')).serve(globals(), options),
    );
};
