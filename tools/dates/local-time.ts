/** The local date ('YYYY-MM-DD') and hour (0–23) of an instant in an IANA time zone; UTC when the zone is unknown. */
export function localDateHour(
  nowIso: string,
  timeZone: string | null | undefined,
): { date: string; hour: number } {
  let zone = timeZone || 'UTC';
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(nowIso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}
