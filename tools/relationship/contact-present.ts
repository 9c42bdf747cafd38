import { addDays } from '../../core/calendar.ts';

/** What the relationship rules read of a contact. */
export interface ContactFacts {
  role: string | null;
  last_engaged_at: string | null;
  left_at: string | null;
}

/** Whether a contact is still at the customer on a day: not left, or left after it. */
export const isPresent = (contact: Pick<ContactFacts, 'left_at'>, day: string): boolean =>
  contact.left_at === null || contact.left_at > day;

/** The contacts still at the customer on a day. */
export const presentContacts = <C extends Pick<ContactFacts, 'left_at'>>(
  contacts: readonly C[],
  day: string,
): C[] => contacts.filter((c) => isPresent(c, day));

/**
 * Whether a contact engaged within `days` up to a day. An engagement dated after the day is not
 * known on that day, so it does not count (a backtest never looks ahead).
 */
export function isEngaged(
  contact: Pick<ContactFacts, 'last_engaged_at'>,
  day: string,
  days: number,
): boolean {
  const engaged = contact.last_engaged_at?.slice(0, 10) ?? null;
  return engaged !== null && engaged >= addDays(day, -days) && engaged <= day;
}
