import { addDays, daysBetween, monthEnd } from '../../core/calendar.ts';
import type { SeededRandom } from '../../core/random.ts';
import type { DemoConversations } from '../../knowledge/demo-vocabulary.ts';
import { add, type DemoContext, pad, slug } from './context.ts';
import type { AccountPlan } from './plan.ts';
import { DEMO_TABLES } from './tables.ts';

/** Days of channel history before the as-of day. */
const HISTORY_DAYS = 150;

/** The columns of a table's rows, by name. */
const column = (table: keyof typeof DEMO_TABLES, name: string): number =>
  (DEMO_TABLES[table] as readonly string[]).indexOf(name);

interface Speaker {
  id: string;
  name: string;
}

interface ChannelScene {
  ctx: DemoContext;
  rng: SeededRandom;
  plan: AccountPlan;
  channel: string;
  customers: Speaker[];
  team: Speaker;
  lines: DemoConversations;
  seq: number;
}

/** Fills a line's blanks: the company, a first name, a number, a competitor. */
function fill(scene: ChannelScene, line: string): string {
  const first = (scene.rng.pick(scene.customers).name.split(' ')[0] ?? 'Sam').trim();
  return line
    .replaceAll('{name}', scene.plan.name)
    .replaceAll('{first}', first)
    .replaceAll('{n}', String(scene.rng.int(12, 240)))
    .replaceAll('{competitor}', scene.rng.pick(scene.lines.competitors));
}

/** One message; Slack's ts is the second it was written, with a sequence for uniqueness. */
function say(
  scene: ChannelScene,
  at: string,
  who: Speaker,
  side: 'customer' | 'team',
  text: string,
  thread?: string,
) {
  scene.seq += 1;
  const ts = `${Math.floor(Date.parse(at) / 1000)}.${pad(scene.seq, 6)}`;
  add(scene.ctx, 'customer_messages', {
    channel_id: scene.channel,
    ts,
    account_id: scene.plan.id,
    thread_ts: thread ?? null,
    author_id: who.id,
    author_name: who.name,
    side,
    text,
    at,
  });
  return ts;
}

const at = (day: string, minutes: number): string =>
  new Date(Date.parse(`${day}T08:00:00.000Z`) + minutes * 60_000).toISOString();

/** One of the customer's people says a line of the pool, some time that day. */
const customerSays = (scene: ChannelScene, day: string, pool: readonly string[]): string =>
  say(
    scene,
    at(day, scene.rng.int(0, 480)),
    scene.rng.pick(scene.customers),
    'customer',
    fill(scene, scene.rng.pick(pool)),
  );

/** A question answered by our team a few hours later (or, now and then lately, not yet). */
function question(scene: ChannelScene, day: string, recent: boolean) {
  const { rng, lines } = scene;
  const k = rng.int(0, lines.questions.length - 1);
  const asked = rng.int(0, 480);
  const ts = say(
    scene,
    at(day, asked),
    rng.pick(scene.customers),
    'customer',
    fill(scene, lines.questions[k] ?? ''),
  );
  if (recent && rng.chance(0.3)) return;
  say(scene, at(day, asked + rng.int(20, 360)), scene.team, 'team', fill(scene, lines.answers[k] ?? ''), ts);
}

/** A day's thread in the channel, of a kind drawn by weight. */
function thread(scene: ChannelScene, day: string, recent: boolean) {
  const { rng, lines } = scene;
  const kind = rng.weighted<keyof DemoConversations>([
    ['questions', 40],
    ['requests', 12],
    ['bugs', 12],
    ['praise', 10],
    ['chatter', 26],
  ]);
  if (kind === 'questions') return question(scene, day, recent);
  const ts = customerSays(scene, day, lines[kind] as string[]);
  if (kind === 'bugs' || kind === 'requests')
    say(
      scene,
      at(day, 600),
      scene.team,
      'team',
      'Thanks for flagging, logged it with the team and will report back here.',
      ts,
    );
}

/** The account's people in the channel: its contacts, and its CSM for our side. */
function speakers(ctx: DemoContext, plan: AccountPlan): { customers: Speaker[]; team: Speaker } {
  const [acc, name] = [column('contacts', 'account_id'), column('contacts', 'name')];
  const customers = ctx.tables.contacts.rows
    .filter((r) => r[acc] === plan.id)
    .map((r, i) => ({ id: `W${plan.id.slice(4)}${pad(i, 3)}`, name: String(r[name]) }));
  const [email, slackId, userName] = [
    column('users', 'email'),
    column('users', 'slack_id'),
    column('users', 'name'),
  ];
  const csm = ctx.tables.users.rows.find((r) => r[email] === plan.csm);
  return {
    customers: customers.length > 0 ? customers : [{ id: `W${plan.id.slice(4)}000`, name: 'Alex Morgan' }],
    team: { id: String(csm?.[slackId] ?? 'U00000000'), name: String(csm?.[userName] ?? 'Customer Success') },
  };
}

/** When the account stopped talking: its churn date, or the day before the as-of day. */
function lastDay(ctx: DemoContext, plan: AccountPlan): string | null {
  const churned = plan.churnIdx !== null && plan.returnIdx === null;
  if (!churned) return addDays(ctx.asOf, -1);
  const date = monthEnd(ctx.months[(plan.churnIdx as number) - 1] as string);
  return date >= addDays(ctx.asOf, -HISTORY_DAYS + 30) ? date : null;
}

/**
 * What a troubled account says before it leaves or shrinks (in varied words, at a day between 75
 * and 5 days before its last day), and a champion's goodbye before the month they left.
 */
function warnings(scene: ChannelScene, from: string, end: string) {
  const { rng, plan, lines, ctx } = scene;
  const troubled = ['churned', 'contracting', 'at_risk'].includes(plan.archetype);
  if (troubled && rng.chance(0.7)) {
    const day = addDays(end, -rng.int(5, 75));
    if (day >= from) customerSays(scene, day, lines.churn_intent);
  }
  // Champions move on in healthy accounts too: now and then one says goodbye in the last two months.
  const goodbye = plan.championLeftIdx === null && rng.chance(0.05);
  if (plan.championLeftIdx !== null || goodbye) {
    const month = plan.championLeftIdx === null ? null : ctx.months[plan.championLeftIdx];
    const day = month
      ? addDays(`${month}-01`, -rng.int(7, 20))
      : goodbye
        ? addDays(end, -rng.int(3, 60))
        : null;
    if (day && day >= from && day <= end) customerSays(scene, day, lines.champion_leaving);
  }
}

/** Our call notes on some of the account's calls and QBRs; a troubled account's say what was said. */
function callNotes(ctx: DemoContext, rng: SeededRandom, plan: AccountPlan, lines: DemoConversations) {
  const [acc, kind, when, notes] = ['account_id', 'kind', 'at', 'notes'].map((c) =>
    column('touchpoints', c),
  ) as [number, number, number, number];
  const troubled = ['churned', 'contracting', 'at_risk'].includes(plan.archetype);
  const from = addDays(ctx.asOf, -HISTORY_DAYS);
  for (const row of ctx.tables.touchpoints.rows) {
    if (row[acc] !== plan.id || !['call', 'qbr', 'meeting'].includes(String(row[kind]))) continue;
    if (String(row[when]).slice(0, 10) < from || !rng.chance(0.5)) continue;
    const pool = troubled && rng.chance(0.25) ? lines.churn_notes : lines.call_notes;
    row[notes] = rng
      .pick(pool)
      .replaceAll('{n}', String(rng.int(5, 40)))
      .replaceAll('{competitor}', rng.pick(lines.competitors));
  }
}

/**
 * The shared Slack channel of each account with a CSM (enterprise and mid-market, a third of
 * small business), linked a year ago, and five months of its history; call notes on touchpoints.
 * Drawn from a random stream of its own, so the rest of the demo is the same with or without it.
 */
export function emitConversations(ctx: DemoContext, plans: readonly AccountPlan[], rng: SeededRandom): void {
  const lines = ctx.vocab.conversations;
  for (const plan of plans) {
    if (plan.segment === 'self-serve' || !plan.csm) continue;
    callNotes(ctx, rng, plan, lines);
    if (plan.segment === 'smb' && !rng.chance(0.33)) continue;
    const end = lastDay(ctx, plan);
    if (!end) continue;
    const from = [addDays(ctx.asOf, -HISTORY_DAYS), plan.signupDate].sort().at(-1) as string;
    const channel = `C0DEMO${plan.id.slice(4)}`;
    add(ctx, 'customer_channels', {
      channel_id: channel,
      account_id: plan.id,
      name: `ext-${slug(plan.name)}`,
      shared: plan.segment === 'enterprise',
      linked_via: plan.segment === 'enterprise' ? 'slack_connect' : 'cli',
      linked_by: plan.csm,
      linked_at: `${addDays(ctx.asOf, -365)}T09:00:00.000Z`,
      backfill_days: 365,
      backfill_state: 'done',
    });
    const scene: ChannelScene = { ctx, rng, plan, channel, ...speakers(ctx, plan), lines, seq: 0 };
    for (let day = from; day <= end; day = addDays(day, rng.int(4, 12)))
      thread(scene, day, daysBetween(day, ctx.asOf) <= 3);
    warnings(scene, from, end);
  }
}
