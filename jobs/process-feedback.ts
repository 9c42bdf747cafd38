import type { FeedbackLoopSettings } from '../knowledge/feedback-loop.ts';
import {
  type FeedbackOwner,
  type FeedbackThemes,
  type ThemeId,
  themeEntry,
} from '../knowledge/feedback-themes.ts';
import type { Embedder } from '../llm/embeddings.ts';
import type { LlmGateway } from '../llm/gateway.ts';
import { type DuplicateVerdict, judgeDuplicateWithLlm } from '../llm/judge-duplicate.ts';
import { redactPii } from '../llm/redact.ts';
import { tagWithLlm } from '../llm/tag-feedback.ts';
import { saveSuggestions } from '../records/feedback-decisions.ts';
import {
  type ClaimedFeedback,
  claimForProcessing,
  claimManyForProcessing,
  nearestFeedback,
  saveProcessing,
  takeDedupLock,
} from '../records/feedback-processing.ts';
import type { Db, Queryable } from '../store/db.ts';
import { dedupDecision, probableDuplicate } from '../tools/feedback/dedup-decision.ts';
import { type JudgeVocabulary, judgeSameRequest, sharedSubjects } from '../tools/feedback/dedup-judge.ts';
import { type DuplicateSuggestion, duplicateSuggestions } from '../tools/feedback/duplicate-suggestions.ts';
import { learnedOwner, themeForOwner } from '../tools/feedback/learned-routing.ts';
import {
  localEmbeddingVocabulary,
  localPairModel,
  localThemeClassifier,
  localWordVectors,
  type ThemeClassifier,
} from '../tools/feedback/local-models.ts';
import { npsCategory } from '../tools/feedback/nps.ts';
import {
  neighbourFeatures,
  type PairModel,
  type PairText,
  pairProbability,
  pairText,
} from '../tools/feedback/pair-model.ts';
import { feedbackSentiment, routeFeedback } from '../tools/feedback/routing.ts';
import { type FeedbackTags, tagFeedback } from '../tools/feedback/theme-tagger.ts';

export interface FeedbackLoopDeps {
  db: Db;
  embedder: Embedder;
  taxonomy: FeedbackThemes;
  /** The language model for theme tags, when configured; the lexicon otherwise (and when it fails). */
  llm?: LlmGateway | null;
  settings: FeedbackLoopSettings;
  /** The theme classifier; the shipped one (knowledge/feedback/theme-classifier.json) by default. */
  classifier?: ThemeClassifier;
  /** What the dedup judge reads subjects with; the local vocabulary (knowledge/feedback/synonyms.json) by default. */
  vocabulary?: JudgeVocabulary;
  /** The duplicate pair model; the shipped one (knowledge/feedback/pair-model.json) by default. */
  pairModel?: PairModel;
}

export type ProcessOutcome =
  | { status: 'skipped' }
  | {
      status: 'processed';
      canonicalId: string | null;
      similarity: number | null;
      /** The pair model's probability when it made the merge. */
      mergeProbability: number | null;
      /** Subject words the judge found in both, when the similarity alone was below the threshold. */
      mergedOn: string[];
      /** The language model's reason when it judged the merge. */
      mergeReason: string | null;
      /** Possible duplicates shown to the owner when the item was not merged. */
      suggestions: DuplicateSuggestion[];
      theme: string;
      owner: string;
      /** Corrected items whose owner this item took (empty when the classifier or the model decided). */
      learnedFrom: string[];
      slaDueAt: string;
    };

type Processed = Extract<ProcessOutcome, { status: 'processed' }>;

/** Themes for one text: the model's when configured and answering, else the classifier's. Taken before the dedup lock. */
async function themesFor(deps: FeedbackLoopDeps, text: string): Promise<FeedbackTags> {
  if (deps.llm) {
    try {
      return await tagWithLlm(deps.llm, text, deps.taxonomy);
    } catch {
      // The model failed or is over budget: the classifier's tags stand.
    }
  }
  return tagFeedback(text, deps.taxonomy, deps.classifier ?? localThemeClassifier());
}

/** Requests a person said this item is not (unmerged) or decided on (Merge / Not a duplicate): never merged or suggested again. */
const decidedRequests = (claimed: ClaimedFeedback): ReadonlySet<string> =>
  new Set([...claimed.not_duplicate_of, ...claimed.decided_candidates]);

/** How many requests in the ambiguous band the language model is asked about, per item. */
const MODEL_JUDGED_CANDIDATES = 2;

/**
 * With a language model configured: its verdict on the nearest requests in the ambiguous band
 * (from `suggest_from` up to the auto-merge threshold), keyed by request. Asked before the dedup
 * lock, so a slow model never holds up other items; a model that fails leaves the pair to people.
 * Items added meanwhile are judged by the rules as usual.
 */
async function modelVerdicts(
  tx: Queryable,
  deps: FeedbackLoopDeps,
  claimed: ClaimedFeedback,
  embedding: Float32Array,
): Promise<ReadonlyMap<string, DuplicateVerdict>> {
  const verdicts = new Map<string, DuplicateVerdict>();
  if (!deps.llm) return verdicts;
  const dedup = teamDedup(claimed.team_dedup, deps.settings.dedup);
  const decided = decidedRequests(claimed);
  const neighbours = await nearestFeedback(tx, embedding, {
    k: deps.settings.dedup.neighbours,
    model: deps.embedder.model,
    excludeId: claimed.feedback_id,
  });
  const seen = new Set<string>();
  for (const n of neighbours) {
    const similarity = Number(n.similarity);
    const request = n.canonical_id ?? n.feedback_id;
    if (seen.size >= MODEL_JUDGED_CANDIDATES) break;
    if (similarity >= dedup.threshold || similarity < dedup.suggest_from || seen.has(request)) continue;
    if (decided.has(request)) continue;
    seen.add(request);
    try {
      verdicts.set(request, await judgeDuplicateWithLlm(deps.llm, claimed.text, n.text));
    } catch {
      // The model failed or is over budget: the pair stays a suggestion for people.
    }
  }
  return verdicts;
}

/**
 * The dedup settings in force: the shipped ones (knowledge/feedback/loop.json), with the team's
 * recalibrated thresholds when `cse feedback calibrate --accept` stored some.
 */
function teamDedup(
  team: ClaimedFeedback['team_dedup'],
  shipped: FeedbackLoopSettings['dedup'],
): FeedbackLoopSettings['dedup'] {
  if (!team) return shipped;
  const threshold = Number(team.threshold);
  const suggestFrom = Number(team.suggest_from);
  return {
    ...shipped,
    threshold,
    suggest_from: suggestFrom,
    judge_from: Math.min(Math.max(shipped.judge_from, suggestFrom), threshold),
  };
}

type Neighbour = Awaited<ReturnType<typeof nearestFeedback>>[number];

/** What the pair model read of recent texts, by vocabulary: neighbours come back item after item. */
const pairTexts = new WeakMap<JudgeVocabulary, Map<string, PairText>>();
const PAIR_TEXTS_KEPT = 10_000;

function readForPairs(text: string, theme: string, vocabulary: JudgeVocabulary): PairText {
  const cache = pairTexts.get(vocabulary) ?? new Map<string, PairText>();
  pairTexts.set(vocabulary, cache);
  const key = `${theme}\u0000${text}`;
  const cached = cache.get(key);
  if (cached) return cached;
  if (cache.size >= PAIR_TEXTS_KEPT) cache.clear();
  const read = pairText(text, theme, { vocabulary, wordVectors: localWordVectors() });
  cache.set(key, read);
  return read;
}

/** Each neighbour with the pair model's probability that it is the item's request. */
function pairCandidates(
  deps: FeedbackLoopDeps,
  claimed: ClaimedFeedback,
  theme: string,
  neighbours: readonly Neighbour[],
) {
  const vocabulary = deps.vocabulary ?? localEmbeddingVocabulary();
  const model = deps.pairModel ?? localPairModel();
  const features = neighbourFeatures(
    readForPairs(claimed.text, theme, vocabulary),
    neighbours.map((n) => ({
      text: readForPairs(n.text, n.theme ?? '', vocabulary),
      similarity: Number(n.similarity),
    })),
  );
  return neighbours.map((n, k) => ({
    feedbackId: n.feedback_id,
    canonicalId: n.canonical_id,
    similarity: Number(n.similarity),
    probability: pairProbability(model, features[k] as number[]),
    text: n.text,
    theme: n.theme,
  }));
}

/** Whether the item joins a canonical request (rules, then the model's verdicts), else the suggestions to show. */
function dedupOf(
  deps: FeedbackLoopDeps,
  claimed: ClaimedFeedback,
  tags: FeedbackTags,
  neighbours: readonly Neighbour[],
  verdicts: ReadonlyMap<string, DuplicateVerdict>,
) {
  const dedup = teamDedup(claimed.team_dedup, deps.settings.dedup);
  const vocabulary = deps.vocabulary ?? localEmbeddingVocabulary();
  const item = { text: claimed.text, theme: tags.primary };
  const candidates = pairCandidates(deps, claimed, tags.primary, neighbours);
  const decided = decidedRequests(claimed);
  const subjects = (n: { text: string }) => sharedSubjects(claimed.text, n.text, vocabulary);
  const ruled = dedupDecision(
    candidates,
    {
      threshold: dedup.threshold,
      judgeFrom: verdicts.size > 0 ? Math.min(dedup.judge_from, dedup.suggest_from) : dedup.judge_from,
      judge: (n) => {
        const model = verdicts.get(n.canonicalId ?? n.feedbackId);
        if (model) return model.same ? subjects(n) : null;
        if (n.similarity < dedup.judge_from) return null;
        const verdict = judgeSameRequest(item, n, vocabulary);
        return verdict.same ? verdict.sharedSubjects : null;
      },
    },
    decided,
  );
  const pairModel = deps.pairModel ?? localPairModel();
  const decision = ruled ?? probableDuplicate(candidates, pairModel.mergeFrom, subjects, decided);
  const suggestions = decision
    ? []
    : duplicateSuggestions(
        candidates,
        { suggestFrom: pairModel.suggestFrom, limit: dedup.suggestions, subjects },
        decided,
      );
  return {
    decision,
    suggestions,
    mergeReason: decision ? (verdicts.get(decision.canonicalId)?.reason ?? null) : null,
  };
}

/** The theme and owner: the tagger's, unless corrected neighbours vote for another owner. */
function routedTheme(deps: FeedbackLoopDeps, tags: FeedbackTags, neighbours: readonly Neighbour[]) {
  // Corrected items among the nearest neighbours vote on the owner (close ones are always among them).
  const corrected = neighbours
    .filter((n) => n.reassigned_to !== null)
    .slice(0, deps.settings.routing.neighbours);
  const learned = learnedOwner(
    corrected.map((c) => ({
      feedbackId: c.feedback_id,
      owner: c.reassigned_to as FeedbackOwner,
      similarity: Number(c.similarity),
    })),
    { from: deps.settings.routing.vote_from, minShare: deps.settings.routing.min_share },
  );
  const ownerOf = (theme: ThemeId) => themeEntry(deps.taxonomy, theme).owner;
  const theme = (learned && themeForOwner(tags.ranked, learned.owner, ownerOf)) || tags.primary;
  const themes = theme === tags.primary ? tags.themes : [theme, ...tags.themes.filter((t) => t !== theme)];
  return { learned, theme, themes };
}

/** Dedup, themes and routing for one claimed item, written in the caller's locked transaction. */
async function decideAndSave(
  tx: Queryable,
  deps: FeedbackLoopDeps,
  claimed: ClaimedFeedback,
  embedding: Float32Array,
  tags: FeedbackTags,
  verdicts: ReadonlyMap<string, DuplicateVerdict> = new Map(),
): Promise<Processed> {
  const neighbours = await nearestFeedback(tx, embedding, {
    k: deps.settings.dedup.neighbours,
    model: deps.embedder.model,
    excludeId: claimed.feedback_id,
  });
  const { decision, suggestions, mergeReason } = dedupOf(deps, claimed, tags, neighbours, verdicts);
  if (suggestions.length > 0 || claimed.processed_before)
    await saveSuggestions(
      tx,
      claimed.feedback_id,
      suggestions.map((x) => ({ ...x, judgeReason: verdicts.get(x.candidateId)?.reason ?? null })),
    );
  const receivedAt = new Date(claimed.received_at).toISOString();
  const { learned, theme, themes } = routedTheme(deps, tags, neighbours);
  const routing = routeFeedback(theme, claimed.segment, receivedAt, deps.taxonomy, deps.settings);
  await saveProcessing(tx, claimed.feedback_id, {
    embedding,
    embedding_model: deps.embedder.model,
    canonical_id: decision?.canonicalId ?? null,
    similarity: decision?.similarity ?? null,
    merged_on: decision?.sharedSubjects ?? [],
    merge_reason: mergeReason,
    merge_probability: decision?.probability ?? null,
    theme,
    themes,
    sentiment: feedbackSentiment(claimed.score, themes, deps.settings),
    nps_category: npsCategory(claimed.score, deps.settings.nps),
    owner: routing.owner,
    sla_due_at: routing.slaDueAt,
  });
  return {
    status: 'processed',
    canonicalId: decision?.canonicalId ?? null,
    similarity: decision?.similarity ?? null,
    mergeProbability: decision?.probability ?? null,
    mergedOn: decision?.sharedSubjects ?? [],
    mergeReason,
    suggestions,
    theme,
    owner: routing.owner,
    learnedFrom: learned?.examples ?? [],
    slaDueAt: routing.slaDueAt,
  };
}

/**
 * One feedback item through the loop: redact → embed → nearest neighbours → join a canonical
 * item or become one → themes → owner and SLA. Idempotent: an item that is not `new` any more is
 * skipped, and the decision is written in one transaction under the dedup lock, so a retry, a
 * re-queue after a crash or two workers never process or merge an item twice.
 */
export async function processFeedback(deps: FeedbackLoopDeps, feedbackId: string): Promise<ProcessOutcome> {
  return deps.db.transaction(async (tx) => {
    // The row lock: a second delivery of the same item waits here, then finds it processed.
    const claimed = await claimForProcessing(tx, feedbackId);
    if (!claimed) return { status: 'skipped' } as const;
    const [embedding] = await deps.embedder.embed([redactPii(claimed.text)]);
    if (!embedding) throw new Error(`no embedding returned for ${feedbackId}`);
    const tags = await themesFor(deps, claimed.text);
    const verdicts = await modelVerdicts(tx, deps, claimed, embedding);
    await takeDedupLock(tx, deps.settings.dedup.ef_search);
    return decideAndSave(tx, deps, claimed, embedding, tags, verdicts);
  });
}

/**
 * Many waiting items in one transaction, in arrival order: one claim, one embedding call, one
 * lock, then each item's neighbours (earlier items of the batch included) and decision. The fast
 * path for imports; the same decisions as one at a time. Items another worker holds are skipped.
 */
export async function processFeedbackBatch(
  deps: FeedbackLoopDeps,
  feedbackIds: readonly string[],
): Promise<Map<string, Processed>> {
  return deps.db.transaction(async (tx) => {
    const claimed = await claimManyForProcessing(tx, feedbackIds);
    const outcomes = new Map<string, Processed>();
    if (claimed.length === 0) return outcomes;
    const vectors = await deps.embedder.embed(claimed.map((c) => redactPii(c.text)));
    const tags = await Promise.all(claimed.map((c) => themesFor(deps, c.text)));
    const verdicts: ReadonlyMap<string, DuplicateVerdict>[] = [];
    for (const [k, item] of claimed.entries())
      verdicts.push(await modelVerdicts(tx, deps, item, vectors[k] as Float32Array));
    await takeDedupLock(tx, deps.settings.dedup.ef_search);
    for (const [k, item] of claimed.entries()) {
      const embedding = vectors[k];
      const itemTags = tags[k];
      if (!embedding || !itemTags) throw new Error(`no embedding returned for ${item.feedback_id}`);
      outcomes.set(item.feedback_id, await decideAndSave(tx, deps, item, embedding, itemTags, verdicts[k]));
    }
    return outcomes;
  });
}
