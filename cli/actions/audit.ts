import { run } from '../../commands/router.ts';
import { print } from '../output.ts';
import { commandContext, type GlobalOptions, withRuntime } from '../runtime.ts';
import { printAnswer } from './answer.ts';

/** `cse audit`: the audit log through the router (admins only), as text or JSON Lines. */
export async function auditLog(
  globals: GlobalOptions,
  options: { actor?: string; since?: string; limit?: number; as?: string; json?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const answer = await run(await commandContext(rt, options.as, 'cli'), 'audit_log', {
      ...(options.actor ? { actor: options.actor } : {}),
      ...(options.since ? { since: options.since } : {}),
      ...(options.limit ? { limit: options.limit } : {}),
    });
    if (!options.json || answer.intent !== 'audit_log') {
      await printAnswer(answer, options.json);
      return;
    }
    for (const entry of answer.data.entries) print(JSON.stringify(entry));
  });
}

/** `cse audit purge`. */
export async function purgeAudit(
  globals: GlobalOptions,
  options: { olderThanDays?: number; as?: string; json?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    await printAnswer(
      await run(await commandContext(rt, options.as, 'cli'), 'purge_audit', {
        ...(options.olderThanDays ? { older_than_days: options.olderThanDays } : {}),
      }),
      options.json,
    );
  });
}
