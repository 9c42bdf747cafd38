import type { z } from 'zod';
import type { AccessArea } from '../knowledge/access-policy.ts';
import type { CommandContext } from './context.ts';
import type { IntentTriggers } from './parse/vocabulary.ts';
import type { ResolvedAccount } from './resolve-account.ts';

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
   * every account at once; `feedback_request`: every account on the request its feedback_id arg
   * (and candidate_id, when given) belongs to: the request itself and every item merged into it;
   * `alert`: the account of the alert named by its alert_id arg; `channel`: the account the
   * channel named by its channel arg is linked to, and the account it is being linked to.
   */
  target: 'none' | 'account' | 'book' | 'portfolio' | 'feedback_request' | 'alert' | 'channel';
  /** What a refusal calls the request and suggests instead, where the command's title would mislead. */
  refusal?: { title: string; hint: string };
}

/** Whether a command is about one account: when it is, `run` always gets that account. */
export type AccountRequirement = 'none' | 'required';
export type AccountFor<R extends AccountRequirement> = R extends 'required' ? ResolvedAccount : null;

/**
 * A command, declared once (CONVENTIONS §3): its zod args and result, the words the rules parser
 * knows it by, whether it is about one account, what it touches, how it runs, and how its answer
 * reads as text. Commands return data only; the text renderer is a pure function of that data,
 * used by the CLI, the local chat and Slack alike (Slack adds blocks of its own in bot/render/).
 */
export interface Command<
  I extends string = string,
  A extends z.ZodType = z.ZodType,
  D extends z.ZodType = z.ZodType,
  R extends AccountRequirement = AccountRequirement,
> {
  intent: I;
  title: string;
  summary: string;
  /** Things people can type; the first is shown in help. None: reached by buttons and `cse` only. */
  examples: readonly string[];
  account: R;
  args: A;
  result: D;
  /** How the rules parser recognises a question for it; null when only buttons and `cse run` reach it. */
  triggers: IntentTriggers | null;
  /** Checked by the router before `run`, for every surface; a function when the args decide (e.g. --save). */
  access: CommandAccess | ((args: z.output<A>) => CommandAccess);
  /**
   * What the audit log keeps of the arguments (default: all of them). A command whose arguments
   * carry personal data beyond what it stores as the team's record (identify traits, event
   * properties) keeps a summary instead.
   */
  auditArgs?: (args: z.output<A>) => Record<string, unknown>;
  /** The router resolves the account first: never null when the command requires one. */
  run(ctx: CommandContext, args: z.output<A>, account: AccountFor<R>): Promise<CommandOutput<z.output<D>>>;
  /** The answer as text (terminal, local chat, and the body of a Slack message). Pure. */
  render(data: z.output<D>, accountName: string): string;
}

export function defineCommand<
  const I extends string,
  A extends z.ZodType,
  D extends z.ZodType,
  const R extends AccountRequirement,
>(command: Command<I, A, D, R>): Command<I, A, D, R> {
  return command;
}
