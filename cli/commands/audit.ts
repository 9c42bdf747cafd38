import { type Command, Option } from 'commander';
import { positiveInt } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

const actions = () => import('../actions/audit.ts');

export const registerAudit: RegisterCommand = (program, globals) => {
  const audit = program
    .command('audit')
    .description('the audit log (admins): every question, answer outcome, refusal and change, newest first')
    .option('--actor <id>', 'only this actor (a user id, local:<user> or api)')
    .option('--since <date>', 'entries at or after this date or ISO date-time')
    .addOption(
      new Option('--limit <n>', 'at most this many entries (default 100)').argParser(
        positiveInt('--limit', 10_000),
      ),
    )
    .option('--as <user>', 'read as this team member (only admins may)')
    .option('--json', 'one JSON object per entry (JSON Lines)')
    .action(
      async (options: { actor?: string; since?: string; limit?: number; as?: string; json?: boolean }) =>
        (await actions()).auditLog(globals(), options),
    );
  audit
    .command('purge')
    .description(
      'delete audit entries older than the retention period (CSE_AUDIT_RETENTION_DAYS, default 400) by the database clock, never fewer than 30 days; admins only; the purge is itself audited',
    )
    .addOption(
      new Option('--older-than-days <n>', 'override the retention period (at least 30)').argParser(
        positiveInt('--older-than-days', 36_500),
      ),
    )
    .option('--as <user>', 'act as this team member (only admins may)')
    .option('--json', 'print the result as JSON')
    // `--as` before or after `purge` (`cse audit --as x purge`, `cse audit purge --as x`): the parent
    // takes it either way, so it is read with the parent's options.
    .action(async (_options: unknown, cmd: Command) =>
      (await actions()).purgeAudit(
        globals(),
        cmd.optsWithGlobals<{ olderThanDays?: number; as?: string; json?: boolean }>(),
      ),
    );
};
