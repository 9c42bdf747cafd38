import type { Embedder } from '../llm/embeddings';
import { redactPii } from '../llm/redact';
import type { Db } from '../store/db';
import { vectorLiteral } from '../store/repositories/feedback-loop';

const BATCH = 500;

/**
 * Re-embeds every processed item whose vector came from another model (the embedding model or
 * the local synonym table changed): vectors of two models are never compared, so until this runs
 * new items cannot match old ones. Merges already made are kept. Returns how many were re-embedded.
 */
export async function reembedStaleFeedback(
  db: Db,
  embedder: Embedder,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<number> {
  const [count] = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM feedback WHERE embedding IS NOT NULL AND embedding_model IS DISTINCT FROM $1 AND status <> 'new'",
    [embedder.model],
  );
  const total = count?.n ?? 0;
  let done = 0;
  while (done < total) {
    const rows = await db.query<{ feedback_id: string; text: string }>(
      `SELECT feedback_id, text FROM feedback
        WHERE embedding IS NOT NULL AND embedding_model IS DISTINCT FROM $1 AND status <> 'new'
        ORDER BY feedback_id LIMIT $2`,
      [embedder.model, BATCH],
    );
    if (rows.length === 0) break;
    const vectors = await embedder.embed(rows.map((r) => redactPii(r.text)));
    await db.transaction(async (tx) => {
      for (const [k, row] of rows.entries()) {
        const vector = vectors[k];
        if (!vector) throw new Error(`no embedding returned for ${row.feedback_id}`);
        await tx.query(
          'UPDATE feedback SET embedding = $2::vector, embedding_model = $3 WHERE feedback_id = $1',
          [row.feedback_id, vectorLiteral(vector), embedder.model],
        );
      }
    });
    done += rows.length;
    onProgress(done, total);
  }
  return done;
}
