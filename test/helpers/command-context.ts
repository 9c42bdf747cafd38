import type { CommandContext } from '../../commands/context.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import type { Db } from '../../store/db.ts';

/** A command context over a test store, as the local operator, on a fixed day. */
export function testContext(db: Db, today: string, overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    db,
    config: loadConfig({}),
    logger: createLogger('silent'),
    actor: { id: 'local:test', user: null, role: 'admin' },
    today,
    now: `${today}T12:00:00.000Z`,
    surface: 'cli',
    ...overrides,
  };
}
