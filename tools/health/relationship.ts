import { addDays } from '../../core/calendar.ts';
import type { HealthModel } from '../../knowledge/health-model.ts';
import type { AccountHealthData } from './account-health-data.ts';
import { round1 } from './band-score.ts';
import { type DimensionScore, dimensionFrom, type HealthInput, missingInput } from './health-types.ts';
import { touchRecency } from './touch-recency.ts';

const ENGAGED_DAYS = 90;

/**
 * Relationship: the threading band decides the range — no champion → 0–3, champion only → 4–6,
 * multi-threaded (champion plus an exec sponsor or 3+ engaged contacts) → 7–10 — and within it
 * more engaged contacts and a recent exec touch score higher.
 */
export function relationship(data: AccountHealthData, model: HealthModel): DimensionScore {
  if (data.contacts.length === 0)
    return dimensionFrom([missingInput('threading', 'no contacts imported')], 'no contacts imported');
  const present = data.contacts.filter((c) => c.left_at === null || c.left_at > data.asOf);
  const since = addDays(data.asOf, -ENGAGED_DAYS);
  // Engaged within the 90 days up to as-of: an engagement dated after it is not known on that day.
  const engaged = present.filter(
    (c) => c.last_engaged_at !== null && c.last_engaged_at >= since && c.last_engaged_at <= data.asOf,
  ).length;
  const champion = present.some((c) => c.role === 'champion');
  const sponsor = present.some((c) => c.role === 'exec_sponsor');

  const execInput = touchRecency(
    'days_since_exec_touch',
    'exec touch',
    data.lastExecTouch,
    data.hasTouchpoints,
    data.asOf,
    model.bands.days_since_exec_touch,
  );
  // Up to one point inside the band for a recent exec touch.
  const execBonus = (execInput.score ?? 0) / 10;
  let score: number;
  let detail: string;
  if (!champion) {
    score = Math.min(3, 0.75 * engaged + execBonus);
    detail = `no champion; ${engaged} engaged contact${engaged === 1 ? '' : 's'} in 90 days`;
  } else if (sponsor || engaged >= 3) {
    score = 7 + Math.min(3, (sponsor ? 1 : 0) + 0.5 * Math.max(0, engaged - 2) + execBonus);
    detail = `multi-threaded: champion${sponsor ? ' and exec sponsor' : ''}, ${engaged} engaged contacts in 90 days`;
  } else {
    score = 4 + Math.min(2, 0.75 * Math.max(0, engaged - 1) + execBonus);
    detail = `champion only, ${engaged} engaged contact${engaged === 1 ? '' : 's'} in 90 days`;
  }
  const inputs: HealthInput[] = [
    { name: 'threading', value: engaged, score: round1(score), as_of: data.asOf, detail },
    execInput,
  ];
  return {
    score: round1(score),
    inputs,
    reason: inputs
      .filter((i) => i.score !== null)
      .map((i) => i.detail)
      .join('; '),
  };
}
