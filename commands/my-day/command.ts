import { z } from 'zod';
import { compose } from '../compose.ts';
import type { CommandContext } from '../context.ts';
import { DailyDigestData } from '../day-digest.ts';
import { MoversData } from '../movers-shape.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderMyDay } from './render.ts';

/** Movers shown in "my day" (the rest: "what changed this week"). */
const MOVERS_SHOWN = 5;

export const MyDayData = z.object({
  digest: DailyDigestData,
  movers: MoversData,
  movers_shown: z.number().int(),
});
export type MyDayData = z.infer<typeof MyDayData>;

/** The digest and the week's moves, each through the router (typed here, so the registry's type does not depend on itself). */
async function dayParts(
  ctx: CommandContext,
): Promise<{ data: MyDayData; definitions: Record<string, string> }> {
  const [digest, moved] = await Promise.all([
    compose(ctx, 'daily_digest', {}),
    compose(ctx, 'movers', { days: 7 }),
  ]);
  return {
    data: { digest: digest.data, movers: moved.data, movers_shown: MOVERS_SHOWN },
    definitions: { ...digest.provenance.definitions, ...moved.provenance.definitions },
  };
}

export const myDay = defineCommand({
  intent: 'my_day',
  title: 'My day',
  summary:
    "The morning digest on demand for the asker's book: alerts waiting, those held back, what changed today, renewals this week, and the week's biggest health moves",
  examples: ['what should I focus on today?', 'what needs my attention', 'anything new?'],
  triggers: {
    kind: 'book',
    exact: [/^(?:my day|anything new|what s new|whats new|morning briefing|daily digest|my digest)$/],
    patterns: strong(
      /\bfocus on (?:today|this morning|now)\b|\bwhat should i (?:focus on|work on|do)\b/,
      /\bneeds? my attention\b|\bneed my attention\b/,
      /\bon my plate\b|\bmy day\b|\btoday s priorities\b|\btodays priorities\b|\bmy priorities\b/,
      /\bwhere should i start\b|\bany fires\b|\bto ?do list\b|\bwhat do i need to do\b/,
      /\b(?:daily|morning) (?:digest|briefing|brief)\b/,
      /\bwhat s urgent\b|\bwhats urgent\b|\banything urgent\b/,
    ),
  },
  render: renderMyDay,
  account: 'none',
  access: { area: 'account_health', write: false, target: 'book' },
  args: z.object({}).strict(),
  result: MyDayData,
  async run(ctx) {
    const { data, definitions } = await dayParts(ctx);
    return { data, asOf: ctx.today, definitions };
  },
});
