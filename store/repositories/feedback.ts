import type { Queryable } from '../db.ts';
import { rowsForAccount, type TimeWindow } from './account-rows.ts';

export interface FeedbackItem {
  feedback_id: string;
  account_id: string;
  source: 'nps' | 'csat' | 'survey' | 'ticket' | 'in_app' | 'call_note' | 'slack';
  created_at: string;
  score: number | null;
  text: string;
  author: string | null;
  attributes: Record<string, unknown>;
  received_at: string;
  status: string;
  embedding_model: string | null;
  canonical_id: string | null;
  similarity: number | null;
  theme: string | null;
  themes: string[];
  sentiment: string | null;
  owner: string | null;
  sla_due_at: string | null;
  processed_at: string | null;
}

/** Columns without the embedding vector, which callers rarely need and is large. */
const COLUMNS = `feedback_id, account_id, source, created_at, score, text, author, attributes, received_at, status,
  embedding_model, canonical_id, similarity, theme, themes, sentiment, owner, sla_due_at, processed_at`;

export type NewFeedback = Pick<
  FeedbackItem,
  'feedback_id' | 'account_id' | 'source' | 'created_at' | 'text'
> &
  Partial<Pick<FeedbackItem, 'score' | 'author' | 'attributes'>> & {
    /** When it reached us (ISO), from the process clock; history loaded in bulk: when it was written. */
    received_at?: string;
  };

/** Stores one item; an item with the same feedback_id is left as it was (idempotent ingest). */
export async function insertFeedback(db: Queryable, item: NewFeedback): Promise<{ inserted: boolean }> {
  const rows = await db.query(
    `INSERT INTO feedback (feedback_id, account_id, source, created_at, score, text, author, attributes, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (feedback_id) DO NOTHING RETURNING feedback_id`,
    [
      item.feedback_id,
      item.account_id,
      item.source,
      item.created_at,
      item.score ?? null,
      item.text,
      item.author ?? null,
      item.attributes ?? {},
      item.received_at ?? item.created_at,
    ],
  );
  return { inserted: rows.length > 0 };
}

export async function getFeedback(db: Queryable, feedbackId: string): Promise<FeedbackItem | null> {
  const [row] = await db.query<FeedbackItem>(`SELECT ${COLUMNS} FROM feedback WHERE feedback_id = $1`, [
    feedbackId,
  ]);
  return row ?? null;
}

export async function feedbackForAccount(
  db: Queryable,
  accountId: string,
  window: TimeWindow = {},
): Promise<FeedbackItem[]> {
  const rows = await rowsForAccount<FeedbackItem & { embedding?: unknown }>(
    db,
    'feedback',
    accountId,
    window,
  );
  return rows.map(({ embedding: _embedding, ...item }) => item);
}
