import type { Embedder } from '../llm/embeddings.ts';
import { redactPii } from '../llm/redact.ts';
import { countStaleEmbeddings, saveEmbeddings, staleEmbeddings } from '../records/feedback-processing.ts';
import type { Db } from '../store/db.ts';

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
  const total = await countStaleEmbeddings(db, embedder.model);
  let done = 0;
  while (done < total) {
    const rows = await staleEmbeddings(db, embedder.model, BATCH);
    if (rows.length === 0) break;
    const vectors = await embedder.embed(rows.map((r) => redactPii(r.text)));
    const embedded = rows.map((row, k) => {
      const embedding = vectors[k];
      if (!embedding) throw new Error(`no embedding returned for ${row.feedback_id}`);
      return { feedback_id: row.feedback_id, embedding };
    });
    await db.transaction((tx) => saveEmbeddings(tx, embedder.model, embedded));
    done += rows.length;
    onProgress(done, total);
  }
  return done;
}
