import { CseError, ErrorCode } from './errors.ts';

/**
 * The one source of "now" at run time. Everything that stamps, times or dates work (ingest,
 * SLA timers, drafts, snapshots, answers) reads the clock it was given, never the system time
 * directly: tests pin it, and `CSE_NOW` pins it for a whole process (reproducing a past day).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that always reads `at` (ISO date or date-time). */
export function fixedClock(at: string | Date): Clock {
  const instant = typeof at === 'string' ? parseInstant(at) : new Date(at.getTime());
  return { now: () => new Date(instant.getTime()) };
}

/** A date ('2026-11-24', read as noon UTC) or an ISO date-time with an offset. */
export function parseInstant(text: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T12:00:00.000Z` : text;
  const ms = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(ms)) {
    throw new CseError(ErrorCode.BadInput, `'${text}' is not a date or an ISO date-time`, {
      hint: 'Write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-11-24T09:00:00Z',
    });
  }
  return new Date(ms);
}

/** The process clock: `CSE_NOW` pins it when set, else the system time. */
export function clockFrom(config: { CSE_NOW?: string | undefined }): Clock {
  return config.CSE_NOW ? fixedClock(config.CSE_NOW) : systemClock;
}

/** Today on a clock, 'YYYY-MM-DD' (UTC). */
export function todayOn(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10);
}

/** `today` and `now` of one question, read once from the clock so the two always agree. */
export function clockFields(clock: Clock): { today: string; now: string } {
  const now = clock.now().toISOString();
  return { today: now.slice(0, 10), now };
}
