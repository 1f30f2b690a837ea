const DAY_MS = 24 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as a wall clock shows it. */
interface WallClock {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * `at` on the wall clock of `timeZone` (an IANA name such as `Asia/Shanghai`), or of the device when none is given:
 * the viewer's own device says its local time; the BFF, rendering a page before the app runs, says the audience's.
 */
function wallClock(at: Date, timeZone?: string): WallClock {
  if (timeZone === undefined) {
    return {
      year: at.getFullYear(),
      month: at.getMonth() + 1,
      day: at.getDate(),
      hour: at.getHours(),
      minute: at.getMinutes(),
    };
  }
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** Whole calendar days from one wall-clock date to another (counted on a plain calendar, so DST cannot skew it). */
function calendarDaysBetween(from: WallClock, to: WallClock): number {
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / DAY_MS);
}

/**
 * A start time in the words people use, on the viewer's wall clock (the device's, or `timeZone`'s):
 * `今天 19:30`, `明天 09:00`, `昨天 21:15`, `11月28日 14:00`, and for another year `2025年3月1日 14:00`.
 * `relative: false` never says 今天/明天/昨天 (a text read on another day than it was written, such as an SMS).
 * Returns `''` for a time that does not parse.
 */
export function formatStartTime(
  startsAt: Date | string,
  now: Date,
  timeZone?: string,
  { relative = true }: { relative?: boolean } = {},
): string {
  const at = typeof startsAt === 'string' ? new Date(startsAt) : startsAt;
  if (Number.isNaN(at.getTime())) return '';
  const start = wallClock(at, timeZone);
  const today = wallClock(now, timeZone);
  const clock = `${pad(start.hour)}:${pad(start.minute)}`;
  switch (relative ? calendarDaysBetween(today, start) : undefined) {
    case 0:
      return `今天 ${clock}`;
    case 1:
      return `明天 ${clock}`;
    case -1:
      return `昨天 ${clock}`;
  }
  const date = `${start.month}月${start.day}日`;
  return start.year === today.year ? `${date} ${clock}` : `${start.year}年${date} ${clock}`;
}
