import { CseError, ErrorCode } from '../core/errors';
import type { Queryable } from '../store/db';
import { accountNames } from '../store/repositories/accounts';
import { compareText } from '../tools/compare-text';
import { editDistance } from '../tools/text/edit-distance';

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
    details: { suggestions },
  });
}

function ambiguous(mention: string, names: string[]): CseError {
  return new CseError(
    ErrorCode.AccountAmbiguous,
    `'${mention}' matches several accounts: ${names.slice(0, 5).join(', ')}`,
    {
      hint: 'Say which one (use the full name or the account id)',
      details: { candidates: names },
    },
  );
}

/**
 * Finds the account a person means: id, exact name, domain, name without "Inc"/"Corp", prefix,
 * all words, then typo-tolerant. Never picks silently between two close candidates.
 */
export async function resolveAccount(db: Queryable, mention: string): Promise<ResolvedAccount> {
  return resolveAccountIn(await accountNames(db), mention);
}

export type AccountName = Awaited<ReturnType<typeof accountNames>>[number];

/** resolveAccount over a list of accounts already loaded: for many messages at once. */
export function resolveAccountIn(accounts: readonly AccountName[], mention: string): ResolvedAccount {
  const text = mention.trim();
  if (text === '')
    throw new CseError(ErrorCode.BadInput, 'Which account?', {
      hint: 'Name the account, e.g. "score Acme Corp"',
    });
  const lower = text.toLowerCase();
  const norm = normalise(text);
  const pick = (matches: readonly AccountName[]): ResolvedAccount | null => {
    if (matches.length === 1) {
      const [m] = matches;
      return m ? { id: m.account_id, name: m.name } : null;
    }
    if (matches.length > 1) {
      // Prefer an only active one among several.
      const active = matches.filter((m) => m.status === 'active');
      if (active.length === 1 && active[0]) return { id: active[0].account_id, name: active[0].name };
      throw ambiguous(
        `${text}`,
        matches.map((m) => m.name),
      );
    }
    return null;
  };
  const steps: ((a: AccountName) => boolean)[] = [
    (a) => a.account_id.toLowerCase() === lower,
    (a) => a.name.toLowerCase() === lower,
    (a) =>
      a.domain !== null &&
      (a.domain.toLowerCase() === lower || a.domain.toLowerCase().split('.')[0] === lower),
    (a) => normalise(a.name) === norm,
    (a) => norm.length >= 2 && normalise(a.name).startsWith(norm),
    (a) => norm.length >= 2 && norm.split(' ').every((w) => normalise(a.name).split(' ').includes(w)),
  ];
  for (const test of steps) {
    const found = pick(accounts.filter(test));
    if (found) return found;
  }
  // Typos: the closest names by edit distance, on the whole name and on its first word.
  const scored = accounts
    .map((a) => {
      const n = normalise(a.name);
      return { a, d: Math.min(editDistance(norm, n), editDistance(norm, n.split(' ')[0] ?? n)) };
    })
    .sort((x, y) => x.d - y.d || compareText(x.a.name, y.a.name));
  const best = scored[0];
  const limit = Math.max(1, Math.floor(norm.length / 4));
  if (best && best.d <= limit) {
    const runnerUp = scored[1];
    // One clear winner is a typo; two near-equals are a question back to the user.
    if (!runnerUp || runnerUp.d >= best.d + 2) return { id: best.a.account_id, name: best.a.name };
    throw notFound(
      text,
      scored
        .filter((s) => s.d <= best.d + 1)
        .slice(0, 3)
        .map((s) => s.a.name),
    );
  }
  throw notFound(
    text,
    scored
      .filter((s) => s.d <= limit + 2)
      .slice(0, 3)
      .map((s) => s.a.name),
  );
}
