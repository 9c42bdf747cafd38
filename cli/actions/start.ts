import { slackMode } from '../../core/config.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { runChat } from '../chat.ts';
import { exitAfterStop, note } from '../output.ts';
import { commandContext, configFrom, type GlobalOptions, withRuntime } from '../runtime.ts';
import { seedDemoIfEmpty } from './load-data.ts';

/** `cse start`: Slack when tokens are set, otherwise the local chat; an empty embedded store gets the demo. */
export async function start(globals: GlobalOptions, options: { as?: string }): Promise<void> {
  const mode = slackMode(configFrom(globals));
  await withRuntime(
    globals,
    async (rt) => {
      await seedDemoIfEmpty(rt);
      if (mode) {
        const { runSlack } = await import('../../bot/serve.ts');
        await runSlack(rt, mode, rt.config.PORT, note);
        exitAfterStop();
        return;
      }
      note(
        'No Slack tokens set, so this is the local chat. To answer in Slack, set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) — docs/slack-setup.md walks through it.',
      );
      await runChat(await commandContext(rt, options.as, 'chat'));
    },
    mode ? 'info' : 'warn',
  );
}

/** `cse serve`: the HTTP API, with the Slack receiver when Slack is configured. */
export async function serve(globals: GlobalOptions, options: { port?: number }): Promise<void> {
  const config = configFrom(globals);
  if (config.SLACK_BOT_TOKEN && !config.SLACK_SIGNING_SECRET) {
    throw new CseError(
      ErrorCode.ConfigInvalid,
      'cse serve needs SLACK_SIGNING_SECRET to verify Slack requests',
      {
        hint: 'Copy the signing secret from Basic Information → App Credentials in your Slack app (docs/slack-setup.md); for Socket Mode use cse start with SLACK_APP_TOKEN instead',
      },
    );
  }
  const { runHttpApi, runSlack } = await import('../../bot/serve.ts');
  await withRuntime(
    globals,
    (rt) => {
      const port = options.port ?? rt.config.PORT;
      return config.SLACK_BOT_TOKEN ? runSlack(rt, 'http', port, note) : runHttpApi(rt, port, note);
    },
    'info',
  );
  exitAfterStop();
}

/** `cse chat`. */
export async function chat(globals: GlobalOptions, options: { as?: string }): Promise<void> {
  await withRuntime(globals, async (rt) => runChat(await commandContext(rt, options.as, 'chat')));
}
