import { renderDailyDigest } from '../day-digest.ts';
import { renderMovers } from '../movers-shape.ts';
import type { MyDayData } from './command.ts';

/** "My day": the digest, then the week's biggest health moves. Pure. */
export function renderMyDay(data: MyDayData): string {
  const shown = { ...data.movers, movers: data.movers.movers.slice(0, data.movers_shown) };
  const more = data.movers.movers.length - shown.movers.length;
  return [
    renderDailyDigest(data.digest),
    '',
    renderMovers(shown),
    ...(more > 0 ? [`…and ${more} more: "what changed this week"`] : []),
  ].join('\n');
}
