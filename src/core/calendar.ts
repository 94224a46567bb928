// Calendar days and weeks in local time, for the Checklist, the dashboard and the learning
// log. Pure: the time comes in as epoch milliseconds and the time zone from Date.

const DAY_MS = 24 * 60 * 60 * 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'YYYY-MM-DD' of the local day that holds `ms`. */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Day keys of the first day (Monday) of the last `count` calendar weeks, oldest first, this week last. */
export function lastWeeks(now: number, count: number): string[] {
  const d = new Date(now);
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
  return Array.from({ length: count }, (_, i) => {
    const start = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() - 7 * (count - 1 - i));
    return dayKey(start.getTime());
  });
}

/** '3 Nov' for the day key '2026-11-03'; the key itself if it is not one. */
export function shortDay(key: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]}` : key;
}

export function daysToMs(days: number): number {
  return days * DAY_MS;
}
