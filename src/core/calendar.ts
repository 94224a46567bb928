// Calendar days and weeks in local time, for the Checklist, the dashboard and the learning
// log, on top of the study timer's calendar (core/study.ts), so both count weeks alike.
// Pure: the time comes in as epoch milliseconds and the time zone from Date.

import { type FirstDayOfWeek, addDays, dayKey, weekStart } from './study';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export { dayKey } from './study';

/** Day keys of the first day of the last `count` calendar weeks, oldest first, this week last. */
export function lastWeeks(now: number, count: number, firstDay: FirstDayOfWeek = 'monday'): string[] {
  const thisWeek = weekStart(now, firstDay);
  return Array.from({ length: count }, (_, i) => dayKey(addDays(thisWeek, -7 * (count - 1 - i))));
}

/** '3 Nov' for the day key '2026-11-03'; the key itself if it is not one. */
export function shortDay(key: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]}` : key;
}
