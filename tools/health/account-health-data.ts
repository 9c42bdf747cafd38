/** Everything the health model reads about one account, as of a day (facts from the store). */
export interface AccountHealthData {
  accountId: string;
  segment: string | null;
  /** Expected low-usage months (1–12). */
  seasonalMonths: number[];
  asOf: string;
  /** Usage rows of the last 56 days, oldest first. */
  usage: {
    date: string;
    dau: number | null;
    wau: number | null;
    mau: number | null;
    core_actions: number | null;
    features_used: number | null;
    features_total: number | null;
  }[];
  /** Tickets opened in the last 30 days. */
  tickets30d: { severity: string | null; opened_at: string }[];
  /** Whether the account has any touchpoints on record at all. */
  hasTouchpoints: boolean;
  lastProactiveTouch: string | null;
  lastExecTouch: string | null;
  contacts: {
    /** Who the contact is (the rules that name a person read them; the health score does not). */
    contact_id?: string;
    name?: string | null;
    role: string | null;
    last_engaged_at: string | null;
    left_at: string | null;
  }[];
  goals: { status: string; due: string | null }[];
  /** Invoices due in the last 180 days. */
  invoices: { due_at: string; paid_at: string | null; status: string }[];
  /** Month-end MRR of the last 4 months up to as-of, oldest first (cents). */
  mrr: { month: string; cents: number }[];
  /** Expansion-signal events in the last 90 days. */
  expansionSignals90d: number;
}
