import type { AccountHealthData } from './account-health-data.ts';
import { round1 } from './band-score.ts';
import { type DimensionScore, dimensionFrom, missingInput } from './health-types.ts';

/** Outcomes: success-plan goals — none met → 0–3, some → 4–6, all → 7–10. */
export function outcomes(data: AccountHealthData): DimensionScore {
  const goals = data.goals;
  if (goals.length === 0)
    return dimensionFrom(
      [
        missingInput('goals', 'no success-plan goals defined'),
        missingInput('roi_documented', 'ROI is not tracked'),
      ],
      'no success-plan goals defined',
    );
  const achieved = goals.filter((g) => g.status === 'achieved').length;
  const inProgress = goals.filter((g) => g.status === 'in_progress').length;
  const n = goals.length;
  const score =
    achieved === 0
      ? round1((3 * inProgress) / n)
      : achieved < n
        ? round1(4 + (2 * achieved) / n)
        : round1(7 + 3 * Math.min(1, n / 3));
  const missed = goals.filter((g) => g.status === 'missed').length;
  const detail = `${achieved} of ${n} goals achieved${inProgress ? `, ${inProgress} in progress` : ''}${missed ? `, ${missed} missed` : ''}`;
  return dimensionFrom(
    [
      { name: 'goals', value: `${achieved}/${n}`, score, as_of: data.asOf, detail },
      missingInput('roi_documented', 'ROI is not tracked'),
    ],
    detail,
  );
}
