import type { Queryable } from '../db.ts';

/** The advisory lock that serialises dedup decisions, so two near-duplicates never both become canonical. */
const DEDUP_LOCK = 727_275;

export interface ClaimedFeedback {
  feedback_id: string;
  account_id: string;
  text: string;
  score: number | null;
  received_at: string;
  not_duplicate_of: string[];
  /** Requests a person decided on for this item, in either direction (feedback_duplicate_pairs). */
  decided_candidates: string[];
  /** The team's recalibrated dedup thresholds (feedback_dedup_settings), or null. */
  team_dedup: { threshold: number; suggest_from: number } | null;
  /** Whether the item was processed before (re-driven, re-embedded): its old suggestions are replaced. */
  processed_before: boolean;
  segment: string | null;
}

/**
 * Locks an item that still waits for processing (status new), inside the caller's transaction.
 * Null when it was processed already (a retry or a re-queue): a second worker on the same item
 * waits for the row lock, then sees it is no longer new.
 */
export async function claimForProcessing(tx: Queryable, feedbackId: string): Promise<ClaimedFeedback | null> {
  const [row] = await claimManyForProcessing(tx, [feedbackId], false);
  return row ?? null;
}

/**
 * Locks several waiting items at once, in the order they arrived; with `skipLocked`, items another
 * worker holds are left to it.
 */
export async function claimManyForProcessing(
  tx: Queryable,
  feedbackIds: readonly string[],
  skipLocked = true,
): Promise<ClaimedFeedback[]> {
  return tx.query<ClaimedFeedback>(
    `SELECT f.feedback_id, f.account_id, f.text, f.score, f.received_at, f.not_duplicate_of, a.segment,
            ARRAY(SELECT p.candidate_id FROM feedback_duplicate_pairs p
                   WHERE p.feedback_id = f.feedback_id AND p.decision <> 'suggested'
                  UNION SELECT p.feedback_id FROM feedback_duplicate_pairs p
                   WHERE p.candidate_id = f.feedback_id AND p.decision <> 'suggested') AS decided_candidates,
            (SELECT json_build_object('threshold', t.threshold, 'suggest_from', t.suggest_from)
               FROM feedback_dedup_settings t) AS team_dedup,
            f.process_count > 0 AS processed_before
       FROM feedback f JOIN accounts a USING (account_id)
      WHERE f.feedback_id = ANY($1) AND f.status = 'new'
      ORDER BY f.received_at, f.feedback_id
      FOR UPDATE OF f${skipLocked ? ' SKIP LOCKED' : ''}`,
    [feedbackIds],
  );
}

export const vectorLiteral = (v: Float32Array): string => `[${Array.from(v, (x) => x.toFixed(6)).join(',')}]`;

/**
 * Takes the dedup lock for the rest of the transaction (two near-duplicates never both become
 * canonical) and sets `hnsw.ef_search` for the transaction alone. synchronous_commit is off for
 * it: the item itself was stored durably at ingest, and a processing result lost in a crash just
 * leaves the item `new`, to be done again. Sequential scans are off: while the table is small the
 * planner would rather compute every distance than walk the HNSW index, and that grows with the table.
 */
export async function takeDedupLock(tx: Queryable, efSearch: number): Promise<void> {
  await tx.query(
    "SELECT pg_advisory_xact_lock($1), set_config('hnsw.ef_search', $2, true), set_config('synchronous_commit', 'off', true), set_config('enable_seqscan', 'off', true)",
    [DEDUP_LOCK, String(Math.trunc(efSearch))],
  );
}

/**
 * The k nearest processed items by cosine distance over the HNSW index, with the same embedding
 * model only (vectors of two models are never compared). Call after takeDedupLock.
 */
export async function nearestFeedback(
  tx: Queryable,
  vector: Float32Array,
  options: { k: number; model: string; excludeId?: string },
): Promise<
  {
    feedback_id: string;
    canonical_id: string | null;
    similarity: number;
    text: string;
    theme: string;
    /** The owner a person reassigned the item to: a labelled example for routing. */
    reassigned_to: string | null;
  }[]
> {
  return tx.query(
    `SELECT feedback_id, canonical_id, 1 - (embedding <=> $1::vector) AS similarity, text, theme, reassigned_to
       FROM feedback
      WHERE embedding IS NOT NULL AND embedding_model = $2 AND feedback_id <> $3 AND status <> 'dead'
      ORDER BY embedding <=> $1::vector
      LIMIT $4`,
    [vectorLiteral(vector), options.model, options.excludeId ?? '', options.k],
  );
}

export interface ProcessingResult {
  embedding: Float32Array;
  embedding_model: string;
  canonical_id: string | null;
  similarity: number | null;
  /** Subject words the judge found in both (empty when the similarity alone decided). */
  merged_on: string[];
  /** The language model's reason when it judged the merge; null otherwise. */
  merge_reason: string | null;
  /** The duplicate pair model's probability when it made the merge; null otherwise. */
  merge_probability: number | null;
  theme: string;
  themes: string[];
  sentiment: string;
  nps_category: string | null;
  owner: string;
  sla_due_at: string;
}

/** Writes what processing decided; the item becomes open. Counts runs (a committed run is one). */
export async function saveProcessing(tx: Queryable, feedbackId: string, r: ProcessingResult): Promise<void> {
  await tx.query(
    `UPDATE feedback SET embedding = $2::vector, embedding_model = $3, canonical_id = $4, similarity = $5,
            theme = $6, themes = $7, sentiment = $8, nps_category = $9, owner = $10, sla_due_at = $11,
            merged_on = $12, merge_reason = $13, merge_probability = $14, status = 'open', processed_at = now(), process_count = process_count + 1,
            last_error = NULL
      WHERE feedback_id = $1`,
    [
      feedbackId,
      vectorLiteral(r.embedding),
      r.embedding_model,
      r.canonical_id,
      r.similarity,
      r.theme,
      r.themes,
      r.sentiment,
      r.nps_category,
      r.owner,
      r.sla_due_at,
      r.merged_on,
      r.merge_reason,
      r.merge_probability,
    ],
  );
}

/**
 * Items accepted but not processed yet: what a worker re-queues when it starts, and (with
 * `receivedBefore`) what the periodic re-drive picks up after a queue outage.
 */
export async function unfinishedFeedback(
  db: Queryable,
  receivedBefore: string | null = null,
): Promise<string[]> {
  const rows = await db.query<{ feedback_id: string }>(
    `SELECT feedback_id FROM feedback WHERE status = 'new' AND ($1::timestamptz IS NULL OR received_at < $1)
      ORDER BY received_at, feedback_id`,
    [receivedBefore],
  );
  return rows.map((r) => r.feedback_id);
}

/** Which of these items still wait. */
export async function unfinishedAmong(db: Queryable, ids: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ feedback_id: string }>(
    "SELECT feedback_id FROM feedback WHERE feedback_id = ANY($1) AND status = 'new' ORDER BY received_at, feedback_id",
    [ids],
  );
  return rows.map((r) => r.feedback_id);
}

/** The dead-letter state: processing failed after every retry; the error is kept for the export. */
export async function markDead(db: Queryable, feedbackId: string, error: string): Promise<void> {
  await db.query(
    `UPDATE feedback SET status = 'dead', last_error = $2 WHERE feedback_id = $1 AND status = 'new'`,
    [feedbackId, error.slice(0, 1000)],
  );
}

/** Counts by status among some items: progress for imports that wait. */
export async function feedbackStatusCounts(
  db: Queryable,
  ids: readonly string[],
): Promise<Record<string, number>> {
  const rows = await db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM feedback WHERE feedback_id = ANY($1) GROUP BY status',
    [ids],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Gives every dead item another try: it becomes `new`, so the next worker processes it. Returns how many. */
export async function retryDeadFeedback(db: Queryable): Promise<number> {
  const rows = await db.query(
    "UPDATE feedback SET status = 'new' WHERE status = 'dead' RETURNING feedback_id",
  );
  return rows.length;
}

/** Requests (items not merged into another) and merged items among the processed ones. */
export async function requestCounts(db: Queryable): Promise<{ requests: number; merged: number }> {
  const [row] = await db.query<{ requests: number; merged: number }>(
    "SELECT count(*) FILTER (WHERE canonical_id IS NULL)::int AS requests, count(*) FILTER (WHERE canonical_id IS NOT NULL)::int AS merged FROM feedback WHERE status NOT IN ('new', 'dead')",
  );
  return row ?? { requests: 0, merged: 0 };
}

/** How many processed items carry a vector from another embedding model than `model`. */
export async function countStaleEmbeddings(db: Queryable, model: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM feedback WHERE embedding IS NOT NULL AND embedding_model IS DISTINCT FROM $1 AND status <> 'new'",
    [model],
  );
  return row?.n ?? 0;
}

/** The next `limit` such items, by id. */
export async function staleEmbeddings(
  db: Queryable,
  model: string,
  limit: number,
): Promise<{ feedback_id: string; text: string }[]> {
  return db.query(
    `SELECT feedback_id, text FROM feedback
      WHERE embedding IS NOT NULL AND embedding_model IS DISTINCT FROM $1 AND status <> 'new'
      ORDER BY feedback_id LIMIT $2`,
    [model, limit],
  );
}

/** Replaces the vectors of items, recording the model that made them. */
export async function saveEmbeddings(
  tx: Queryable,
  model: string,
  vectors: readonly { feedback_id: string; embedding: Float32Array }[],
): Promise<void> {
  for (const v of vectors)
    await tx.query(
      'UPDATE feedback SET embedding = $2::vector, embedding_model = $3 WHERE feedback_id = $1',
      [v.feedback_id, vectorLiteral(v.embedding), model],
    );
}

/** Drops the dedup kNN index (before a bulk load of embedded items; rebuild it after). */
export async function dropDedupIndex(db: Queryable): Promise<void> {
  await db.exec('DROP INDEX IF EXISTS feedback_embedding_hnsw');
}

/** Builds the dedup kNN index (HNSW, cosine) once, and refreshes the planner's statistics. */
export async function buildDedupIndex(db: Queryable): Promise<void> {
  await db.exec(
    'CREATE INDEX IF NOT EXISTS feedback_embedding_hnsw ON feedback USING hnsw (embedding vector_cosine_ops)',
  );
  await db.exec('ANALYZE feedback');
}

/** An item already processed and embedded, for a bulk load (cse bench fills the kNN table this way). */
export interface EmbeddedFeedback {
  feedback_id: string;
  account_id: string;
  source: string;
  created_at: string;
  text: string;
  status: string;
  /** pgvector's text form, e.g. '[0.1,0.2]'. */
  embedding: string;
  embedding_model: string;
  theme: string;
  owner: string;
}

const EMBEDDED_COLUMNS = [
  'feedback_id',
  'account_id',
  'source',
  'created_at',
  'text',
  'status',
  'embedding',
  'embedding_model',
  'theme',
  'owner',
] as const satisfies readonly (keyof EmbeddedFeedback)[];

/** Bulk-loads embedded items with COPY; returns how many were stored. */
export async function storeEmbeddedFeedback(
  db: Queryable,
  items: readonly EmbeddedFeedback[],
): Promise<number> {
  return db.copyRows(
    'feedback',
    EMBEDDED_COLUMNS,
    items.map((item) => EMBEDDED_COLUMNS.map((c) => item[c])),
  );
}
