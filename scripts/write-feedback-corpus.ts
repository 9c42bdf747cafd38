/**
 * Writes the labelled training corpus for the feedback classifiers (eval/feedback/corpus/corpus.tsv)
 * from the hand-written requests in eval/feedback/corpus/requests.txt: each line is one request
 * (`theme|wording ~ paraphrase`), and each wording is said in several channels and registers — a
 * terse in-app note, an angry CSAT or NPS comment, a third-person ticket summary, a CSM call note.
 * All items of one request form a duplicate cluster. The train / held-out split is by request and
 * fixed here (every fifth request is held out), before any tuning. Deterministic.
 *
 * Usage: npx tsx scripts/write-feedback-corpus.ts
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.ts';
import { SeededRandom } from '../core/random.ts';

type Register = 'in_app' | 'csat' | 'ticket' | 'call_note';

const FRAMES: Record<'complaint' | 'ask' | 'praise', Record<Register, readonly string[]>> = {
  complaint: {
    in_app: ['{S}.', '{S}!', '{S}, please look into it.', 'Hi, {s}.', '{S} — any news?'],
    csat: [
      'Really frustrated: {s}.',
      '{S}. Not acceptable for what we pay.',
      'Terrible week, {s}.',
      '{S}!! Please fix this.',
      'Honestly disappointed. {S}.',
    ],
    ticket: [
      'Customer reports {s}.',
      'Ticket summary: {s}.',
      'User writes that {s}.',
      'Case opened because {s}.',
      'Escalated by the account: {s}.',
    ],
    call_note: [
      'Call note: {s}.',
      'On the check-in they mentioned {s}.',
      'Champion said {s}.',
      'From the QBR: {s}.',
      'Their admin told me {s}.',
    ],
  },
  ask: {
    in_app: ['{S}.', '{S}?', 'Idea: {s}.', '{S} would help a lot.', 'Request — {s}.'],
    csat: [
      '{S}, that is what is missing for us.',
      'Good product but {s}.',
      'Would score higher if {s}.',
      '{S}. Please prioritise it.',
      'One thing: {s}.',
    ],
    ticket: [
      'Customer asks: {s}.',
      'Request from the account: {s}.',
      'User would like the following: {s}.',
      'Ticket summary: {s}.',
      'Inbound question, {s}.',
    ],
    call_note: [
      'Call note: {s}.',
      'They asked on the call: {s}.',
      'Champion request, {s}.',
      'From the QBR: {s}.',
      'Ops lead mentioned {s}.',
    ],
  },
  praise: {
    in_app: ['{S}!', '{S}.', 'Just wanted to say {s}.', '{S}, thank you!', 'Quick note: {s}.'],
    csat: ['{S}. 10/10.', 'Great experience, {s}.', '{S}, keep it up.', 'Very happy: {s}.', '{S}!'],
    ticket: [
      'Customer wrote in to say {s}.',
      'Positive feedback: {s}.',
      'User reports {s}.',
      'Ticket summary: {s}.',
      'Kudos received, {s}.',
    ],
    call_note: [
      'Call note: {s}.',
      'On the check-in they said {s}.',
      'Champion said {s}.',
      'From the QBR: {s}.',
      'Exec sponsor mentioned {s}.',
    ],
  },
};

const ASKING = new Set(['feature_request', 'integration', 'onboarding', 'security_compliance']);
const REGISTERS: readonly Register[] = ['in_app', 'csat', 'ticket', 'call_note'];

function said(frame: string, statement: string): string {
  const s = statement.trim();
  return frame.replace('{S}', s.charAt(0).toUpperCase() + s.slice(1)).replace('{s}', s);
}

function scoreFor(theme: string, register: Register, random: SeededRandom): string {
  if (register !== 'csat') return '';
  if (theme === 'praise') return String(random.int(9, 10));
  if (ASKING.has(theme)) return String(random.int(5, 8));
  return String(random.int(0, 4));
}

const random = new SeededRandom(20261202);
const requests = readFileSync(packagePath('eval', 'feedback', 'corpus', 'requests.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');
const rows = ['request\tsplit\ttheme\tregister\tscore\ttext'];
for (const [index, line] of requests.entries()) {
  const [theme, wordings] = line.split('|') as [string, string];
  const kind = theme === 'praise' ? 'praise' : ASKING.has(theme) ? 'ask' : 'complaint';
  const split = index % 5 === 4 ? 'held-out' : 'train';
  const request = `R${String(index + 1).padStart(3, '0')}`;
  const alternatives = wordings.split(' ~ ');
  const seen = new Set<string>();
  for (const [k, wording] of alternatives.entries()) {
    const registers = [...REGISTERS].sort(() => random.next() - 0.5).slice(0, k === 0 ? 4 : 3);
    for (const register of registers) {
      const text = said(random.pick(FRAMES[kind][register]), wording);
      if (seen.has(text)) continue;
      seen.add(text);
      rows.push([request, split, theme, register, scoreFor(theme, register, random), text].join('\t'));
    }
  }
}
writeFileSync(packagePath('eval', 'feedback', 'corpus', 'corpus.tsv'), `${rows.join('\n')}\n`);
console.log(`${rows.length - 1} items from ${requests.length} requests → eval/feedback/corpus/corpus.tsv`);
