/**
 * Builds the intent corpus (eval/parse/corpus/corpus.tsv) from its hand-written parts: the
 * phrasing templates for account questions and book questions, the out-of-scope lines, and the
 * project's own phrasing sets. Each template is filled with the demo's accounts written the ways
 * people write them (name, lower case, first word, domain, id, a misspelling).
 *
 * The split is made here, before any training, by phrasing: every line of a template goes to
 * the same part, so held-out lines are phrasings the model never saw. Every fifth template is
 * held out (`held_out`), the one after it is `dev` (for calibration only), the rest `train`.
 * The fresh evaluation sets (eval/parse/fresh-*) are never read.
 *
 * Usage: npx tsx scripts/build-intent-corpus.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../core/config.ts';
import { packagePath } from '../core/package-root.ts';
import { withEvalDemo } from '../eval/eval-demo.ts';
import { accountNames } from '../store/repositories/accounts.ts';

const dir = (...p: string[]) => packagePath('eval', 'parse', ...p);
const rows = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));

type Split = 'train' | 'dev' | 'held_out';
const splitOf = (template: number): Split =>
  template % 5 === 2 ? 'held_out' : template % 5 === 3 ? 'dev' : 'train';

interface Line {
  intent: string;
  account: string;
  split: Split;
  style: string;
  text: string;
}

/** A misspelling: one letter of the longest word dropped (never the first). */
function misspelt(name: string): string {
  const words = name.split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (longest.length < 5) return name.toLowerCase();
  const at = Math.floor(longest.length / 2);
  return words
    .map((w) => (w === longest ? w.slice(0, at) + w.slice(at + 1) : w))
    .join(' ')
    .toLowerCase();
}

interface Named {
  id: string;
  name: string;
  domain: string | null;
}

/** The ways an account is written, in turn: each fill of a template takes the next. */
function accountForms(accounts: readonly Named[]): { account: string; written: string }[] {
  const firstWords = new Map<string, number>();
  for (const a of accounts) {
    const w = a.name.split(' ')[0]?.toLowerCase() ?? '';
    firstWords.set(w, (firstWords.get(w) ?? 0) + 1);
  }
  const forms: { account: string; written: string }[] = [];
  accounts.forEach((a, i) => {
    const first = a.name.split(' ')[0] ?? a.name;
    const kind = i % 6;
    const written =
      kind === 0
        ? a.name
        : kind === 1
          ? a.name.toLowerCase()
          : kind === 2 && firstWords.get(first.toLowerCase()) === 1
            ? first.toLowerCase()
            : kind === 3 && a.domain
              ? a.domain
              : kind === 4
                ? a.id
                : kind === 5
                  ? misspelt(a.name)
                  : a.name;
    forms.push({ account: a.name, written });
  });
  return forms;
}

const PREFIXES = ['', 'hey ', 'quick q: ', '@cs ', 'pls ', 'ok so '];
const SUFFIXES = ['', '?', ' pls', ' thanks', ' for enterprise', ' asap', ' 🙏'];

/** Templates are numbered across the three files, in order: the number decides the split and the variants. */
let template = 0;

/** Each account template filled seven times, with the next ways of writing an account. */
function accountLines(forms: readonly { account: string; written: string }[]): Line[] {
  const lines: Line[] = [];
  let fill = 0;
  for (const [intent, style, text] of rows(dir('corpus', 'templates-accounts.tsv'))) {
    const split = splitOf(template++);
    for (let k = 0; k < 7; k++) {
      const form = forms[(fill++ * 37) % forms.length] as { account: string; written: string };
      lines.push({
        intent: intent as string,
        account: form.account,
        split,
        style: style as string,
        text: (text as string).replace('{a}', form.written),
      });
    }
  }
  return lines;
}

/** Each book template in up to four Slack-style variants (a prefix, a suffix). */
function bookLines(): Line[] {
  const lines: Line[] = [];
  for (const [intent, style, text] of rows(dir('corpus', 'templates-book.tsv'))) {
    const split = splitOf(template++);
    const seen = new Set<string>();
    for (let k = 0; seen.size < 4 && k < 20; k++) {
      const variant = `${PREFIXES[(template + k) % PREFIXES.length]}${text}${SUFFIXES[(template * 3 + k) % SUFFIXES.length]}`;
      if (seen.has(variant)) continue;
      seen.add(variant);
      lines.push({ intent: intent as string, account: '', split, style: style as string, text: variant });
    }
  }
  return lines;
}

/** Each out-of-scope line as written, and lower case with a prefix. */
function outOfScopeLines(): Line[] {
  return rows(dir('corpus', 'out-of-scope.tsv')).flatMap(([style, text]) => {
    const split = splitOf(template++);
    return [
      { intent: 'unknown', account: '', split, style: style as string, text: text as string },
      {
        intent: 'unknown',
        account: '',
        split,
        style: style as string,
        text: `${PREFIXES[template % PREFIXES.length]}${(text as string).toLowerCase()}`,
      },
    ];
  });
}

/** The project's own sets: train only (the rules were written from them). The text is the last column (the list sets have an args column before it). */
function projectLines(): Line[] {
  return ['phrasings.tsv', 'dev-lists-2026-12.tsv', 'dev-forecast-2026-12.tsv'].flatMap((file) =>
    rows(dir(file)).map((row) => ({
      intent: row[0] as string,
      account: row[1] ?? '',
      split: 'train' as const,
      style: 'project',
      text: row.at(-1) as string,
    })),
  );
}

const names = await withEvalDemo((db) => accountNames(db), loadConfig({}));
const forms = accountForms(
  names
    .filter((n) => n.name.split(' ').length <= 3)
    .map((n) => ({ id: n.account_id, name: n.name, domain: n.domain ?? null })),
);
const lines = [...accountLines(forms), ...bookLines(), ...outOfScopeLines(), ...projectLines()];
const body = lines.map((l) => [l.intent, l.account, l.split, l.style, l.text].join('\t'));
writeFileSync(dir('corpus', 'corpus.tsv'), `intent\taccount\tsplit\tstyle\ttext\n${body.join('\n')}\n`);
const count = (s: Split) => lines.filter((l) => l.split === s).length;
console.log(
  `${lines.length} lines: train ${count('train')}, dev ${count('dev')}, held-out ${count('held_out')}`,
);
