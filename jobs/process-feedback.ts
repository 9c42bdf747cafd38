import type { FeedbackLoopSettings } from '../knowledge/feedback-loop';
import type { FeedbackThemes } from '../knowledge/feedback-themes';
import type { Embedder } from '../llm/embeddings';
import { redactPii } from '../llm/redact';
import type { Db } from '../store/db';
import { getFeedback } from '../store/repositories/feedback';
import { claimForProcessing, nearestFeedback, saveProcessing } from '../store/repositories/feedback-loop';
import { dedupDecision } from '../tools/feedback/dedup-decision';
import { feedbackSentiment, npsCategory, routeFeedback } from '../tools/feedback/routing';
import { tagFeedback } from '../tools/feedback/theme-tagger';

export interface FeedbackLoopDeps {
  db: Db;
  embedder: Embedder;
  taxonomy: FeedbackThemes;
  settings: FeedbackLoopSettings;
}

export type ProcessOutcome =
  | { status: 'skipped' }
  | {
      status: 'processed';
      canonicalId: string | null;
      similarity: number | null;
      theme: string;
      owner: string;
      slaDueAt: string;
    };

/**
 * One feedback item through the loop: redact → embed → nearest neighbours → join a canonical
 * item or become one → themes → owner and SLA. Idempotent: an item that is not `new` any more is
 * skipped, and the decision is written in one transaction under the dedup lock, so a retry, a
 * re-queue after a crash or two workers never process or merge an item twice.
 */
export async function processFeedback(deps: FeedbackLoopDeps, feedbackId: string): Promise<ProcessOutcome> {
  const item = await getFeedback(deps.db, feedbackId);
  if (item?.status !== 'new') return { status: 'skipped' };
  const [embedding] = await deps.embedder.embed([redactPii(item.text)]);
  if (!embedding) throw new Error(`no embedding returned for ${feedbackId}`);
  const tags = tagFeedback(item.text, deps.taxonomy);
  return deps.db.transaction(async (tx) => {
    const claimed = await claimForProcessing(tx, feedbackId);
    if (!claimed) return { status: 'skipped' } as const;
    const neighbours = await nearestFeedback(tx, embedding, {
      k: deps.settings.dedup.neighbours,
      efSearch: deps.settings.dedup.ef_search,
      model: deps.embedder.model,
      excludeId: feedbackId,
    });
    const decision = dedupDecision(
      neighbours.map((n) => ({
        feedbackId: n.feedback_id,
        canonicalId: n.canonical_id,
        similarity: Number(n.similarity),
      })),
      deps.settings.dedup.threshold,
      new Set(claimed.not_duplicate_of),
    );
    const receivedAt = new Date(claimed.received_at).toISOString();
    const routing = routeFeedback(tags.primary, claimed.segment, receivedAt, deps.taxonomy, deps.settings);
    await saveProcessing(tx, feedbackId, {
      embedding,
      embedding_model: deps.embedder.model,
      canonical_id: decision?.canonicalId ?? null,
      similarity: decision?.similarity ?? null,
      theme: tags.primary,
      themes: tags.themes,
      sentiment: feedbackSentiment(claimed.score, tags.themes, deps.settings),
      nps_category: npsCategory(claimed.score, deps.settings),
      owner: routing.owner,
      sla_due_at: routing.slaDueAt,
    });
    return {
      status: 'processed',
      canonicalId: decision?.canonicalId ?? null,
      similarity: decision?.similarity ?? null,
      theme: tags.primary,
      owner: routing.owner,
      slaDueAt: routing.slaDueAt,
    } as const;
  });
}
