import type { Queryable } from '../db.ts';

export type SignalSource = 'slack' | 'feedback' | 'ticket' | 'note';
export type TextSide = 'customer' | 'team' | 'bot';

/** A customer text the detector reads, from whichever table holds it. */
export interface CustomerText {
  source: SignalSource;
  source_id: string;
  account_id: string;
  at: string;
  side: TextSide;
  text: string;
  /** Where a person finds it: a Slack channel and ts, a ticket id, a feedback id, a touchpoint id. */
  link: string | null;
}

/** A signal as stored: its text, kind, confidence and evidence. */
export interface StoredSignal {
  source: SignalSource;
  source_id: string;
  kind: string;
  account_id: string;
  confidence: number;
  quote: string;
  at: string;
  side: TextSide;
  link: string | null;
  detector: string;
  detected_at: string;
}

const TEXTS = `
  SELECT 'feedback' AS source, f.feedback_id AS source_id, f.account_id, f.created_at AS at, 'customer' AS side,
         f.text, f.feedback_id AS link
    FROM feedback f
   -- A channel message logged as feedback is read once, as the message.
   WHERE NOT EXISTS (SELECT 1 FROM customer_messages m
                      WHERE f.attributes->>'external_id' = 'msg-' || m.channel_id || '-' || m.ts)
  UNION ALL
  SELECT 'ticket', t.ticket_id, t.account_id, t.opened_at, 'customer',
         -- The subject and the body, once each (a body that opens with its subject is the body alone).
         CASE WHEN nullif(t.body, '') IS NULL THEN t.subject
              WHEN nullif(t.subject, '') IS NULL OR t.body LIKE t.subject || '%' THEN t.body
              ELSE t.subject || ' — ' || t.body END,
         t.ticket_id
    FROM tickets t WHERE coalesce(nullif(t.subject, ''), nullif(t.body, '')) IS NOT NULL
  UNION ALL
  SELECT 'note', p.touchpoint_id, p.account_id, p.at, 'team', p.notes, p.touchpoint_id
    FROM touchpoints p WHERE p.notes IS NOT NULL AND p.notes <> ''
  UNION ALL
  SELECT 'slack', m.channel_id || ':' || m.ts, m.account_id, m.at, m.side, m.text, m.channel_id || ':' || m.ts
    FROM customer_messages m WHERE m.side = 'customer'`;

/** Texts the current detector has not read yet (new ones, or read by an older detector), oldest first. */
export async function unscannedTexts(
  db: Queryable,
  detector: string,
  limit: number,
): Promise<CustomerText[]> {
  return db.query<CustomerText>(
    `SELECT x.* FROM (${TEXTS}) x
       LEFT JOIN signal_scans s ON s.source = x.source AND s.source_id = x.source_id AND s.detector = $1
      WHERE s.source_id IS NULL
      ORDER BY x.at, x.source, x.source_id
      LIMIT $2`,
    [detector, limit],
  );
}

/**
 * Replaces what the detector found in these texts with `signals`, and marks each text read by
 * `detector`, in the caller's transaction: a re-read never leaves a signal the text no longer carries.
 */
export async function saveSignals(
  tx: Queryable,
  texts: readonly Pick<CustomerText, 'source' | 'source_id'>[],
  signals: readonly Omit<StoredSignal, 'detected_at'>[],
  detector: string,
  now: string,
): Promise<void> {
  if (texts.length === 0) return;
  const keys = JSON.stringify(texts.map((t) => ({ source: t.source, source_id: t.source_id })));
  await tx.query(
    `DELETE FROM customer_signals c USING json_to_recordset($1::json) AS r(source text, source_id text)
      WHERE c.source = r.source AND c.source_id = r.source_id`,
    [keys],
  );
  if (signals.length > 0)
    await tx.query(
      `INSERT INTO customer_signals (source, source_id, kind, account_id, confidence, quote, at, side, link, detector, detected_at)
       SELECT r.source, r.source_id, r.kind, r.account_id, r.confidence, r.quote, r.at::timestamptz, r.side, r.link, r.detector, $2
         FROM json_to_recordset($1::json) AS r(source text, source_id text, kind text, account_id text, confidence real,
              quote text, at text, side text, link text, detector text)
       ON CONFLICT (source, source_id, kind) DO UPDATE SET confidence = EXCLUDED.confidence, quote = EXCLUDED.quote,
              at = EXCLUDED.at, side = EXCLUDED.side, link = EXCLUDED.link, detector = EXCLUDED.detector,
              detected_at = EXCLUDED.detected_at`,
      [JSON.stringify(signals), now],
    );
  await tx.query(
    `INSERT INTO signal_scans (source, source_id, detector, scanned_at)
     SELECT r.source, r.source_id, $2, $3 FROM json_to_recordset($1::json) AS r(source text, source_id text)
     ON CONFLICT (source, source_id) DO UPDATE SET detector = EXCLUDED.detector, scanned_at = EXCLUDED.scanned_at`,
    [keys, detector, now],
  );
}

/** Forgets what was found in these texts and that they were read (a deleted or purged message). */
export async function forgetTexts(
  tx: Queryable,
  source: SignalSource,
  sourceIds: readonly string[],
): Promise<void> {
  if (sourceIds.length === 0) return;
  await tx.query('DELETE FROM customer_signals WHERE source = $1 AND source_id = ANY($2::text[])', [
    source,
    [...sourceIds],
  ]);
  await tx.query('DELETE FROM signal_scans WHERE source = $1 AND source_id = ANY($2::text[])', [
    source,
    [...sourceIds],
  ]);
}

export interface SignalFilter {
  /** null: every account. */
  accountIds: readonly string[] | null;
  kinds?: readonly string[];
  /** Instants: [from, before). */
  from?: string;
  before?: string;
  limit?: number;
}

/** Stored signals, newest first. */
export async function signalsWhere(db: Queryable, filter: SignalFilter): Promise<StoredSignal[]> {
  return db.query<StoredSignal>(
    `SELECT source, source_id, kind, account_id, confidence, quote, at, side, link, detector, detected_at
       FROM customer_signals
      WHERE ($1::text[] IS NULL OR account_id = ANY($1::text[]))
        AND ($2::text[] IS NULL OR kind = ANY($2::text[]))
        AND ($3::timestamptz IS NULL OR at >= $3::timestamptz)
        AND ($4::timestamptz IS NULL OR at < $4::timestamptz)
      ORDER BY at DESC, source, source_id, kind
      LIMIT $5`,
    [
      filter.accountIds === null ? null : [...filter.accountIds],
      filter.kinds ? [...filter.kinds] : null,
      filter.from ?? null,
      filter.before ?? null,
      filter.limit ?? 1000,
    ],
  );
}
