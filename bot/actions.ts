import { z } from 'zod';
import { DISAGREEMENT_REASONS, type DisagreementReason } from '../facts/health.ts';

/** Action ids of the buttons and menus on answers; one listener each in listeners/actions. */
export const ACTION = {
  /** Show details / Show more: the answer's next page, posted in the thread. */
  page: 'cs_page',
  draftEmail: 'cs_draft_email',
  pickAccount: 'cs_pick_account',
  disagree: 'cs_disagree',
  /** Runs a question again through the router: a list's next page, a glance's next step. */
  rerun: 'cs_rerun',
  /** The whole list behind an answer, as a CSV file in its thread. */
  listCsv: 'cs_list_csv',
} as const;

/** Re-runs an answer exactly (same args and as-of) and shows page `page` of its details. */
export const PageValue = z.object({
  intent: z.string(),
  args: z.record(z.string(), z.unknown()),
  account: z.string().nullable(),
  page: z.number().int().min(1),
});
export type PageValue = z.infer<typeof PageValue>;

export const DraftEmailValue = z.object({ kind: z.string(), account: z.string(), as_of: z.string() });
export type DraftEmailValue = z.infer<typeof DraftEmailValue>;

/** A "did you mean" choice: the question again, with the account picked. */
export const PickAccountValue = z.object({
  intent: z.string(),
  args: z.record(z.string(), z.unknown()),
  account: z.string(),
});
export type PickAccountValue = z.infer<typeof PickAccountValue>;

/** A question to run again as it was asked, with the arguments changed (the next page's offset) or another intent for the same account. */
export const RerunValue = z.object({
  intent: z.string(),
  args: z.record(z.string(), z.unknown()),
  account: z.string().nullable(),
});
export type RerunValue = z.infer<typeof RerunValue>;

/** An account list's arguments: the CSV runs the list again, from the first row, every row. */
export const ListCsvValue = z.object({ args: z.record(z.string(), z.unknown()) });
export type ListCsvValue = z.infer<typeof ListCsvValue>;

export const encodeValue = (value: object): string => JSON.stringify(value);

/** Parses a button value; a value that does not fit its schema is a tampered or stale button. */
export function decodeValue<T>(schema: z.ZodType<T>, raw: string | undefined): T | null {
  if (!raw) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A Disagree menu option value (options hold at most 150 characters): reason|account|as_of|score|tier. */
export interface DisagreeChoice {
  reason: DisagreementReason;
  account: string;
  as_of: string;
  score: number;
  tier: string;
}

export const encodeDisagree = (c: DisagreeChoice): string =>
  [c.reason, c.account, c.as_of, c.score, c.tier].join('|');

export function decodeDisagree(raw: string | undefined): DisagreeChoice | null {
  const [reason, account, as_of, score, tier] = (raw ?? '').split('|');
  if (!reason || !(reason in DISAGREEMENT_REASONS) || !account || !as_of || !tier) return null;
  const n = Number(score);
  if (!Number.isFinite(n)) return null;
  return { reason: reason as DisagreementReason, account, as_of, score: n, tier };
}
