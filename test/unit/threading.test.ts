import { describe, expect, it } from 'vitest';
import { threadingRule } from '../../knowledge/threading-rule.ts';
import { isEngaged, isPresent } from '../../tools/relationship/contact-present.ts';
import { threadingOf } from '../../tools/relationship/threading.ts';
import { memberNamed } from '../../tools/team/team-member.ts';

const DAY = '2026-06-30';
const rule = threadingRule();
const contact = (role: string | null, last_engaged_at: string | null, left_at: string | null = null) => ({
  role,
  last_engaged_at,
  left_at,
});

describe('the one multi-threading rule', () => {
  it('reads its thresholds from knowledge/relationship/threading.json', () => {
    expect(rule).toEqual({
      engaged_days: 90,
      multi_threaded: { min_engaged_contacts: 3, exec_sponsor_with_champion: true },
    });
  });

  it('calls six engaged users without a champion "no champion", not single-threaded', () => {
    const users = Array.from({ length: 6 }, () => contact('user', '2026-06-01'));
    expect(threadingOf(users, DAY, rule)).toEqual({
      level: 'no_champion',
      engaged: 6,
      champion: false,
      execSponsor: false,
      detail: 'no champion; 6 engaged contacts in 90 days',
    });
  });

  it('is single-threaded with a champion alone, multi-threaded with a sponsor or 3 engaged', () => {
    expect(threadingOf([contact('champion', '2026-06-01'), contact('user', null)], DAY, rule)).toMatchObject({
      level: 'single_threaded',
      engaged: 1,
      detail: 'champion only, 1 engaged contact in 90 days',
    });
    expect(
      threadingOf([contact('champion', '2026-06-01'), contact('exec_sponsor', null)], DAY, rule),
    ).toMatchObject({ level: 'multi_threaded', engaged: 1, execSponsor: true });
    expect(
      threadingOf(
        [contact('champion', '2026-06-01'), contact('user', '2026-05-01'), contact('admin', '2026-04-02')],
        DAY,
        rule,
      ),
    ).toMatchObject({
      level: 'multi_threaded',
      engaged: 3,
      detail: 'multi-threaded: champion, 3 engaged contacts in 90 days',
    });
    expect(threadingOf([], DAY, rule).level).toBe('no_contacts');
  });

  it('counts only contacts still there and engaged in the 90 days up to the day, never after it', () => {
    expect(isPresent(contact('champion', null, '2026-06-30'), DAY)).toBe(false);
    expect(isPresent(contact('champion', null, '2026-07-01'), DAY)).toBe(true);
    expect(isEngaged(contact('user', '2026-04-01'), DAY, 90)).toBe(true);
    expect(isEngaged(contact('user', '2026-03-31'), DAY, 90)).toBe(false);
    expect(isEngaged(contact('user', '2026-07-01'), DAY, 90)).toBe(false);
    const left = threadingOf(
      [
        contact('champion', '2026-06-01', '2026-06-15'),
        contact('user', '2026-06-20'),
        contact('user', '2026-07-02'),
      ],
      DAY,
      rule,
    );
    expect(left).toMatchObject({ level: 'no_champion', engaged: 1, champion: false });
  });
});

describe('the one CSM lookup', () => {
  const users = [
    { user_id: 'u-maya', email: 'Maya@cs.example', slack_id: 'U01', name: 'Maya' },
    { user_id: 'u-lee', email: 'lee@cs.example', slack_id: 'U02', name: 'Lee' },
  ];
  it('finds a member by id, email or Slack id, ignoring the case of ids and emails', () => {
    expect(memberNamed(users, 'U-MAYA')?.name).toBe('Maya');
    expect(memberNamed(users, 'maya@cs.example')?.name).toBe('Maya');
    expect(memberNamed(users, 'U02')?.name).toBe('Lee');
    expect(memberNamed(users, 'nobody@cs.example')).toBeUndefined();
    expect(memberNamed(users, null)).toBeUndefined();
  });
});
