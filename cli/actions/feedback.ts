import { run } from '../../commands/router.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { feedbackRuntime } from '../../jobs/feedback-runtime.ts';
import { reembedStaleFeedback } from '../../jobs/reembed-feedback.ts';
import { retryDeadFeedback } from '../../store/repositories/feedback-loop.ts';
import { allFeedbackRows } from '../../store/repositories/feedback-reports.ts';
import { note, print } from '../output.ts';
import { auditedWrite, commandContext, type GlobalOptions, withRuntime } from '../runtime.ts';
import { processFeedbackWithProgress } from './load-data.ts';

/** `cse feedback export`: one JSON object per item. */
export async function exportFeedback(globals: GlobalOptions): Promise<void> {
  await withRuntime(globals, async (rt) => {
    for (const r of await allFeedbackRows(rt.db))
      print(
        JSON.stringify({
          feedback_id: r.feedback_id,
          account_id: r.account_id,
          canonical_id: r.canonical_id,
          similarity: r.similarity === null ? null : Number(r.similarity),
          merged_on: r.merged_on,
          theme: r.theme,
          themes: r.themes,
          owner: r.reassigned_to ?? r.owner,
          status: r.status,
          sla_due_at: r.sla_due_at ? new Date(r.sla_due_at).toISOString() : null,
          sentiment: r.sentiment,
          nps_category: r.nps_category,
          ...(r.last_error ? { last_error: r.last_error } : {}),
        }),
      );
  });
}

/** `cse feedback unmerge <id>`: through the router, so it is authorised and audited. */
export async function unmerge(globals: GlobalOptions, id: string, options: { as?: string }): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const answer = await run(await commandContext(rt, options.as, 'cli'), 'unmerge_feedback', {
      feedback_id: id,
    });
    if (answer.intent !== 'unmerge_feedback' || !answer.data.from)
      throw new CseError(ErrorCode.BadInput, `Feedback ${id} is not merged into another item`, {
        hint: 'cse feedback export lists items with their canonical_id',
      });
    print(`${id} is its own request again (was merged into ${answer.data.from}).`);
  });
}

/** `cse feedback reembed`. */
export async function reembed(globals: GlobalOptions): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const { options: work } = feedbackRuntime(rt);
    const n = await reembedStaleFeedback(rt.db, work.embedder, (done, total) =>
      note(`  ${done} of ${total}…`),
    );
    print(
      n === 0
        ? `Every item is embedded with ${work.embedder.model} already.`
        : `Re-embedded ${n} item(s) with ${work.embedder.model}.`,
    );
  });
}

/** `cse feedback process [--retry-dead]`. */
export async function processWaiting(
  globals: GlobalOptions,
  options: { retryDead?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    if (options.retryDead)
      await auditedWrite(
        rt,
        { intent: 'retry_dead_feedback', text: 'cse feedback process --retry-dead', args: {} },
        () => retryDeadFeedback(rt.db),
      );
    await processFeedbackWithProgress(rt);
  });
}
