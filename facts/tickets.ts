import { startOfNextDay } from '../core/calendar.ts';
import { supportTickets } from '../knowledge/support-tickets.ts';
import type { Queryable } from '../store/db.ts';
import { openTicketsAt, openTicketsOfAccountsAt, type Ticket } from '../store/repositories/tickets.ts';
import { severeLabel, severeTickets } from '../tools/support/severe-tickets.ts';

/** The tickets an account had open at the end of a day (opened by then, not resolved by then), most severe first. */
export async function openTicketsOn(db: Queryable, accountId: string, day: string): Promise<Ticket[]> {
  return openTicketsAt(db, accountId, startOfNextDay(day));
}

/** The severe tickets (knowledge/support/tickets.json: P1/P2) among some tickets. */
export const severeOf = <T extends { severity: string | null }>(tickets: readonly T[]): T[] =>
  severeTickets(tickets, supportTickets());

/** The severe tickets each account had open at the end of a day, by account (accounts without any are absent). */
export async function severeOpenTicketsOn(
  db: Queryable,
  accountIds: readonly string[],
  day: string,
): Promise<Map<string, Ticket[]>> {
  const open = await openTicketsOfAccountsAt(db, accountIds, startOfNextDay(day));
  return new Map(
    [...open].map(([id, tickets]) => [id, severeOf(tickets)] as const).filter(([, t]) => t.length > 0),
  );
}

/** "P1/P2": how answers name the severe tickets. */
export const severeTicketsLabel = (): string => severeLabel(supportTickets());
