import type { AccountHealthData } from '../health/account-health-data.ts';

/** What the churn-risk rules read beyond the health data: contract, events, tickets, feedback, early usage. */
export interface AccountRiskData extends AccountHealthData {
  contractStart: string | null;
  renewalDate: string | null;
  contractTerm: string | null;
  seatsPurchased: number | null;
  /** Events of the last 180 days, oldest first. */
  events: { type: string; at: string; details: string | null }[];
  /** Tickets opened in the last 90 days. */
  tickets90d: { opened_at: string; severity: string | null; subject: string | null }[];
  /** Feedback of the last 90 days. */
  feedback90d: {
    feedback_id: string;
    created_at: string;
    text: string;
    source: string;
    score: number | null;
  }[];
  /** Usage rows in the first 35 days after contract start (onboarding). */
  earlyUsage: { date: string; dau: number | null; seats_active: number | null; mau: number | null }[];
  /** Touchpoints of the last 180 days with the customer contact they were with (when recorded). */
  touchpoints180d: { at: string; contact_id: string | null }[];
  /** Per-product usage rows of the last 56 days, oldest first (multi-product accounts only). */
  productUsage: ProductUsage[];
  /** Churn-risk signals in customer text of the last 120 days (churn intent, competitor, budget, champion leaving), oldest first. */
  signals: RiskSignal[];
}

/** A signal in what a customer said (or our team noted they said): the quote and where it is. */
export interface RiskSignal {
  kind: string;
  source: string;
  source_id: string;
  quote: string;
  at: string;
  side: string;
  link: string | null;
}

/** One product's usage rows, as the account's own usage rows are read. */
export interface ProductUsage {
  product: string;
  rows: AccountHealthData['usage'];
}
