import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../commands/router.ts';
import { advocacyFits } from '../../facts/advocacy.ts';
import { alertAccounts } from '../../facts/alert-accounts.ts';
import { arrOn } from '../../facts/arr.ts';
import { accountEngagement } from '../../facts/engagement.ts';
import { teamOf } from '../../facts/team.ts';
import { evaluateAlerts } from '../../jobs/evaluate-alerts.ts';
import { scoreAll } from '../../jobs/score-all.ts';
import { exportedKind, exportRecords } from '../../store/import/export-kind.ts';
import { findImportKind } from '../../store/import/kinds.ts';
import { accountIdsActiveOn } from '../../store/repositories/health-snapshots.ts';
import { listUsers } from '../../store/repositories/users.ts';
import { memberNamed } from '../../tools/team/team-member.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

/**
 * One fact, one rule (DESIGN §14): the same account on the same day shows the same ARR, DAU/MAU,
 * feature breadth, health tier, owner and leader in every answer, alert, digest and App Home.
 * Each surface's value is read as a person sees it; any two that differ are listed.
 */
const DAY = '2026-11-24';
let store: TestStore;

/** An account whose payments stopped three months ago (still active), and one known only by its declared ARR. */
let LAPSED = '';
const DECLARED = 'ACC-00007';

beforeAll(async () => {
  store = await openDemoStore(DAY, 60);
  // Teams as a real CS org has them: one leader leads the West CSMs, the other the rest.
  await store.db.query(
    "UPDATE users SET team = 'West' WHERE user_id = (SELECT max(user_id) FROM users WHERE role = 'leader')",
  );
  const [lapsed] = await store.db.query<{ account_id: string }>(
    `SELECT account_id FROM accounts WHERE status = 'active' AND account_id <> $1 AND csm IS NOT NULL
      ORDER BY account_id OFFSET 3 LIMIT 1`,
    [DECLARED],
  );
  LAPSED = lapsed?.account_id ?? '';
  await store.db.query("DELETE FROM revenue WHERE account_id = $1 AND month > '2026-08-01'", [LAPSED]);
  await store.db.query("DELETE FROM product_revenue WHERE account_id = $1 AND month > '2026-08-01'", [
    LAPSED,
  ]);
  await store.db.query('DELETE FROM revenue WHERE account_id = $1', [DECLARED]);
  await store.db.query('DELETE FROM product_revenue WHERE account_id = $1', [DECLARED]);
  await store.db.query('UPDATE accounts SET arr_cents = 5000000 WHERE account_id = $1', [DECLARED]);
  // The day's run, as the scheduler makes it: snapshots (the App Home's tiers), then alerts (DMs, digests).
  await scoreAll(store.db, DAY, undefined, { pointInTime: true });
  await evaluateAlerts(store.db, DAY, `${DAY}T06:00:00.000Z`);
});
afterAll(async () => store?.cleanup());

type Seen = Map<string, Map<string, string>>;

/** What each surface showed for one account and fact. */
function see(seen: Seen, account: string, surface: string, value: unknown): void {
  if (value === undefined) return;
  const bySurface = seen.get(account) ?? new Map<string, string>();
  bySurface.set(surface, typeof value === 'number' ? String(Math.round(value * 100) / 100) : String(value));
  seen.set(account, bySurface);
}

/** Each account whose surfaces disagree, with what each showed. */
function disagreements(fact: string, seen: Seen): string[] {
  return [...seen.entries()].flatMap(([account, bySurface]) =>
    new Set(bySurface.values()).size > 1
      ? [`${fact} of ${account}: ${[...bySurface.entries()].map(([s, v]) => `${s}=${v}`).join(', ')}`]
      : [],
  );
}

const data = async (intent: string, args: Record<string, unknown>): Promise<unknown> => {
  try {
    return (await run(testContext(store.db, DAY), intent, args)).data;
  } catch {
    return null;
  }
};

describe('one fact, one rule: every surface shows the same figures for an account on a day', () => {
  it('ARR, DAU/MAU, feature breadth, tier, owner and leader agree across answers, alerts, digests and the App Home', async () => {
    const ids = await accountIdsActiveOn(store.db, DAY);
    expect(ids.length).toBeGreaterThan(40);
    const arr: Seen = new Map();
    const mrr: Seen = new Map();
    const dauMau: Seen = new Map();
    const breadth: Seen = new Map();
    const tier: Seen = new Map();
    const owner: Seen = new Map();
    const leader: Seen = new Map();
    const users = await listUsers(store.db);
    const alertSide = new Map((await alertAccounts(store.db, ids, DAY)).map((a) => [a.account_id, a]));
    for (const id of ids) {
      const account = { account: id };
      const [score, risk, qbr, renewal, save, expansion] = await Promise.all(
        ['score', 'churn_risk', 'qbr_prep', 'renewal_prep', 'save_play', 'expansion_opportunities'].map((i) =>
          data(i, account),
        ),
      );
      const s = score as {
        tier?: string;
        engagement?: { dau_mau: number | null; feature_breadth: number | null };
      };
      see(tier, id, 'score', s?.tier);
      see(dauMau, id, 'score', s?.engagement?.dau_mau ?? undefined);
      see(breadth, id, 'score', s?.engagement?.feature_breadth ?? undefined);
      const r = risk as { arr?: number; health?: { tier: string } | null };
      see(arr, id, 'churn_risk', r?.arr);
      see(tier, id, 'churn_risk', r?.health?.tier);
      const q = qbr as {
        arr?: number;
        health?: { tier?: string };
        usage?: {
          stickiness: number | null;
          latest_features_used: number | null;
          features_total: number | null;
        };
      };
      see(arr, id, 'qbr_prep', q?.arr);
      see(tier, id, 'qbr_prep', q?.health?.tier);
      see(dauMau, id, 'qbr_prep', q?.usage?.stickiness ?? undefined);
      if (q?.usage?.latest_features_used != null && q.usage.features_total)
        see(breadth, id, 'qbr_prep', q.usage.latest_features_used / q.usage.features_total);
      const rp = renewal as { arr?: number; risk?: { tier?: string }; timeline?: { owner: string }[] };
      see(arr, id, 'renewal_prep', rp?.arr);
      see(tier, id, 'renewal_prep', rp?.risk?.tier);
      const sp = save as { health?: { tier: string } | null; steps?: { owner: string }[] };
      see(tier, id, 'save_play', sp?.health?.tier);
      const e = expansion as { arr?: number; health?: { tier?: string } | null };
      see(arr, id, 'expansion', e?.arr);
      see(tier, id, 'expansion', e?.health?.tier);
      const alerted = alertSide.get(id);
      if (alerted) {
        see(arr, id, 'alerts', alerted.arr_cents / 100);
        see(owner, id, 'alerts', alerted.owner);
      }
      const engaged = await accountEngagement({ db: store.db }, DAY, id);
      see(dauMau, id, 'alert DM engagement', engaged?.dau_mau ?? undefined);
      see(breadth, id, 'alert DM engagement', engaged?.feature_breadth ?? undefined);
      // The leader a plan names, and the one an escalation pings (the leader of the CSM's team).
      const csm = memberNamed(users, alerted?.csm ?? null);
      see(owner, id, 'users table', csm?.user_id ?? alerted?.csm);
      const { leader: escalatesTo } = await teamOf(store.db, alerted?.owner ?? null);
      see(leader, id, 'escalation', escalatesTo?.email ?? escalatesTo?.user_id);
      const planLeader = rp?.timeline
        ?.map((t) => t.owner)
        .find((o) => users.some((u) => u.role === 'leader' && (u.email === o || u.user_id === o)));
      see(leader, id, 'renewal_prep', planLeader);
      const saveLeader = sp?.steps
        ?.map((t) => t.owner)
        .find((o) => users.some((u) => u.role === 'leader' && (u.email === o || u.user_id === o)));
      see(leader, id, 'save_play', saveLeader);
    }
    const home = (await data('book_home', { scope: 'team' })) as {
      tiers: { tier: string; accounts: { accountId: string; arrCents: number }[] }[];
    } | null;
    for (const t of home?.tiers ?? [])
      for (const a of t.accounts) {
        see(arr, a.accountId, 'App Home', a.arrCents / 100);
        if (t.tier !== 'unscored') see(tier, a.accountId, 'App Home', t.tier);
      }
    const advocates = (await data('advocates', { scope: 'team' })) as {
      candidates: { account_id: string; arr: number }[];
    } | null;
    for (const c of advocates?.candidates ?? []) see(arr, c.account_id, 'advocates', c.arr);
    // What the advocacy rule judges every account on (a candidate's ARR is shown from it).
    for (const f of await advocacyFits(testContext(store.db, DAY), DAY, { ids }))
      see(arr, f.facts.accountId, 'advocacy facts', f.facts.arrCents / 100);
    // Alert DMs and digests show the stored alert: its ARR and tier evidence.
    const alerts = (await data('alerts', { scope: 'team', state: 'all' })) as {
      alerts: { account_id: string; evidence: { input: string; value: string; as_of: string | null }[] }[];
    } | null;
    expect(alerts?.alerts.length ?? 0).toBeGreaterThan(0);
    for (const a of alerts?.alerts ?? [])
      for (const e of a.evidence) {
        if (e.input === 'ARR') see(arr, a.account_id, 'alert DM', Number(e.value.replace(/[$,]/g, '')));
        if ((e.input === 'health tier' || e.input === 'health') && e.as_of === DAY)
          see(tier, a.account_id, 'alert DM', e.value.split(' ')[0]);
      }
    const review = (await data('portfolio_review', { scope: 'team' })) as {
      renewals: { next_90d: { account_id: string; arr: number; csm: string | null }[] };
    } | null;
    for (const r of review?.renewals.next_90d ?? []) {
      see(arr, r.account_id, 'portfolio_review', r.arr);
      see(owner, r.account_id, 'portfolio_review', memberNamed(users, r.csm)?.user_id ?? r.csm);
    }
    // MRR: the facts layer, 12 × it as ARR, and the revenue month `cse export revenue` writes out.
    const facts = await arrOn(store.db, DAY, ids);
    const kind = findImportKind('revenue');
    const exported = kind ? await exportRecords(store.db, exportedKind(kind, false)) : [];
    const month = exported
      .map((r) => String(r.month))
      .filter((m) => m <= DAY.slice(0, 7))
      .sort()
      .at(-1);
    for (const [id, f] of facts) {
      see(arr, id, 'facts', f.arrCents / 100);
      if (f.mrrCents === null) continue;
      see(mrr, id, 'facts', f.mrrCents / 100);
      if (f.source === 'revenue') see(mrr, id, 'ARR ÷ 12', f.arrCents / 1200);
      const row = exported.find((r) => r.account_id === id && r.month === month);
      see(mrr, id, 'cse export revenue', row ? Number(row.mrr) : 0);
    }
    // Every surface was read (a renamed field would otherwise hide a disagreement).
    const surfaces = (seen: Seen) => [...new Set([...seen.values()].flatMap((m) => [...m.keys()]))].sort();
    expect({
      arr: surfaces(arr),
      mrr: surfaces(mrr),
      dauMau: surfaces(dauMau),
      breadth: surfaces(breadth),
      tier: surfaces(tier),
      owner: surfaces(owner),
      leader: surfaces(leader),
    }).toEqual({
      arr: [
        'App Home',
        'advocacy facts',
        'advocates',
        'alert DM',
        'alerts',
        'churn_risk',
        'expansion',
        'facts',
        'portfolio_review',
        'qbr_prep',
        'renewal_prep',
      ],
      mrr: ['ARR ÷ 12', 'cse export revenue', 'facts'],
      dauMau: ['alert DM engagement', 'qbr_prep', 'score'],
      breadth: ['alert DM engagement', 'qbr_prep', 'score'],
      tier: [
        'App Home',
        'alert DM',
        'churn_risk',
        'expansion',
        'qbr_prep',
        'renewal_prep',
        'save_play',
        'score',
      ],
      owner: ['alerts', 'portfolio_review', 'users table'],
      leader: ['escalation', 'renewal_prep', 'save_play'],
    });
    const found = [
      ...disagreements('ARR', arr),
      ...disagreements('MRR', mrr),
      ...disagreements('DAU/MAU', dauMau),
      ...disagreements('feature breadth', breadth),
      ...disagreements('tier', tier),
      ...disagreements('owner', owner),
      ...disagreements('leader', leader),
    ];
    expect(found).toEqual([]);
  });
});
