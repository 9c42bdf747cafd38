/**
 * The public roadmap's statuses (the VoC guide's "close the loop" step) and who asked for an item.
 * Pure.
 */
export const ROADMAP_STATUSES = ['under_review', 'planned', 'in_progress', 'shipped'] as const;
export type RoadmapStatus = (typeof ROADMAP_STATUSES)[number];

export const ROADMAP_STATUS_LABEL: Record<RoadmapStatus, string> = {
  under_review: 'under review',
  planned: 'planned',
  in_progress: 'in progress',
  shipped: 'shipped',
};

/** A roadmap key as teams write them (SSO-12, q1.exports, audit_log): letters, digits, . _ - */
export const ROADMAP_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** One customer item behind a roadmap item: a linked request, or an item merged into one. */
export interface RequestingItem {
  feedback_id: string;
  account_id: string;
  account_name: string;
  csm: string | null;
  created_at: string;
}

export interface RequestingAccount {
  account_id: string;
  name: string;
  csm: string | null;
  /** The account's first item about it: what its release email quotes. */
  feedback_id: string;
  asked_on: string;
  items: number;
  arr_cents: number;
}

/**
 * Every account that asked, once, with its first item and its ARR (each account counted once),
 * largest ARR first.
 */
export function requestingAccounts(
  items: readonly RequestingItem[],
  arrByAccount: ReadonlyMap<string, number>,
): RequestingAccount[] {
  const byAccount = new Map<string, RequestingAccount>();
  for (const item of [...items].sort((a, b) => a.created_at.localeCompare(b.created_at))) {
    const seen = byAccount.get(item.account_id);
    if (seen) {
      seen.items++;
      continue;
    }
    byAccount.set(item.account_id, {
      account_id: item.account_id,
      name: item.account_name,
      csm: item.csm,
      feedback_id: item.feedback_id,
      asked_on: item.created_at.slice(0, 10),
      items: 1,
      arr_cents: arrByAccount.get(item.account_id) ?? 0,
    });
  }
  return [...byAccount.values()].sort((a, b) => b.arr_cents - a.arr_cents || a.name.localeCompare(b.name));
}
