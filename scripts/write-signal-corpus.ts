/**
 * Writes the signal detector's training corpus (eval/signals/corpus/corpus.tsv) from the hand-written
 * statements in eval/signals/corpus/statements.txt: each clause and paraphrase is said in several
 * registers (a shared-channel chat message, a ticket, a survey comment, a CSM's call note, an
 * email), with the placeholders filled from the lists below, and now and then beside a sentence
 * with no signal. The train / dev split is by statement (every fifth is dev), fixed here before any
 * tuning: thresholds are calibrated on dev, never on the fresh sets in eval/signals. Deterministic.
 *
 * Usage: npx tsx scripts/write-signal-corpus.ts
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.ts';
import { SeededRandom } from '../core/random.ts';

const FILL: Record<string, readonly string[]> = {
  vendor: [
    'Gainsight',
    'Totango',
    'ChurnZero',
    'Vitally',
    'Planhat',
    'Catalyst',
    'Custify',
    'ClientSuccess',
    'Staircase AI',
  ],
  tool: [
    'the platform',
    'your tool',
    'the product',
    'the app',
    'this software',
    'your platform',
    'the system',
  ],
  feature: [
    'SSO',
    'a Salesforce sync',
    'role-based dashboards',
    'an events API',
    'dark mode',
    'scheduled exports',
    'multi-currency support',
    'an audit log',
    'a mobile app',
    'a Jira integration',
    'custom fields',
    'bulk editing',
    'a sandbox',
    'two-way CRM sync',
    'journey automation',
  ],
  action: [
    'export health scores to csv',
    'schedule a report',
    'bulk update account owners',
    'filter the portfolio by region',
    'import goals from a spreadsheet',
    'add a new user',
    'reset our API key',
    'change the digest time',
    'merge two accounts',
    'connect Zendesk',
    'archive old playbooks',
    'share a dashboard',
  ],
  thing: [
    'the health dashboard',
    'the renewal report',
    'the weekly digest',
    'the playbook editor',
    'the alerts page',
    'the portfolio view',
    'the QBR deck',
    'the usage chart',
    'the NPS report',
    'search',
    'the account timeline',
  ],
  button: ['Save', 'Export', 'Approve', 'Send', 'Sync now', 'Submit'],
  app: ['Salesforce', 'HubSpot', 'Zendesk', 'Jira', 'Intercom', 'Teams', 'Snowflake', 'Segment'],
  term: ['health tier', 'NRR', 'churn risk', 'engagement level', 'GRR', 'the at-risk flag'],
  topic: ['billing', 'security reviews', 'the renewal', 'invoices', 'data deletion', 'training'],
  team: [
    'the sales team',
    'our EMEA office',
    'the support org',
    'marketing',
    'the onboarding team',
    'our APAC team',
    'the partner team',
  ],
  module: ['analytics', 'automation', 'advocacy', 'forecasting'],
  when: [
    'at the end of the term',
    'next quarter',
    'in March',
    'by the end of the year',
    'after the renewal date',
    'in 60 days',
    'this summer',
    'at the end of Q2',
    'next month',
    'from June',
  ],
  person: ['Maria', 'Tom', 'Aisha', 'Ken', 'Lucia', 'Omar', 'Grace', 'Pete', 'Nina', 'Raj'],
  n: ['5', '10', '12', '20', '25', '40', '60'],
  score: ['0', '2', '3', '5', '6', '7', '8', '9', '10'],
};

type Register = 'slack' | 'ticket' | 'feedback' | 'note' | 'email';
const FRAMES: Record<Register, readonly string[]> = {
  slack: [
    '{c}',
    'hey, {c}',
    'fyi {c}',
    'just a heads up, {c}',
    '{c} tbh',
    'quick one: {c}',
    'hi {person}, {c}',
    '{c}, let me know',
    'so {c}',
    '{c} :/',
  ],
  ticket: [
    '{C}',
    '{C}. Please advise.',
    'Hello support, {c}.',
    '{C} (account {n})',
    'Re: our account - {c}',
    'Customer writes: {c}.',
  ],
  feedback: ['{C}.', '{score}/10 - {c}.', 'Comment: {c}.', 'Why this score? {c}.', '{C}!'],
  note: [
    'Call note: customer said "{c}".',
    'Champion told me {c}.',
    '{person} mentioned: {c}.',
    'QBR notes - {c}.',
    'Check-in: they said {c}.',
  ],
  email: [
    'Hi {person}, {c}. Best regards',
    'Following up on our call: {c}.',
    'Dear team, {C}. Kind regards',
    'Hello, {c}. Thanks',
  ],
};

const rng = new SeededRandom(20261204);
const pick = <T>(list: readonly T[]) => rng.pick(list as T[]);
const fill = (template: string) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => pick(FILL[key] ?? [`{${key}}`]));
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const slackish = (s: string) => (rng.chance(0.6) ? s.toLowerCase() : s).replace(/[.]$/, '');

interface Statement {
  kinds: string;
  clauses: string[];
}
const statements: Statement[] = readFileSync(
  packagePath('eval', 'signals', 'corpus', 'statements.txt'),
  'utf8',
)
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'))
  .map((l) => {
    const [kinds, rest] = l.split('|') as [string, string];
    return { kinds, clauses: rest.split(' ~ ').map((c) => c.trim()) };
  });
const neutral = statements.filter((s) => s.kinds === 'none').flatMap((s) => s.clauses);

/** One clause said in one register, sometimes beside a sentence that carries no signal. */
function said(clause: string, register: Register, kinds: string): string {
  const c = fill(clause);
  let text = fill(pick(FRAMES[register])).replace('{c}', c).replace('{C}', capital(c));
  if (kinds !== 'none' && rng.chance(0.2)) {
    const other = capital(fill(pick(neutral)));
    text = rng.chance(0.5) ? `${other}. ${text}` : `${text}. ${other}.`;
  }
  return register === 'slack' ? slackish(text) : text;
}

const rows = ['split\tlabels\tsource\ttext'];
statements.forEach((s, i) => {
  const split = i % 5 === 0 ? 'dev' : 'train';
  const labels = s.kinds === 'none' ? '-' : s.kinds;
  for (const clause of s.clauses)
    for (const register of ['slack', 'ticket', 'feedback', 'note', 'email'] as const)
      rows.push(`${split}\t${labels}\t${register}\t${said(clause, register, s.kinds)}`);
});
writeFileSync(packagePath('eval', 'signals', 'corpus', 'corpus.tsv'), `${rows.join('\n')}\n`);
console.log(`wrote ${rows.length - 1} lines from ${statements.length} statements`);
