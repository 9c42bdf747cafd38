import { CseError, ErrorCode } from '../core/errors.ts';
import { accountNames, accountsNamedExactly } from '../facts/accounts.ts';
import type { Queryable } from '../store/db.ts';
import { compareText } from '../tools/compare-text.ts';
import { editDistance } from '../tools/text/edit-distance.ts';

export interface ResolvedAccount {
  id: string;
  name: string;
}

const SUFFIXES = /\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|gmbh|plc|the)\b/g;
const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’'`.,&()-]/g, ' ')
    .replace(SUFFIXES, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function notFound(mention: string, suggestions: string[]): CseError {
  return new CseError(ErrorCode.AccountNotFound, `No account matches '${mention}'`, {
    hint:
      suggestions.length > 0
        ? `Did you mean ${suggestions.join(', ')}?`
        : 'Check the spelling, or use the account id',
    details: { mention, suggestions },
  });
}

function ambiguous(mention: string, names: string[]): CseError {
  return new CseError(
    ErrorCode.AccountAmbiguous,
    `'${mention}' matches several accounts: ${names.slice(0, 5).join(', ')}`,
    {
      hint: 'Say which one (use the full name or the account id)',
      details: { mention, candidates: names },
    },
  );
}

export type AccountName = Awaited<ReturnType<typeof accountNames>>[number];

interface Entry {
  account: AccountName;
  norm: string;
  words: string[];
  /** The name in lower case with punctuation gone but suffixes kept ("acme corp"). */
  full: string;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * The accounts of the store, indexed to find the one a person means: id, exact name, domain,
 * name without "Inc"/"Corp", prefix, all words, then typo-tolerant. Never picks silently between
 * two close candidates. Build once to resolve many mentions.
 */
export class AccountDirectory {
  private readonly entries: Entry[];
  private readonly exact = new Map<string, Entry[]>();
  private readonly byNorm = new Map<string, Entry[]>();

  constructor(accounts: readonly AccountName[]) {
    this.entries = accounts.map((account) => {
      const norm = normalise(account.name);
      return {
        account,
        norm,
        words: norm.split(' '),
        full: account.name
          .toLowerCase()
          .replace(/[’'`.,&()-]/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      };
    });
    for (const e of this.entries) {
      push(this.exact, `id:${e.account.account_id.toLowerCase()}`, e);
      push(this.exact, `name:${e.account.name.toLowerCase()}`, e);
      if (e.account.domain) {
        const domain = e.account.domain.toLowerCase();
        push(this.exact, `domain:${domain}`, e);
        push(this.exact, `domain:${domain.split('.')[0]}`, e);
      }
      push(this.byNorm, e.norm, e);
    }
  }

  resolve(mention: string): ResolvedAccount {
    const text = mention.trim();
    if (text === '')
      throw new CseError(ErrorCode.BadInput, 'Which account?', {
        hint: 'Name the account, e.g. "score Acme Corp"',
      });
    const found = this.exactMatch(text) ?? this.looseMatch(text);
    if (found) return found;
    return this.closest(text, normalise(text));
  }

  /** The id, the exact name, or the domain (whole or its first label), in that order; null when none. */
  exactMatch(mention: string): ResolvedAccount | null {
    const text = mention.trim();
    const lower = text.toLowerCase();
    return (
      this.pick(text, this.exact.get(`id:${lower}`)) ??
      this.pick(text, this.exact.get(`name:${lower}`)) ??
      this.pick(text, this.exact.get(`domain:${lower}`))
    );
  }

  /** The name without "Inc"/"Corp", a prefix of it, or all its words. */
  private looseMatch(text: string): ResolvedAccount | null {
    const norm = normalise(text);
    return (
      this.pick(text, this.byNorm.get(norm)) ??
      (norm.length >= 2
        ? this.pick(
            text,
            this.entries.filter((e) => e.norm.startsWith(norm)),
          )
        : null) ??
      (norm.length >= 2
        ? this.pick(
            text,
            this.entries.filter((e) => norm.split(' ').every((w) => e.words.includes(w))),
          )
        : null)
    );
  }

  /** One match, or the only active one among several; several others are a question back. */
  private pick(text: string, matches: readonly Entry[] | undefined): ResolvedAccount | null {
    if (!matches || matches.length === 0) return null;
    if (matches.length === 1) {
      const [m] = matches;
      return m ? { id: m.account.account_id, name: m.account.name } : null;
    }
    // Prefer an only active one among several.
    const active = matches.filter((m) => m.account.status === 'active');
    if (active.length === 1 && active[0])
      return { id: active[0].account.account_id, name: active[0].account.name };
    throw ambiguous(
      text,
      matches.map((m) => m.account.name),
    );
  }

  /**
   * Typos: the closest names by edit distance, on the whole name, its first word, and with its
   * suffix; up to two edits from 6 letters ("Initek" for Initech), a quarter of the length beyond.
   */
  private closest(text: string, norm: string): ResolvedAccount {
    const limit = Math.max(norm.length >= 6 ? 2 : 1, Math.floor(norm.length / 4));
    const bound = limit + 2;
    const scored: { e: Entry; d: number }[] = [];
    for (const e of this.entries) {
      let d = bound + 1;
      for (const candidate of [e.norm, e.words[0] ?? e.norm, e.full]) {
        if (Math.abs(candidate.length - norm.length) > bound) continue;
        d = Math.min(d, editDistance(norm, candidate, bound));
      }
      if (d <= bound) scored.push({ e, d });
    }
    scored.sort((x, y) => x.d - y.d || compareText(x.e.account.name, y.e.account.name));
    const best = scored[0];
    if (best && best.d <= limit) {
      const runnerUp = scored[1];
      // One clear winner is a typo; two near-equals are a question back to the user.
      if (!runnerUp || runnerUp.d >= best.d + 2)
        return { id: best.e.account.account_id, name: best.e.account.name };
      throw notFound(
        text,
        scored
          .filter((s) => s.d <= best.d + 1)
          .slice(0, 3)
          .map((s) => s.e.account.name),
      );
    }
    throw notFound(
      text,
      scored.slice(0, 3).map((s) => s.e.account.name),
    );
  }
}

/** The account a mention means, and whether the person named it exactly (its id, name or domain). */
export interface AccountMatch {
  account: ResolvedAccount;
  exact: boolean;
}

/**
 * Finds the account a person means in the store (see AccountDirectory). An id, exact name or
 * domain is one indexed read; only a looser mention reads every account's name.
 */
export async function matchAccount(db: Queryable, mention: string): Promise<AccountMatch> {
  const text = mention.trim();
  if (text !== '') {
    // Every account an exact tier could pick is among these, so the answer is the same as the full directory's.
    const candidates = await accountsNamedExactly(db, text);
    const hit = candidates.length > 0 ? new AccountDirectory(candidates).exactMatch(text) : null;
    if (hit) return { account: hit, exact: true };
  }
  return { account: new AccountDirectory(await accountNames(db)).resolve(mention), exact: false };
}

/** The account a mention means (see matchAccount). */
export async function resolveAccount(db: Queryable, mention: string): Promise<ResolvedAccount> {
  return (await matchAccount(db, mention)).account;
}
