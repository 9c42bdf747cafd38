/** How well the largest accounts are multi-threaded: engaged contacts, champion and sponsor in place. */
export interface ThreadingCheck {
  accountId: string;
  arrCents: number;
  engagedContacts: number;
  hasChampion: boolean;
  hasExecSponsor: boolean;
  /** Fewer than two engaged contacts, or no champion. */
  singleThreaded: boolean;
}

export const MIN_ENGAGED_CONTACTS = 2;

export function multiThreading(
  top: readonly { accountId: string; arrCents: number }[],
  coverage: ReadonlyMap<string, { engagedContacts: number; hasChampion: boolean; hasExecSponsor: boolean }>,
): ThreadingCheck[] {
  return top.map((a) => {
    const c = coverage.get(a.accountId) ?? { engagedContacts: 0, hasChampion: false, hasExecSponsor: false };
    return {
      accountId: a.accountId,
      arrCents: a.arrCents,
      ...c,
      singleThreaded: c.engagedContacts < MIN_ENGAGED_CONTACTS || !c.hasChampion,
    };
  });
}
