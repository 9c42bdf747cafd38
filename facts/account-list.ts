import { startOfNextDay } from '../core/calendar.ts';
import { lifecyclePlaybook } from '../knowledge/lifecycle-playbook.ts';
import { threadingRule } from '../knowledge/threading-rule.ts';
import type { Queryable } from '../store/db.ts';
import { lastTouchBefore, productsHeld } from '../store/repositories/account-list.ts';
import { type AccountFilter, accountIdsWhere, portfolioFacts } from '../store/repositories/accounts.ts';
import { liveAlerts } from '../store/repositories/alerts.ts';
import { contactFactsFor } from '../store/repositories/contacts.ts';
import { openTicketsOfAccountsAt } from '../store/repositories/tickets.ts';
import { lifecycleStageOf } from '../tools/plans/lifecycle-stage.ts';
import { accountArr } from '../tools/portfolio/account-arr.ts';
import type { ListedAccount, ListNeed } from '../tools/portfolio/account-list.ts';
import { threadingOf } from '../tools/relationship/threading.ts';
import { engagementByAccount } from './engagement.ts';
import { portfolioAccount } from './portfolio.ts';
import { recentSignals, type StoredSignal } from './signals.ts';

/** Days back a list's signal filter looks ("accounts that mentioned a competitor"). */
export const LIST_SIGNAL_DAYS = 30;

const group = <T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
};

/** The signal kinds each account's own people raised, sorted, by account. */
const kindsTheyRaised = (signals: readonly StoredSignal[]): Map<string, string[]> => {
  const kinds = new Map<string, Set<string>>();
  for (const s of signals)
    if (s.side === 'customer') kinds.set(s.account_id, (kinds.get(s.account_id) ?? new Set()).add(s.kind));
  return new Map([...kinds].map(([id, k]) => [id, [...k].sort()]));
};

/** How many of the rows each account has. */
const countByAccount = (rows: readonly { account_id: string }[]): Map<string, number> => {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.account_id, (out.get(r.account_id) ?? 0) + 1);
  return out;
};

/** The facts a list filters or sorts on beyond the portfolio's own, each read once for every account. */
async function extraFacts(db: Queryable, ids: string[], asOf: string, needs: ReadonlySet<ListNeed>) {
  const end = startOfNextDay(asOf);
  const [engagement, alerts, touches, contacts, tickets, products, signals] = await Promise.all([
    needs.has('engagement') ? engagementByAccount({ db }, asOf, { ids }) : null,
    needs.has('alerts') ? liveAlerts(db, ids).then(countByAccount) : null,
    needs.has('touch') ? lastTouchBefore(db, ids, end) : null,
    needs.has('contacts') ? contactFactsFor(db, ids) : null,
    needs.has('tickets') ? openTicketsOfAccountsAt(db, ids, end) : null,
    needs.has('products') ? productsHeld(db, ids, asOf) : null,
    needs.has('signals')
      ? recentSignals(db, ids, asOf, { days: LIST_SIGNAL_DAYS, limit: Number.MAX_SAFE_INTEGER }).then(
          kindsTheyRaised,
        )
      : null,
  ]);
  return {
    engagement,
    alerts,
    touches,
    contacts: contacts && group(contacts, (c) => c.account_id),
    tickets,
    products,
    signals,
  };
}

/**
 * The active accounts of a book on a day with every fact a list can filter or sort on: ARR
 * (facts/arr's rule), tier and score (the latest snapshot), renewal, and, only where `needs`
 * asks, engagement, lifecycle stage, unresolved alerts, last touch, exec sponsor and champion
 * (the threading rule), open tickets, products held and the customer's own signals.
 */
export async function listedAccountsOn(
  db: Queryable,
  asOf: string,
  filter: Omit<AccountFilter, 'status'>,
  needs: ReadonlySet<ListNeed>,
): Promise<{ revenueMonth: string | null; accounts: ListedAccount[] }> {
  // The book's ids first (one cheap query), so the portfolio's row and every other fact are read at once.
  const ids = needs.size > 0 ? await accountIdsWhere(db, { ...filter, status: 'active' }) : [];
  const [{ revenueMonth, accounts: rows }, extra] = await Promise.all([
    portfolioFacts(db, asOf, filter),
    extraFacts(db, ids, asOf, needs),
  ]);
  const playbook = lifecyclePlaybook();
  const rule = threadingRule();
  const accounts = rows.map((r): ListedAccount => {
    const threading = extra.contacts ? threadingOf(extra.contacts.get(r.account_id) ?? [], asOf, rule) : null;
    return {
      accountId: r.account_id,
      name: r.name,
      segment: r.segment,
      csm: r.csm,
      renewalDate: r.renewal_date,
      arrCents: accountArr(portfolioAccount(r)).arrCents,
      tier: r.health_tier,
      score: r.health_score,
      stage: needs.has('stage')
        ? (lifecycleStageOf(r.contract_start, asOf, playbook).stage?.id ?? null)
        : null,
      engagement: extra.engagement?.get(r.account_id)?.level ?? null,
      openAlerts: extra.alerts?.get(r.account_id) ?? 0,
      lastTouchAt: extra.touches?.get(r.account_id) ?? null,
      execSponsor: threading?.execSponsor ?? null,
      champion: threading?.champion ?? null,
      openTickets: (extra.tickets?.get(r.account_id) ?? []).map((t) => t.severity ?? 'none'),
      products: extra.products?.get(r.account_id) ?? [],
      signals: extra.signals?.get(r.account_id) ?? [],
    };
  });
  return { revenueMonth, accounts };
}
