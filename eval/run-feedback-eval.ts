/**
 * Prints the feedback loop's quality on a labelled set (eval/feedback) without any LLM: dedup
 * pairwise precision / recall / F1, theme accuracy and owner accuracy, on the configured store
 * with the demo accounts. Exits 1 under a target on the main set (automatic-merge precision, the
 * request among the top three suggestions, themes, owners).
 * Usage: npm run eval:feedback [-- --json] [-- --sweep] [-- --set main|held-out|…|held-out-5|fresh-a|fresh-b|corpus-train] [-- --corrections N]
 * (`--held-out` is `--set held-out`; the held-out sets are reported, with no floor).
 */

import { feedbackLoopSettings } from '../knowledge/feedback-loop.ts';
import { localPairModel } from '../tools/feedback/local-models.ts';
import { withEvalDemo } from './eval-demo.ts';
import { evaluateFeedback, LABELLED_SETS, type LabelledSet, loadLabelledFeedback } from './feedback-eval.ts';

/** The issue's targets, enforced on the main set (and in test/integration/feedback-loop.test.ts). */
export const FEEDBACK_FLOORS = { precision: 0.95, topThree: 0.9, theme: 0.85, owner: 0.9 } as const;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function chosenSet(argv: readonly string[]): LabelledSet {
  if (argv.includes('--held-out')) return 'held-out';
  if (!argv.includes('--set')) return 'main';
  const named = argv[argv.indexOf('--set') + 1];
  if (!LABELLED_SETS.includes(named as LabelledSet)) {
    console.error(`--set must be one of ${LABELLED_SETS.join(', ')}; got ${named ?? 'nothing'}`);
    process.exit(2);
  }
  return named as LabelledSet;
}
const set = chosenSet(process.argv);

const corrections = process.argv.includes('--corrections')
  ? Number(process.argv[process.argv.indexOf('--corrections') + 1])
  : 0;

function evaluateAt(threshold: number, judgeFrom: number) {
  return withEvalDemo(async (db) => {
    const settings = feedbackLoopSettings();
    return {
      driver: db.driver,
      result: await evaluateFeedback(
        db,
        loadLabelledFeedback(set),
        {
          ...settings,
          dedup: { ...settings.dedup, threshold, judge_from: judgeFrom },
        },
        corrections,
      ),
    };
  });
}

const configured = feedbackLoopSettings().dedup;
if (process.argv.includes('--sweep')) {
  for (const threshold of [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85])
    for (const judgeFrom of [0.35, 0.45, threshold]) {
      const { result } = await evaluateAt(threshold, judgeFrom);
      console.log(
        `threshold ${threshold.toFixed(2)}, judge from ${judgeFrom.toFixed(2)}${judgeFrom === threshold ? ' (no judge)' : ''}: precision ${pct(result.dedup.precision)}, recall ${pct(result.dedup.recall)}, F1 ${pct(result.dedup.f1)}`,
      );
    }
} else {
  const { driver, result } = await evaluateAt(configured.threshold, configured.judge_from);
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    const floor = (x: number) => (set === 'main' ? `; target ${pct(x)}` : '');
    console.log(
      `Feedback loop evaluation (${set} set) — ${result.items} labelled items in ${result.clusters} requests, no LLM, ${driver}${corrections ? `, ${result.corrections} owner correction(s) simulated` : ''}`,
    );
    console.log(
      `  dedup (threshold ${result.threshold}, subject judge from ${result.judgeFrom})  precision ${pct(result.dedup.precision)}, recall ${pct(result.dedup.recall)}, F1 ${pct(result.dedup.f1)}  (${result.dedup.correctPairs} of ${result.dedup.truePairs} duplicate pairs found, ${result.dedup.predictedPairs} merged pairs${set === 'main' ? `; precision target ${pct(FEEDBACK_FLOORS.precision)}` : ''})`,
    );
    console.log(
      `  the request among the merge and the top three suggestions  ${pct(result.topThree.rate)}  (${result.topThree.found}/${result.topThree.eligible} items with an earlier duplicate; suggestions ranked by the pair model ${localPairModel().version}, from probability ${localPairModel().suggestFrom}${floor(FEEDBACK_FLOORS.topThree)})`,
    );
    console.log(
      `  theme accuracy  ${pct(result.theme.accuracy)}  (${result.theme.correct}/${result.theme.total}${floor(FEEDBACK_FLOORS.theme)})`,
    );
    console.log(
      `  owner accuracy  ${pct(result.owner.accuracy)}  (${result.owner.correct}/${result.owner.total}${floor(FEEDBACK_FLOORS.owner)})`,
    );
    for (const m of result.misses)
      console.log(`  theme miss ${m.id}: "${m.text}" expected ${m.expected}, got ${m.got}`);
  }
  if (
    set === 'main' &&
    (result.dedup.precision < FEEDBACK_FLOORS.precision ||
      result.topThree.rate < FEEDBACK_FLOORS.topThree ||
      result.theme.accuracy < FEEDBACK_FLOORS.theme ||
      result.owner.accuracy < FEEDBACK_FLOORS.owner)
  ) {
    console.error('Below a target: see the figures above');
    process.exitCode = 1;
  }
}
