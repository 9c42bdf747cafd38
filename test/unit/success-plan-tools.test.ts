import { describe, expect, it } from 'vitest';
import { successPlaybook } from '../../knowledge/success-playbook.ts';
import { goalMilestones } from '../../tools/plans/goal-milestones.ts';
import { type GoalRow, scoreGoals } from '../../tools/plans/goal-scorecard.ts';
import { draftSuccessPlan } from '../../tools/plans/success-plan-draft.ts';

const AS_OF = '2026-11-24';
const START = '2026-05-24';
const observable = successPlaybook().observable_metrics;
const goal = (over: Partial<GoalRow>): GoalRow => ({
  goal_id: 'G1',
  objective: 'Grow weekly active users',
  metric: 'weekly active users',
  baseline: 100,
  target: 200,
  due: '2027-05-24',
  status: 'in_progress',
  ...over,
});

describe('goal scorecard', () => {
  it('scores each branch: achieved, missed, overdue, not started, behind, on track', () => {
    const scored = scoreGoals(
      [
        goal({ goal_id: 'A', status: 'achieved' }),
        goal({ goal_id: 'M', status: 'missed' }),
        goal({ goal_id: 'O', due: '2026-11-01' }),
        goal({ goal_id: 'N', status: 'not_started' }),
        goal({ goal_id: 'B' }),
        goal({ goal_id: 'T', metric: 'hours saved per week', baseline: 0, target: 40 }),
      ],
      AS_OF,
      { wau: 160 },
      observable,
      START,
    );
    expect(scored.map((g) => [g.goal_id, g.score])).toEqual([
      ['A', 'achieved'],
      ['M', 'missed'],
      ['O', 'overdue'],
      ['N', 'not_started'],
      ['B', 'on_track'],
      ['T', 'on_track'],
    ]);
    // 140 is 40% of the way from 100 to 200; half the year to the due date has passed (50%).
    expect(scoreGoals([goal({})], AS_OF, { wau: 140 }, observable, START)[0]).toMatchObject({
      current: 140,
      progress_percent: 40,
      score: 'behind',
      reason:
        'weekly active users 140 now, 40% of the way from 100 to 200, while 50% of the time to 2027-05-24 has passed',
    });
    expect(scored.find((g) => g.goal_id === 'O')).toMatchObject({ days_to_due: -23 });
    expect(scored.find((g) => g.goal_id === 'T')).toMatchObject({ current: null, progress_percent: null });
  });

  it('measures a falling target the right way round', () => {
    const [g] = scoreGoals(
      [goal({ metric: 'weekly active users', baseline: 200, target: 100 })],
      AS_OF,
      { wau: 150 },
      observable,
      START,
    );
    expect(g?.progress_percent).toBe(50);
  });
});

describe('goal milestones', () => {
  it('puts the halfway value at the halfway date and the target at due, with status from the measure', () => {
    const scored = scoreGoals([goal({ due: '2026-11-20' })], AS_OF, { wau: 160 }, observable, '2026-05-20');
    expect(goalMilestones(scored, '2026-05-20', AS_OF)).toEqual([
      {
        goal_id: 'G1',
        date: '2026-08-20',
        title: 'Grow weekly active users: 150 weekly active users (halfway)',
        status: 'reached',
      },
      {
        goal_id: 'G1',
        date: '2026-11-20',
        title: 'Grow weekly active users: 200 weekly active users (target)',
        status: 'missed',
      },
    ]);
  });
  it('marks unmeasurable milestones as such and near ones as due', () => {
    const scored = scoreGoals(
      [goal({ metric: 'hours saved', baseline: 0, target: 40, due: '2026-12-01' })],
      AS_OF,
      {},
      observable,
      '2026-06-01',
    );
    expect(goalMilestones(scored, '2026-06-01', AS_OF).map((m) => m.status)).toEqual(['unmeasured', 'due']);
  });
});

describe('success plan draft', () => {
  it('drafts the segment defaults from measured baselines with each target rule', () => {
    const draft = draftSuccessPlan(
      'enterprise',
      { wau: 400, seats_active: 500, features_used: 8 },
      1000,
      20,
      AS_OF,
      successPlaybook(),
    );
    expect(draft.goals).toEqual([
      {
        objective: 'Grow weekly active users across the organisation',
        metric: 'weekly active users',
        baseline: 400,
        target: 500,
        due: '2027-05-23',
        basis: "today's 400 + 25%",
      },
      {
        objective: 'Activate the seats purchased',
        metric: 'seats active',
        baseline: 500,
        target: 800,
        due: '2027-02-22',
        basis: '80% of 1000 seats purchased',
      },
      {
        objective: 'Broaden adoption to the core feature set',
        metric: 'features used',
        baseline: 8,
        target: 12,
        due: '2027-05-23',
        basis: '60% of 20 features',
      },
    ]);
    expect(draft.skipped).toEqual([]);
  });

  it('leaves out what it cannot baseline or is already at target, and says why', () => {
    const draft = draftSuccessPlan(
      'mid-market',
      { wau: null, seats_active: 90, features_used: 15 },
      100,
      20,
      AS_OF,
      successPlaybook(),
    );
    expect(draft.goals).toEqual([]);
    expect(draft.skipped).toEqual([
      'Grow weekly active users: no weekly active users in the usage data to set a baseline',
      'Activate the seats purchased: already at 90 seats active, at or above the default target 80',
      'Adopt more of the product: already at 15 features used, at or above the default target 10',
    ]);
  });
});
