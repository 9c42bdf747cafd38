import { slackFeedbackNotifier } from '../../bot/feedback-notifier.ts';
import { startServerScheduler, untilStopped } from '../../bot/serve.ts';
import { feedbackRuntime } from '../../jobs/feedback-runtime.ts';
import {
  rearmSlaChecks,
  requeueUnfinished,
  runFeedbackWorker,
  startRedrive,
} from '../../jobs/feedback-worker.ts';
import { reembedStaleFeedback } from '../../jobs/reembed-feedback.ts';
import { exitAfterStop, note } from '../output.ts';
import { type GlobalOptions, withRuntime } from '../runtime.ts';

/** `cse worker`: the feedback loop's workers and the daily scheduler, until stopped (or idle). */
export async function worker(
  globals: GlobalOptions,
  options: { concurrency: number; untilIdle?: boolean },
): Promise<void> {
  await withRuntime(
    globals,
    async (rt) => {
      let processed = 0;
      const notifier = slackFeedbackNotifier(rt);
      const { queue, options: work } = feedbackRuntime(rt, {
        concurrency: options.concurrency,
        notifier,
        onProcessed: (_id, outcome) => {
          if (outcome.status !== 'processed') return;
          processed++;
          if (processed % 100 === 0) note(`processed ${processed}`);
        },
      });
      const reembedded = await reembedStaleFeedback(rt.db, work.embedder, (done, total) =>
        note(`re-embedding items made with another model: ${done} of ${total}`),
      );
      if (reembedded > 0) note(`${reembedded} item(s) re-embedded with ${work.embedder.model}`);
      runFeedbackWorker(work);
      const requeued = await requeueUnfinished(work);
      await rearmSlaChecks(work);
      const stopRedrive = startRedrive(work);
      const scheduler = options.untilIdle ? null : await startServerScheduler(rt, note);
      note(
        `Worker started (${queue.driver} queue, concurrency ${options.concurrency}${notifier ? ', Slack notifications on' : ''}): ${requeued} unfinished item(s) re-queued. Ctrl-C stops.`,
      );
      if (queue.driver === 'in-process' || options.untilIdle) {
        await queue.idle();
        note(`processed ${processed}; idle`);
      }
      if (options.untilIdle) {
        stopRedrive();
        await queue.close();
        return;
      }
      const signal = await untilStopped();
      note(`${signal}: stopping after the jobs in hand (processed ${processed})`);
      stopRedrive();
      await scheduler?.close();
      await queue.close();
      exitAfterStop();
    },
    'info',
  );
}
