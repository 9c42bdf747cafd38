import type { RegisterCommand } from './register.ts';

export const registerModel: RegisterCommand = (program, globals) => {
  const model = program.command('model').description('the learned churn model');
  model
    .command('fit')
    .description(
      'fits a regularised logistic regression on the point-in-time health inputs and account facts (size and its change, tenure, seats, segment, term, time to renewal), validated out of time beside the rule-based score; stores it for churn_risk, which refuses it when it does not beat the base rate',
    )
    .option('--json', 'print the fit as JSON')
    .action(async (options: { json?: boolean }) =>
      (await import('../actions/evidence.ts')).fitModel(globals(), options),
    );
};
