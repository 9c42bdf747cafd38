import { userInfo } from 'node:os';
import { run } from '../../commands/router.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { feedbackRuntime } from '../../jobs/feedback-runtime.ts';
import { reembedStaleFeedback } from '../../jobs/reembed-feedback.ts';
import { feedbackLoopSettings } from '../../knowledge/feedback-loop.ts';
import {
  allOpenSuggestions,
  decidedPairs,
  saveTeamDedupSettings,
  teamDedupSettings,
} from '../../store/repositories/duplicate-pairs.ts';
import { retryDeadFeedback } from '../../store/repositories/feedback-loop.ts';
import { allFeedbackRows } from '../../store/repositories/feedback-reports.ts';
import {
  calibratedThreshold,
  type ThresholdQuality,
  thresholdQuality,
} from '../../tools/feedback/dedup-threshold.ts';
import { note, print } from '../output.ts';
import { auditedWrite, commandContext, type GlobalOptions, withRuntime } from '../runtime.ts';
import { printAnswer } from './answer.ts';
import { processFeedbackWithProgress } from './load-data.ts';

/** `cse feedback export`: one JSON object per item. */
export async function exportFeedback(globals: GlobalOptions): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const suggestions = await allOpenSuggestions(rt.db);
    const number = (x: number | null) => (x === null ? null : Number(x));
    for (const r of await allFeedbackRows(rt.db))
      print(
        JSON.stringify({
          feedback_id: r.feedback_id,
          account_id: r.account_id,
          canonical_id: r.canonical_id,
          similarity: number(r.similarity),
          merge_probability: number(r.merge_probability),
          merged_on: r.merged_on,
          suggestions: (suggestions.get(r.feedback_id) ?? []).map((s) => ({
            feedback_id: s.candidate_id,
            probability: number(s.probability),
            similarity: Number(s.similarity),
            shared_subjects: s.shared_subjects,
          })),
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

/** `cse feedback link <id> --roadmap <key> [--status] [--title]`: through the router, authorised and audited. */
export async function linkToRoadmap(
  globals: GlobalOptions,
  id: string,
  options: { roadmap: string; status?: string; title?: string; as?: string; json?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const answer = await run(await commandContext(rt, options.as, 'cli'), 'link_roadmap', {
      feedback_id: id,
      roadmap: options.roadmap,
      ...(options.status ? { status: options.status } : {}),
      ...(options.title ? { title: options.title } : {}),
    });
    await printAnswer(answer, options.json);
  });
}

/** `cse feedback roadmap <key> --status <status>`: through the router, authorised and audited. */
export async function setRoadmapStatus(
  globals: GlobalOptions,
  key: string,
  options: { status: string; as?: string; json?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const answer = await run(await commandContext(rt, options.as, 'cli'), 'set_roadmap_status', {
      roadmap: key,
      status: options.status,
    });
    await printAnswer(answer, options.json);
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

/** `cse feedback calibrate [--accept]`: the auto-merge threshold recalibrated from the team's decisions. */
export async function calibrate(globals: GlobalOptions, options: { accept?: boolean }): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const shipped = feedbackLoopSettings().dedup;
    const team = await teamDedupSettings(rt.db);
    const current = team?.threshold ?? shipped.threshold;
    const pairs = await decidedPairs(rt.db);
    const merged = pairs.filter((p) => p.decision === 'merged').length;
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const line = (label: string, q: ThresholdQuality) =>
      `  ${label} ${q.threshold.toFixed(2)}: precision ${pct(q.precision)}, recall ${pct(q.recall)} (${q.above} decided pair(s) at or above)`;
    print(
      `Decided pairs: ${pairs.length} (${merged} merged, ${pairs.length - merged} not a duplicate), from Merge / Not a duplicate in Slack and cse feedback unmerge.`,
    );
    print(line(team ? 'team threshold' : 'shipped threshold', thresholdQuality(pairs, current)));
    const proposal = calibratedThreshold(pairs, {
      targetPrecision: CALIBRATION.targetPrecision,
      minimumPairs: CALIBRATION.minimumPairs,
      floor: shipped.suggest_from,
    });
    if (!proposal) {
      print(
        pairs.length < CALIBRATION.minimumPairs
          ? `Too few decisions to recalibrate: ${pairs.length} of the ${CALIBRATION.minimumPairs} needed. The threshold stays ${current.toFixed(2)}.`
          : `No threshold reaches precision ${pct(CALIBRATION.targetPrecision)} on these decisions: the threshold stays ${current.toFixed(2)}.`,
      );
      return;
    }
    print(line('recalibrated', proposal));
    if (!options.accept) {
      print(`To use it: cse feedback calibrate --accept`);
      return;
    }
    const suggestFrom = Math.min(shipped.suggest_from, proposal.threshold);
    await auditedWrite(
      rt,
      {
        intent: 'calibrate_dedup',
        text: 'cse feedback calibrate --accept',
        args: {
          from: current,
          to: proposal.threshold,
          decided_pairs: pairs.length,
          precision: proposal.precision,
          recall: proposal.recall,
        },
      },
      () =>
        saveTeamDedupSettings(rt.db, {
          threshold: proposal.threshold,
          suggest_from: suggestFrom,
          decided_pairs: pairs.length,
          accepted_by: `local:${userInfo().username}`,
          accepted_at: rt.clock.now().toISOString(),
        }),
    );
    print(
      `Auto-merge threshold is now ${proposal.threshold.toFixed(2)} for this team (was ${current.toFixed(2)}).`,
    );
  });
}

/** Recalibration asks for this precision on decided pairs, and at least this many of them. */
const CALIBRATION = { targetPrecision: 0.95, minimumPairs: 20 } as const;
