import { redactorFor, redactPii } from './redact.ts';

/** Names are read again after this long, so people added since are redacted too. */
const REFRESH_MS = 5 * 60_000;

/** Where the names of the people the store knows come from (contacts and the team). */
export type PeopleSource = () => Promise<readonly string[]>;

/**
 * A redactor that knows the store's people: compiled from `people` and refreshed every
 * REFRESH_MS. Without a source it redacts patterns alone.
 */
export function peopleRedactor(people?: PeopleSource): () => Promise<(text: string) => string> {
  let cached: { at: number; redact: (text: string) => string } | null = null;
  return async () => {
    if (!people) return redactPii;
    const now = performance.now();
    if (!cached || now - cached.at > REFRESH_MS) cached = { at: now, redact: redactorFor(await people()) };
    return cached.redact;
  };
}
