import { responseSlaHours } from '../../knowledge/customer-signals.ts';
/** An account of the book, as the summary needs it. */
export interface VoiceAccount {
  accountId: string;
  name: string;
  csm: string | null;
  segment: string | null;
}

/** A risk signal said in the period. */
export interface SaidRisk {
  account_id: string;
  kind: string;
  quote: string;
  at: string;
}

/** A customer's question in the period, and our first reply (null: none yet). */
export interface AskedQuestion {
  account_id: string;
  at: string;
  replied_at: string | null;
}

export interface VoiceSummary {
  /** Accounts whose customers raised a risk in the period, newest first, with the latest quote. */
  accounts: {
    account_id: string;
    name: string;
    csm: string | null;
    kinds: string[];
    quote: string;
    at: string;
  }[];
  /** Per CSM: questions asked in their accounts' channels, answered within the segment's SLA, still open past it. */
  response_sla: {
    csm: string;
    questions: number;
    within_sla: number;
    late: number;
    open_past_sla: number;
    rate: number | null;
  }[];
}

const HOUR = 3_600_000;

/**
 * The customer-voice section of a book's review: who raised churn intent, a competitor, budget or a
 * champion leaving, and how each CSM kept to the response SLA (hours by segment; a question still
 * open at `now` counts against it once the SLA has passed, and not at all before). Pure.
 */
export function voiceSummary(
  book: readonly VoiceAccount[],
  said: readonly SaidRisk[],
  questions: readonly AskedQuestion[],
  slaHours: Readonly<Record<string, number>>,
  now: string,
): VoiceSummary {
  const byId = new Map(book.map((a) => [a.accountId, a]));
  const grouped = new Map<string, SaidRisk[]>();
  for (const s of said)
    if (byId.has(s.account_id)) grouped.set(s.account_id, [...(grouped.get(s.account_id) ?? []), s]);
  const accounts = [...grouped.entries()]
    .map(([id, list]) => {
      const latest = [...list].sort((a, b) => b.at.localeCompare(a.at))[0] as SaidRisk;
      const account = byId.get(id) as VoiceAccount;
      return {
        account_id: id,
        name: account.name,
        csm: account.csm,
        kinds: [...new Set(list.map((s) => s.kind))].sort(),
        quote: latest.quote,
        at: latest.at,
      };
    })
    .sort((a, b) => b.at.localeCompare(a.at) || a.name.localeCompare(b.name));
  const perCsm = new Map<
    string,
    { questions: number; within_sla: number; late: number; open_past_sla: number }
  >();
  for (const q of questions) {
    const account = byId.get(q.account_id);
    if (!account?.csm) continue;
    const sla = responseSlaHours(slaHours, account.segment) * HOUR;
    const waited = Date.parse(q.replied_at ?? now) - Date.parse(q.at);
    const row = perCsm.get(account.csm) ?? { questions: 0, within_sla: 0, late: 0, open_past_sla: 0 };
    if (q.replied_at === null && waited <= sla) continue;
    row.questions += 1;
    if (q.replied_at === null) row.open_past_sla += 1;
    else if (waited <= sla) row.within_sla += 1;
    else row.late += 1;
    perCsm.set(account.csm, row);
  }
  const response_sla = [...perCsm.entries()]
    .map(([csm, r]) => ({ csm, ...r, rate: r.questions > 0 ? r.within_sla / r.questions : null }))
    .sort((a, b) => (a.rate ?? 1) - (b.rate ?? 1) || a.csm.localeCompare(b.csm));
  return { accounts, response_sla };
}

/** What customers said and how fast we answered, shown beside a score (never part of it). */
export interface VoiceContext {
  window_days: number;
  /** Risk signals (churn intent, competitor, budget, champion leaving) and praise, now and the window before. */
  now: { risk: number; praise: number };
  before: { risk: number; praise: number };
  /** Our median first response to the customer's questions in their channel; null without questions. */
  responsiveness: { questions: number; median_hours: number; sla_hours: number } | null;
}

const RISK_KINDS = new Set(['churn_intent', 'competitor', 'budget', 'champion_leaving']);

/** One account's voice context from its signals of two windows and its questions of the last one. Pure. */
export function voiceContext(
  said: readonly { kind: string; at: string }[],
  windowStart: string,
  questions: readonly AskedQuestion[],
  slaHours: number,
  now: string,
  windowDays: number,
): VoiceContext | null {
  const count = (list: readonly { kind: string }[]) => ({
    risk: list.filter((s) => RISK_KINDS.has(s.kind)).length,
    praise: list.filter((s) => s.kind === 'praise').length,
  });
  const waits = questions
    .map((q) => (Date.parse(q.replied_at ?? now) - Date.parse(q.at)) / HOUR)
    .sort((a, b) => a - b);
  const context: VoiceContext = {
    window_days: windowDays,
    now: count(said.filter((s) => s.at >= windowStart)),
    before: count(said.filter((s) => s.at < windowStart)),
    responsiveness:
      waits.length === 0
        ? null
        : {
            questions: waits.length,
            median_hours: Math.round((waits[Math.floor((waits.length - 1) / 2)] as number) * 10) / 10,
            sla_hours: slaHours,
          },
  };
  const silent = context.now.risk + context.now.praise + context.before.risk + context.before.praise === 0;
  return silent && context.responsiveness === null ? null : context;
}
