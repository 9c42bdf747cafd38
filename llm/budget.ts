import { CseError, ErrorCode } from '../core/errors.ts';

/**
 * What one user request may spend on the model: calls and tokens. Every gateway call takes the
 * request's budget and is refused once it is spent, so a loop can never run up a bill.
 */
export class LlmBudget {
  calls = 0;
  tokens = 0;
  constructor(
    readonly maxCalls = 3,
    readonly maxTokens = 6_000,
  ) {}

  /** Throws when another call would go over the budget. */
  reserve(): void {
    if (this.calls >= this.maxCalls || this.tokens >= this.maxTokens)
      throw new CseError(
        ErrorCode.LlmUnavailable,
        `This request has used its model budget (${this.calls} calls, ${this.tokens} tokens)`,
        { hint: 'The answer falls back to the rules and templates' },
      );
    this.calls += 1;
  }

  spend(tokens: number): void {
    this.tokens += tokens;
  }
}
