import { addDays } from '../../core/calendar.ts';
import type { AccountRiskData } from '../../tools/risk/account-risk-data.ts';

export const AS_OF = '2026-11-24';

/** A calm, established account: no indicator fires. Each case changes one thing. */
export function calm(overrides: Partial<AccountRiskData> = {}): AccountRiskData {
  const usage = [49, 42, 35, 28, 21, 14, 7, 0].map((d) => ({
    date: addDays(AS_OF, -d),
    dau: 40,
    wau: 80,
    mau: 100,
    core_actions: 1000,
    features_used: 10,
    features_total: 20,
  }));
  return {
    accountId: 'A1',
    segment: 'mid-market',
    seasonalMonths: [],
    asOf: AS_OF,
    usage,
    tickets30d: [],
    hasTouchpoints: true,
    lastProactiveTouch: addDays(AS_OF, -10),
    lastExecTouch: addDays(AS_OF, -40),
    contacts: [
      { role: 'champion', last_engaged_at: addDays(AS_OF, -5), left_at: null },
      { role: 'exec_sponsor', last_engaged_at: addDays(AS_OF, -30), left_at: null },
    ],
    goals: [],
    invoices: [],
    mrr: [
      { month: '2026-08', cents: 100_000 },
      { month: '2026-10', cents: 100_000 },
    ],
    expansionSignals90d: 0,
    contractStart: '2024-01-15',
    renewalDate: '2027-06-01',
    contractTerm: 'annual',
    seatsPurchased: 100,
    events: [],
    tickets90d: [],
    feedback90d: [],
    earlyUsage: [],
    touchpoints180d: [],
    productUsage: [],
    signals: [],
    ...overrides,
  };
}
