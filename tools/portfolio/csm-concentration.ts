import { compareText } from '../compare-text.ts';
import { isAtRisk } from './health-tiers.ts';

/** Where at-risk ARR sits: per CSM, their accounts, at-risk accounts and ARR, and share of their book. */
export interface CsmBookRisk {
  csm: string;
  accounts: number;
  arrCents: number;
  atRiskAccounts: number;
  atRiskArrCents: number;
}

export function csmConcentration(
  accounts: readonly { csm: string | null; tier: string | null; arrCents: number }[],
): CsmBookRisk[] {
  const books = new Map<string, CsmBookRisk>();
  for (const a of accounts) {
    const csm = a.csm ?? 'unassigned';
    const book = books.get(csm) ?? { csm, accounts: 0, arrCents: 0, atRiskAccounts: 0, atRiskArrCents: 0 };
    book.accounts++;
    book.arrCents += a.arrCents;
    if (isAtRisk(a.tier)) {
      book.atRiskAccounts++;
      book.atRiskArrCents += a.arrCents;
    }
    books.set(csm, book);
  }
  return [...books.values()].sort((x, y) => y.atRiskArrCents - x.atRiskArrCents || compareText(x.csm, y.csm));
}
