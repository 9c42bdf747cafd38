import { add, type DemoContext, nextId, ts } from './context.ts';
import { type AccountPlan, activeDay, FEATURED, idxOf, SEGMENT_PROFILE } from './plan.ts';

/** Feedback with paraphrased duplicates, its themes and scores following the account's story. */
export function emitFeedback(ctx: DemoContext, plan: AccountPlan, people: string[]): void {
  const { rng, vocab } = ctx;
  const [min, max] = SEGMENT_PROFILE[plan.segment].feedback;
  const troubled =
    plan.archetype === 'at_risk' || plan.archetype === 'churned' || plan.archetype === 'contracting';
  const themes = Object.keys(vocab.feedback);
  const weightOf = (theme: string) =>
    theme === 'churn_intent'
      ? troubled
        ? 4
        : 0
      : theme === 'praise'
        ? troubled
          ? 0.5
          : 4
        : theme === 'feature_request'
          ? 5
          : 2;
  const n = rng.int(min, max) + (idxOf(plan) < FEATURED.length ? 2 : 0);
  for (let k = 0; k < n; k++) {
    const day = activeDay(ctx, plan, 540);
    if (!day) continue;
    const theme = rng.weighted(themes.map((t) => [t, weightOf(t)] as const));
    const cluster = rng.pick(vocab.feedback[theme] ?? []);
    const text = rng.pick(cluster.slice(1));
    const source = rng.weighted<string>([
      ['nps', 25],
      ['csat', 15],
      ['survey', 10],
      ['ticket', 15],
      ['in_app', 15],
      ['call_note', 15],
      ['slack', 5],
    ]);
    const score =
      source === 'nps'
        ? troubled
          ? rng.int(0, 6)
          : plan.archetype === 'grower'
            ? rng.int(8, 10)
            : rng.int(6, 9)
        : source === 'csat'
          ? troubled
            ? rng.int(1, 3)
            : rng.int(3, 5)
          : null;
    add(ctx, 'feedback', {
      feedback_id: nextId(ctx, 'FB'),
      account_id: plan.id,
      source: source,
      created_at: ts(day, rng.int(8, 19)),
      score: score,
      text: text,
      author: rng.pick(people.length > 0 ? people : ['Customer']),
      attributes: { demo_theme: theme, demo_cluster: cluster[0] },
    });
  }
}
