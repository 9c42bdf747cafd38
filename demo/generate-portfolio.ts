import { addMonths, monthOf } from '../core/calendar.ts';
import { SeededRandom } from '../core/random.ts';
import type { DemoVocabulary } from '../knowledge/demo-vocabulary.ts';
import { emitAccount } from './portfolio/accounts.ts';
import { add, type DemoContext, demoContext, pad, person } from './portfolio/context.ts';
import { emitConversations } from './portfolio/conversations.ts';
import { planAccount } from './portfolio/plan.ts';
import type { DemoTables } from './portfolio/tables.ts';

/**
 * A realistic demo portfolio, deterministic for (seed, as-of date, size): 24 months of month-end
 * MRR with new, expansion, contraction, churn and reactivation; weekly usage with trends,
 * seasonality and declines before churn; contacts with champions, sponsors and departures;
 * tickets, goals, touchpoints, leading-indicator and expansion-signal events, invoices and
 * feedback with paraphrased duplicates. Pure: no I/O, no clock.
 */
export interface DemoOptions {
  accounts: number;
  seed: number;
  /** The demo's "today", 'YYYY-MM-DD'. Revenue covers the full months before it. */
  asOf: string;
  /** Months of history (default 24, 13–60). */
  months?: number;
}

export { DEMO_TABLES, type DemoTable, type DemoTableName, type DemoTables } from './portfolio/tables.ts';

export const DEFAULT_DEMO_MONTHS = 24;

/** The CS team: CSMs own the assisted segments (self-serve is pooled), two leaders, support, an admin. */
function demoTeam(ctx: DemoContext, accounts: number): string[] {
  const csmCount = Math.max(2, Math.ceil((accounts * 0.75) / 45));
  const csms: string[] = [];
  const usedPeople = new Set<string>();
  const teamMember = (role: string, team: string) => {
    let name = person(ctx);
    while (usedPeople.has(name)) name = `${person(ctx)}`;
    usedPeople.add(name);
    const email = `${name.toLowerCase().replace(' ', '.')}@cs-team.example`;
    add(ctx, 'users', {
      user_id: email.split('@')[0] ?? email,
      name,
      email,
      slack_id: `U${pad(usedPeople.size, 8)}`,
      role,
      team,
    });
    return email;
  };
  for (let i = 0; i < csmCount; i++) csms.push(teamMember('csm', i % 2 === 0 ? 'East' : 'West'));
  teamMember('leader', 'CS leadership');
  teamMember('leader', 'CS leadership');
  teamMember('support', 'Support');
  teamMember('admin', 'CS operations');
  return csms;
}

/** Account names: the featured ones first, then made-up ones, each unique. */
function accountNames(seed: number, vocab: DemoVocabulary): (i: number) => string {
  const usedNames = new Set<string>();
  // Names have a stream of their own, so a change to how accounts behave never renames them.
  const names = new SeededRandom(seed + 0x6e616d65);
  return (i: number) => {
    const featured = vocab.featuredAccounts[i];
    let name = featured ?? `${names.pick(vocab.namePrefixes)} ${names.pick(vocab.nameSuffixes)}`;
    for (let n = 2; usedNames.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    usedNames.add(name);
    return name;
  };
}

export function generatePortfolio(options: DemoOptions, vocab: DemoVocabulary): DemoTables {
  const ctx = demoContext(
    { seed: options.seed, asOf: options.asOf, months: options.months ?? DEFAULT_DEMO_MONTHS },
    vocab,
    (asOf, count) => Array.from({ length: count }, (_, i) => addMonths(monthOf(asOf), i - count)),
  );
  const team = { csms: demoTeam(ctx, options.accounts), accountName: accountNames(options.seed, vocab) };
  const plans = Array.from({ length: options.accounts }, (_, i) => {
    const plan = planAccount(ctx, i, team);
    emitAccount(ctx, plan);
    return plan;
  });
  // Conversations have a stream of their own: the accounts' numbers are the same without them.
  emitConversations(ctx, plans, new SeededRandom(options.seed + 0x63686174));
  return ctx.tables;
}
