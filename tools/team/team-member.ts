/** What identifies a team member: accounts.csm and alert owners may hold any of these. */
export interface MemberKeys {
  user_id: string;
  email: string | null;
  slack_id: string | null;
}

/**
 * The team member a reference names (user id, email or Slack id; ids and emails regardless of
 * case), or undefined. The one CSM lookup over a list of users. Pure.
 */
export function memberNamed<U extends MemberKeys>(
  users: readonly U[],
  ref: string | null | undefined,
): U | undefined {
  if (!ref) return undefined;
  const lower = ref.toLowerCase();
  return (
    users.find((u) => u.user_id.toLowerCase() === lower) ??
    users.find((u) => u.email?.toLowerCase() === lower || u.slack_id === ref)
  );
}

/**
 * The leader an account answers to: the leader of its CSM's team, else the first leader on record
 * (null without leaders). The one rule for who a save play, a renewal plan, an escalation and a
 * feedback escalation name. Pure.
 */
export function leaderFor<U extends MemberKeys & { role: string; team: string | null }>(
  users: readonly U[],
  csmRef: string | null | undefined,
): U | null {
  const csm = memberNamed(users, csmRef);
  const leaders = users.filter((u) => u.role === 'leader');
  return leaders.find((l) => csm?.team && l.team === csm.team) ?? leaders[0] ?? null;
}
