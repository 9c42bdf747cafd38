import { editDistance } from '../../tools/text/edit-distance.ts';

/** Corporate suffixes people leave out when they name an account. */
export const NAME_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'llc',
  'gmbh',
  'plc',
]);

/** Name tokens as the parser sees them: lower case, punctuation gone. */
export const nameTokens = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[’'`.,&()/-]/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '');

/** A domain as the parser's tokens split it ("pinnacle-health.example" → pinnacle, health.example). */
export const domainTokens = (domain: string): string[] =>
  domain
    .toLowerCase()
    .split(/[\s\-/']+/)
    .filter((t) => t !== '');

export interface AccountSpan {
  /** Token positions [start, end) in the message. */
  start: number;
  end: number;
}

/**
 * The account names (and domains) of the store as token sequences, for finding where a message
 * names an account before reading its intent: "score umbrella health" must not read "health".
 */
export class AccountLexicon {
  private readonly byFirst = new Map<string, string[][]>();
  private readonly names: string[] = [];
  private readonly firstWords = new Set<string>();
  private readonly allTokens = new Set<string>();
  private readonly nearCache = new Map<string, boolean>();

  /**
   * @param team the CSMs by name, for lists about someone's book ("Priya's accounts").
   */
  constructor(
    accounts: readonly { name: string; domain: string | null; account_id?: string }[],
    readonly team: readonly { user_id: string; name: string }[] = [],
  ) {
    for (const a of accounts) {
      const tokens = nameTokens(a.name);
      const bare = tokens.filter((t) => !NAME_SUFFIXES.has(t));
      const id = a.account_id ? domainTokens(a.account_id) : [];
      for (const seq of [tokens, bare, a.domain ? domainTokens(a.domain) : [], id.length > 1 ? id : []]) {
        if (seq.length === 0) continue;
        const list = this.byFirst.get(seq[0] as string) ?? [];
        list.push(seq);
        this.byFirst.set(seq[0] as string, list);
      }
      this.names.push(bare.join(' '));
      for (const t of tokens) this.allTokens.add(t);
      if (bare[0]) this.firstWords.add(bare[0]);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
  }

  /**
   * The longest account name written out in the tokens, if any (earliest on a tie); failing that,
   * the first word of an account's name standing alone ("tyrell" of Tyrell Systems) that is not
   * one of `ordinary` (words the message may use for something else). Which account a first word
   * means is the resolver's question: it asks back when several share it.
   */
  findSpan(tokens: readonly string[], ordinary: ReadonlySet<string> = new Set()): AccountSpan | null {
    return this.wholeName(tokens) ?? this.wordAlone(tokens, this.firstWords, ordinary);
  }

  /** The first token that is one of `words` and not an ordinary word, as a one-token span. */
  private wordAlone(
    tokens: readonly string[],
    words: ReadonlySet<string>,
    ordinary: ReadonlySet<string>,
  ): AccountSpan | null {
    const at = tokens.findIndex((t) => words.has(t) && !ordinary.has(t));
    return at >= 0 ? { start: at, end: at + 1 } : null;
  }

  private wholeName(tokens: readonly string[]): AccountSpan | null {
    let best: AccountSpan | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.byFirst.get(tokens[i] as string);
      if (!candidates) continue;
      for (const seq of candidates) {
        if (seq.every((t, k) => tokens[i + k] === t)) {
          if (!best || seq.length > best.end - best.start) best = { start: i, end: i + seq.length };
          break;
        }
      }
    }
    return best;
  }

  /** Whether a token is a word of some account's name: never "corrected" as a typo. */
  hasToken(token: string): boolean {
    return this.allTokens.has(token);
  }

  /** Whether a token starts some account's name ("ember" of Ember Health). */
  isFirstWord(token: string): boolean {
    return this.firstWords.has(token);
  }

  /** Whether text is close to some account name or its first word: a typo, not another topic. */
  isNearName(text: string): boolean {
    const key = nameTokens(text)
      .filter((t) => !NAME_SUFFIXES.has(t))
      .join(' ');
    if (key === '') return false;
    const cached = this.nearCache.get(key);
    if (cached !== undefined) return cached;
    const limit = Math.max(1, Math.floor(key.length / 4));
    const near = this.names.some((name) => {
      const first = name.split(' ')[0] ?? name;
      return (
        editDistance(key, name, limit) <= limit ||
        editDistance(key, first, limit) <= limit ||
        (key.length >= 3 && name.startsWith(key))
      );
    });
    this.nearCache.set(key, near);
    return near;
  }
}
