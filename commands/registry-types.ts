import type { z } from 'zod';
import type { AccessArea } from '../knowledge/access-policy';
import type { CommandContext } from './context';
import type { IntentName } from './intent';
import type { ResolvedAccount } from './resolve-account';

/** What a command returns: its typed data and the date its figures are as of. */
export interface CommandOutput<D> {
  data: D;
  /** 'YYYY-MM-DD': the date the figures describe. */
  asOf: string;
  /** The definitions the figures follow, by name, for provenance. */
  definitions: Record<string, string>;
}

/** What a command touches, for the access rules: the area, whether it changes anything, and its target. */
export interface CommandAccess {
  area: AccessArea;
  write: boolean;
  /**
   * `account`: the resolved account; `book`: the book its csm/scope args choose; `portfolio`:
   * every account at once; `feedback_item`: the item named by its feedback_id arg;
   * `feedback_request`: that item and every item merged into it; `alert`: the account of the alert
   * named by its alert_id arg.
   */
  target: 'none' | 'account' | 'book' | 'portfolio' | 'feedback_item' | 'feedback_request' | 'alert';
}

/**
 * A command: zod args + run + result schema (CONVENTIONS §3). Commands return data only —
 * never Slack blocks or terminal text; rendering is a separate pure function.
 */
export interface Command<A extends z.ZodType = z.ZodType, D extends z.ZodType = z.ZodType> {
  intent: IntentName;
  title: string;
  summary: string;
  /** Things people can type; the first is shown in help. */
  examples: readonly string[];
  /** Whether the command is about one account. */
  account: 'none' | 'required';
  args: A;
  result: D;
  /** Checked by the router before `run`, for every surface; a function when the args decide (e.g. --save). */
  access: CommandAccess | ((args: z.output<A>) => CommandAccess);
  /** `account` is the resolved account for account commands, null for the others. */
  run(
    ctx: CommandContext,
    args: z.output<A>,
    account: ResolvedAccount | null,
  ): Promise<CommandOutput<z.output<D>>>;
}

export function defineCommand<A extends z.ZodType, D extends z.ZodType>(
  command: Command<A, D>,
): Command<A, D> {
  return command;
}
