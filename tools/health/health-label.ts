/** "72 (healthy)" for a score, or "unscored (not enough data)": how every answer names an account's health. Pure. */
export function healthLabel(health: { score: number | null; tier: string }): string {
  return health.score === null ? 'unscored (not enough data)' : `${health.score} (${health.tier})`;
}
