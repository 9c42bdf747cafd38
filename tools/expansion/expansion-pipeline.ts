import { compareText } from '../compare-text.ts';

/** Accounts showing expansion signals recently, largest ARR first, with the signals seen. */
export interface ExpansionCandidate {
  accountId: string;
  arrCents: number;
  signals: string[];
  signalCount: number;
  lastSignalAt: string;
}

export function expansionPipeline(
  accounts: ReadonlyMap<string, { arrCents: number }>,
  signals: readonly { accountId: string; type: string; count: number; lastAt: string }[],
): ExpansionCandidate[] {
  const byAccount = new Map<string, ExpansionCandidate>();
  for (const s of signals) {
    const account = accounts.get(s.accountId);
    if (!account) continue;
    const candidate = byAccount.get(s.accountId) ?? {
      accountId: s.accountId,
      arrCents: account.arrCents,
      signals: [],
      signalCount: 0,
      lastSignalAt: s.lastAt,
    };
    candidate.signals.push(s.type);
    candidate.signalCount += s.count;
    if (s.lastAt > candidate.lastSignalAt) candidate.lastSignalAt = s.lastAt;
    byAccount.set(s.accountId, candidate);
  }
  return [...byAccount.values()].sort(
    (x, y) => y.arrCents - x.arrCents || compareText(x.accountId, y.accountId),
  );
}
