import { describe, expectTypeOf, it } from 'vitest';
import type { CommandContext } from '../../commands/context.ts';
import type { CommandIntent, IntentName } from '../../commands/intent-names.ts';
import type { Registry } from '../../commands/registry.ts';
import type { AnswerData, AnswerOf, ArgsOf, run } from '../../commands/router.ts';

/**
 * The registry keeps each command's own types: a caller of `run` gets the command's result type,
 * and the arguments it takes. A declaration that drifts from these (a renamed field, a field that
 * changes type, an account command that stops requiring one) fails to type-check here.
 */
describe('the registry is typed all the way to the caller', () => {
  it('keeps the intent names of DESIGN §4', () => {
    expectTypeOf<
      | 'score'
      | 'churn_risk'
      | 'expansion_opportunities'
      | 'save_play'
      | 'renewal_prep'
      | 'success_plan'
      | 'onboarding_plan'
      | 'qbr_prep'
      | 'winback_plan'
      | 'portfolio_review'
      | 'cohort_analysis'
      | 'nrr_report'
      | 'help'
      | 'draft_email'
      | 'log_feedback'
      | 'account_feedback'
      | 'top_requests'
      | 'feedback_themes'
      | 'feedback_sla'
      | 'alerts'
      | 'advocates'
      | 'shipped_requests'
      | 'score_backtest'
    >().toExtend<CommandIntent>();
    expectTypeOf<'unknown'>().toExtend<IntentName>();
    expectTypeOf<'unknown'>().not.toExtend<CommandIntent>();
  });

  it("gives run's caller the command's own result", () => {
    type Run = typeof run<'churn_risk'>;
    expectTypeOf<Awaited<ReturnType<Run>>>().toEqualTypeOf<AnswerOf<'churn_risk'>>();
    expectTypeOf<AnswerData<'churn_risk'>['arr']>().toEqualTypeOf<number>();
    expectTypeOf<AnswerData<'churn_risk'>['level']>().toEqualTypeOf<'low' | 'medium' | 'high' | 'critical'>();
    expectTypeOf<AnswerData<'score'>['score']>().toEqualTypeOf<number | null>();
    expectTypeOf<AnswerData<'score'>['tier']>().toEqualTypeOf<
      'thriving' | 'healthy' | 'at-risk' | 'critical' | 'unscored'
    >();
    expectTypeOf<AnswerData<'qbr_prep'>['usage']['stickiness']>().toEqualTypeOf<number | null>();
    expectTypeOf<
      AnswerData<'renewal_prep'>['risk']['open_p1_p2_tickets'][number]['ticket_id']
    >().toEqualTypeOf<string>();
    expectTypeOf<AnswerData<'alerts'>['alerts'][number]['evidence'][number]>().toEqualTypeOf<{
      input: string;
      value: string;
      as_of: string | null;
    }>();
    expectTypeOf<AnswerData<'unknown'>['suggestions'][number]>().toEqualTypeOf<{
      intent: string;
      example: string;
    }>();
  });

  it('knows which commands are about one account, and what each takes', () => {
    expectTypeOf<Registry['qbr_prep']['account']>().toEqualTypeOf<'required'>();
    expectTypeOf<Registry['portfolio_review']['account']>().toEqualTypeOf<'none'>();
    expectTypeOf<ArgsOf<'qbr_prep'>>().toHaveProperty('account').toEqualTypeOf<string>();
    expectTypeOf<ArgsOf<'alerts'>>().toHaveProperty('state');
    expectTypeOf<ArgsOf<'draft_email'>>().toHaveProperty('kind');
  });

  it("lets a command compose another through the router, by the other's intent", () => {
    type Compose = NonNullable<CommandContext['compose']>;
    expectTypeOf<Parameters<Compose>[0]>().toEqualTypeOf<CommandIntent>();
    expectTypeOf<Compose>().returns.resolves.toHaveProperty('data');
  });
});
