import { daysBetween } from '../../core/calendar.ts';
import type { Band } from './band-score.ts';
import { bandScore } from './band-score.ts';
import { type HealthInput, missingInput } from './health-types.ts';

/**
 * An input scored on how many days ago a touch happened: banded when there is one; 0 when the
 * account has touchpoints but never this kind; missing when no touchpoints were imported at all.
 */
export function touchRecency(
  name: string,
  label: string,
  lastAt: string | null,
  hasTouchpoints: boolean,
  asOf: string,
  band: Band,
): HealthInput {
  if (lastAt) {
    const days = daysBetween(lastAt.slice(0, 10), asOf);
    return {
      name,
      value: days,
      score: bandScore(days, band),
      as_of: lastAt.slice(0, 10),
      detail: `last ${label} ${days} days ago`,
    };
  }
  return hasTouchpoints
    ? { name, value: null, score: 0, as_of: null, detail: `no ${label} on record` }
    : missingInput(name, 'no touchpoints imported');
}
