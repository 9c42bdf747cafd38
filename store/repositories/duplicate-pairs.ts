import type { Queryable } from '../db.ts';

/** What the owner is shown for one possible duplicate, and what a person decided on it. */
export interface DuplicatePair {
  feedback_id: string;
  candidate_id: string;
  similarity: number;
  /** The pair model's probability that the item is the candidate's request (null on pairs stored before it). */
  probability: number | null;
  shared_subjects: string[];
  decision: 'suggested' | 'merged' | 'not_duplicate';
  rank: number | null;
  /** The language model's reason, when it judged the pair. */
  judge_reason: string | null;
  /** The candidate request's text (and theme), for the notice. */
  candidate_text: string;
  candidate_theme: string | null;
}

/** Makes these the item's undecided suggestions (a re-process suggests afresh; decided pairs stay). */
export async function saveSuggestions(
  tx: Queryable,
  feedbackId: string,
  suggestions: readonly {
    candidateId: string;
    similarity: number;
    probability: number;
    sharedSubjects: string[];
    judgeReason?: string | null;
  }[],
): Promise<void> {
  // One statement: these upserted (a pair someone decided keeps its decision), the item's other
  // undecided suggestions removed. Both sides of a data-modifying WITH see the same snapshot, so the
  // removal names the pairs to keep rather than relying on the order of the two.
  await tx.query(
    `WITH kept AS (
       INSERT INTO feedback_duplicate_pairs (feedback_id, candidate_id, similarity, probability, shared_subjects, rank, judge_reason)
       SELECT $1, s.candidate, s.similarity, s.probability, ARRAY(SELECT json_array_elements_text(s.subjects)), s.rank, s.reason
         FROM json_to_recordset($2::json) AS s(candidate text, similarity float8, probability float8, subjects json, rank int, reason text)
       ON CONFLICT (feedback_id, candidate_id) DO UPDATE SET similarity = EXCLUDED.similarity, probability = EXCLUDED.probability,
              shared_subjects = EXCLUDED.shared_subjects, rank = EXCLUDED.rank, judge_reason = EXCLUDED.judge_reason
        WHERE feedback_duplicate_pairs.decision = 'suggested'
       RETURNING candidate_id)
     DELETE FROM feedback_duplicate_pairs
      WHERE feedback_id = $1 AND decision = 'suggested' AND NOT (candidate_id = ANY($3::text[]))`,
    [
      feedbackId,
      JSON.stringify(
        suggestions.map((x, k) => ({
          candidate: x.candidateId,
          similarity: x.similarity,
          probability: x.probability,
          subjects: x.sharedSubjects,
          rank: k + 1,
          reason: x.judgeReason ?? null,
        })),
      ),
      suggestions.map((x) => x.candidateId),
    ],
  );
}

/** The item's possible duplicates nobody has decided on yet, best first. */
export async function openSuggestions(db: Queryable, feedbackId: string): Promise<DuplicatePair[]> {
  return db.query<DuplicatePair>(
    `SELECT p.feedback_id, p.candidate_id, p.similarity, p.probability, p.shared_subjects, p.decision, p.rank, p.judge_reason,
            c.text AS candidate_text, c.theme AS candidate_theme
       FROM feedback_duplicate_pairs p JOIN feedback c ON c.feedback_id = p.candidate_id
      WHERE p.feedback_id = $1 AND p.decision = 'suggested'
      ORDER BY p.rank, p.candidate_id`,
    [feedbackId],
  );
}

/** A possible duplicate as the export lists it. */
export type OpenSuggestion = Pick<
  DuplicatePair,
  'candidate_id' | 'probability' | 'similarity' | 'shared_subjects'
>;

/** Every item's possible duplicates nobody has decided on yet, best first, by item: for `cse feedback export`. */
export async function allOpenSuggestions(db: Queryable): Promise<Map<string, OpenSuggestion[]>> {
  const rows = await db.query<OpenSuggestion & { feedback_id: string }>(
    `SELECT feedback_id, candidate_id, probability, similarity, shared_subjects FROM feedback_duplicate_pairs
      WHERE decision = 'suggested' ORDER BY feedback_id, rank, candidate_id`,
  );
  const byItem = new Map<string, OpenSuggestion[]>();
  for (const { feedback_id, ...pair } of rows)
    byItem.set(feedback_id, [...(byItem.get(feedback_id) ?? []), pair]);
  return byItem;
}

export type PairDecision = 'merged' | 'not_duplicate';

/**
 * A person's decision on a suggested pair, applied and stored in one statement each: merged, the
 * item (and what was merged into it) joins the candidate's request with the suggestion's
 * similarity and shared subjects; not a duplicate, the candidate joins the item's
 * `not_duplicate_of`. Null when the pair was never suggested or is decided already: a button's
 * value is checked against what was shown, never trusted.
 */
export async function decideSuggestedPair(
  tx: Queryable,
  pair: { feedbackId: string; candidateId: string },
  decision: PairDecision,
  by: string,
  at: string,
): Promise<{ similarity: number; shared_subjects: string[] } | null> {
  const [decided] = await tx.query<{ similarity: number; shared_subjects: string[] }>(
    `UPDATE feedback_duplicate_pairs SET decision = $3, decided_by = $4, decided_at = $5
      WHERE feedback_id = $1 AND candidate_id = $2 AND decision = 'suggested'
      RETURNING similarity, shared_subjects`,
    [pair.feedbackId, pair.candidateId, decision, by, at],
  );
  if (!decided) return null;
  if (decision === 'merged')
    await tx.query(
      `UPDATE feedback SET canonical_id = $2, similarity = $3, merged_on = $4
        WHERE feedback_id = $1 OR canonical_id = $1`,
      [pair.feedbackId, pair.candidateId, decided.similarity, decided.shared_subjects],
    );
  else
    await tx.query(
      `UPDATE feedback SET not_duplicate_of = array_append(not_duplicate_of, $2) WHERE feedback_id = $1`,
      [pair.feedbackId, pair.candidateId],
    );
  // Once merged, the item's other suggestions are moot (not decided: they teach nothing).
  if (decision === 'merged')
    await tx.query(`DELETE FROM feedback_duplicate_pairs WHERE feedback_id = $1 AND decision = 'suggested'`, [
      pair.feedbackId,
    ]);
  return decided;
}

/** "Not a duplicate" on an automatic merge, kept as a decided pair for calibration. */
export async function recordUnmergeDecision(
  tx: Queryable,
  pair: { feedbackId: string; candidateId: string; similarity: number | null },
  by: string,
  at: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO feedback_duplicate_pairs (feedback_id, candidate_id, similarity, decision, decided_by, decided_at)
     VALUES ($1, $2, $3, 'not_duplicate', $4, $5)
     ON CONFLICT (feedback_id, candidate_id) DO UPDATE SET decision = 'not_duplicate', decided_by = $4, decided_at = $5`,
    [pair.feedbackId, pair.candidateId, pair.similarity ?? 0, by, at],
  );
}

/** Every pair a person decided on, with its similarity: the team's labelled pairs. */
export async function decidedPairs(db: Queryable): Promise<{ similarity: number; decision: PairDecision }[]> {
  const rows = await db.query<{ similarity: number; decision: PairDecision }>(
    `SELECT similarity, decision FROM feedback_duplicate_pairs WHERE decision <> 'suggested' ORDER BY similarity`,
  );
  return rows.map((r) => ({ similarity: Number(r.similarity), decision: r.decision }));
}

export interface TeamDedupSettings {
  threshold: number;
  suggest_from: number;
  decided_pairs: number;
  accepted_by: string;
  accepted_at: string;
}

/** The team's recalibrated thresholds, or null while the shipped ones apply. */
export async function teamDedupSettings(db: Queryable): Promise<TeamDedupSettings | null> {
  const [row] = await db.query<TeamDedupSettings>(
    'SELECT threshold, suggest_from, decided_pairs, accepted_by, accepted_at FROM feedback_dedup_settings',
  );
  return row ? { ...row, threshold: Number(row.threshold), suggest_from: Number(row.suggest_from) } : null;
}

export async function saveTeamDedupSettings(db: Queryable, s: TeamDedupSettings): Promise<void> {
  await db.query(
    `INSERT INTO feedback_dedup_settings (id, threshold, suggest_from, decided_pairs, accepted_by, accepted_at)
     VALUES (true, $1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET threshold = $1, suggest_from = $2, decided_pairs = $3, accepted_by = $4, accepted_at = $5`,
    [s.threshold, s.suggest_from, s.decided_pairs, s.accepted_by, s.accepted_at],
  );
}

/** What was decided on a pair, or null when it was never decided (or never suggested). */
export async function decidedPairDecision(
  db: Queryable,
  pair: { feedbackId: string; candidateId: string },
): Promise<{ decision: PairDecision; similarity: number; shared_subjects: string[] } | null> {
  const [row] = await db.query<{ decision: PairDecision; similarity: number; shared_subjects: string[] }>(
    `SELECT decision, similarity, shared_subjects FROM feedback_duplicate_pairs
      WHERE feedback_id = $1 AND candidate_id = $2 AND decision <> 'suggested'`,
    [pair.feedbackId, pair.candidateId],
  );
  return row ?? null;
}
