import { CseError, ErrorCode } from '../core/errors.ts';
import type { CommandContext } from './context.ts';
import type { CommandIntent } from './intent-names.ts';
import type { AnswerOf } from './router.ts';

/**
 * Another command's answer, for the same asker, through the router (authorised and audited): the
 * one way a command builds on another's result (DESIGN §14).
 */
export function compose<I extends CommandIntent>(
  ctx: CommandContext,
  intent: I,
  args: Record<string, unknown>,
): Promise<AnswerOf<I>> {
  if (!ctx.compose)
    throw new CseError(ErrorCode.Internal, `${intent} was asked for outside the router`, {
      hint: 'Run the command through the router (run or ask), which lets commands compose',
    });
  return ctx.compose(intent, args);
}
