import type { Command } from 'commander';
import type { GlobalOptions } from '../runtime.ts';

/**
 * One `cse` sub-command: its name, options and help, with the work behind it imported only when
 * it runs, so `cse --help` and every other sub-command start without loading it.
 */
export type RegisterCommand = (program: Command, globals: () => GlobalOptions) => void;
