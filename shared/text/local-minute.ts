/**
 * A moment as people read it in messages, to the minute in local time: `2026-11-21 10:02`
 * ("an unknown time" for an invalid date).
 */
export function formatLocalMinute(time: Date): string {
  if (Number.isNaN(time.getTime())) return 'an unknown time';
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ${pad(time.getHours())}:${pad(time.getMinutes())}`;
}
