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
