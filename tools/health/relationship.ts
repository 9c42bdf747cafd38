import type { HealthModel } from '../../knowledge/health-model.ts';
import type { ThreadingRule } from '../../knowledge/threading-rule.ts';
import { threadingOf } from '../relationship/threading.ts';
import type { AccountHealthData } from './account-health-data.ts';
import { round1 } from './band-score.ts';
import { type DimensionScore, dimensionFrom, type HealthInput, missingInput } from './health-types.ts';
import { touchRecency } from './touch-recency.ts';

/**
 * Relationship: the threading level (tools/relationship/threading.ts) decides the range — no
 * champion → 0–3, champion only → 4–6, multi-threaded → 7–10 — and within it more engaged
 * contacts and a recent exec touch score higher.
 */
export function relationship(
  data: AccountHealthData,
  model: HealthModel,
  rule: ThreadingRule,
): DimensionScore {
  if (data.contacts.length === 0)
    return dimensionFrom([missingInput('threading', 'no contacts imported')], 'no contacts imported');
  const threading = threadingOf(data.contacts, data.asOf, rule);
  const { engaged, execSponsor: sponsor } = threading;

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
  const score =
    threading.level === 'multi_threaded'
      ? 7 + Math.min(3, (sponsor ? 1 : 0) + 0.5 * Math.max(0, engaged - 2) + execBonus)
      : threading.level === 'single_threaded'
        ? 4 + Math.min(2, 0.75 * Math.max(0, engaged - 1) + execBonus)
        : Math.min(3, 0.75 * engaged + execBonus);
  const detail = threading.detail;
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
