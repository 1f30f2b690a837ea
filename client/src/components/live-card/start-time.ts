const DAY_MS = 24 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** Whole calendar days from `now`'s local date to `at`'s local date (rounded, so a DST day still counts as one). */
function calendarDaysBetween(now: Date, at: Date): number {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const to = new Date(at.getFullYear(), at.getMonth(), at.getDate()).getTime();
  return Math.round((to - from) / DAY_MS);
}

/**
 * A start time in the viewer's local time, in the words people use:
 * `今天 19:30`, `明天 09:00`, `昨天 21:15`, `11月28日 14:00`, and for another year `2025年3月1日 14:00`.
 * Returns `''` for a time that does not parse.
 */
export function formatStartTime(startsAt: Date | string, now: Date): string {
  const at = typeof startsAt === 'string' ? new Date(startsAt) : startsAt;
  if (Number.isNaN(at.getTime())) return '';
  const clock = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  switch (calendarDaysBetween(now, at)) {
    case 0:
      return `今天 ${clock}`;
    case 1:
      return `明天 ${clock}`;
    case -1:
      return `昨天 ${clock}`;
  }
  const date = `${at.getMonth() + 1}月${at.getDate()}日`;
  return at.getFullYear() === now.getFullYear() ? `${date} ${clock}` : `${at.getFullYear()}年${date} ${clock}`;
}
