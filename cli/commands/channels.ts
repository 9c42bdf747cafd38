import { type Command, Option } from 'commander';
import { positiveInt } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

const actions = () => import('../actions/channels.ts');

export const registerChannels: RegisterCommand = (program, globals) => {
  const channels = program
    .command('channels')
    .description(
      "customer Slack channels linked to your book's accounts: how each was linked, its messages, last message and history back-fill",
    )
    .option('--as <user>', 'read as this team member')
    .option('--json', 'print the answer object')
    .action(async (options: { as?: string; json?: boolean }) =>
      (await actions()).listChannels(globals(), options),
    );
  channels
    .command('link')
    .description(
      "link a Slack channel to an account: its messages become the account's history, read for signals",
    )
    .argument('<channel>', 'the channel id, e.g. C0123ABCD (in Slack: channel details → About)')
    .requiredOption('--account <name>', 'the account (id, name, domain)')
    .addOption(
      new Option('--days <n>', 'days of history to back-fill (default 365)').argParser(
        positiveInt('--days', 730),
      ),
    )
    .option('--name <name>', 'the channel name to show')
    .option('--as <user>', 'act as this team member')
    .option('--json', 'print the answer object')
    // --as and --json after the sub-command or before it: the parent takes them either way.
    .action(async (channel: string, _options: unknown, cmd: Command) =>
      (await actions()).linkChannel(
        globals(),
        channel,
        cmd.optsWithGlobals<{ account: string; days?: number; name?: string; as?: string; json?: boolean }>(),
      ),
    );
  channels
    .command('unlink')
    .description(
      'stop reading a channel; with --purge, delete its stored messages and the signals found in them',
    )
    .argument('<channel>', 'the channel id')
    .option('--purge', 'also delete its stored messages and their signals')
    .option('--as <user>', 'act as this team member')
    .option('--json', 'print the answer object')
    .action(async (channel: string, _options: unknown, cmd: Command) =>
      (await actions()).unlinkChannel(
        globals(),
        channel,
        cmd.optsWithGlobals<{ purge?: boolean; as?: string; json?: boolean }>(),
      ),
    );
};
