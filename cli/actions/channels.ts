import { run } from '../../commands/router.ts';
import { commandContext, type GlobalOptions, withRuntime } from '../runtime.ts';
import { printAnswer } from './answer.ts';

/** `cse channels`: the linked channels of the asker's book. */
export async function listChannels(
  globals: GlobalOptions,
  options: { as?: string; json?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    await printAnswer(await run(await commandContext(rt, options.as, 'cli'), 'channels', {}), options.json);
  });
}

/** `cse channels link C0123 --account Acme`. */
export async function linkChannel(
  globals: GlobalOptions,
  channel: string,
  options: { account: string; days?: number; name?: string; as?: string; json?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const args = {
      account: options.account,
      channel,
      via: 'cli',
      ...(options.days ? { days: options.days } : {}),
      ...(options.name ? { name: options.name } : {}),
    };
    await printAnswer(
      await run(await commandContext(rt, options.as, 'cli'), 'link_channel', args),
      options.json,
    );
  });
}

/** `cse channels unlink C0123 [--purge]`. */
export async function unlinkChannel(
  globals: GlobalOptions,
  channel: string,
  options: { purge?: boolean; as?: string; json?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    await printAnswer(
      await run(await commandContext(rt, options.as, 'cli'), 'unlink_channel', {
        channel,
        purge: options.purge ?? false,
      }),
      options.json,
    );
  });
}
